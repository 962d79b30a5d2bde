import assert from 'node:assert/strict';
import type { ConformanceCase } from '../src/lib/case.js';

export const helloCases: ConformanceCase[] = [
  {
    id: 'hello/get-json',
    title: 'GET returns the JSON body of Response.json',
    source: { kind: 'docs', ref: 'route.js: "export async function GET() { return Response.json(...) }"' },
    method: 'GET',
    path: '/hello',
    check(res) {
      assert.equal(res.status, 200);
      assert.match(String(res.headers['content-type']), /^application\/json/);
      assert.equal(res.body, '{"message":"Hello World"}');
    },
  },
];

import { request } from 'undici';

/** Where a case's expectation comes from. */
export interface CaseSource {
  kind: 'docs' | 'rfc' | 'observed' | 'spec';
  ref: string;
}

/** What a case sees of the answer. */
export interface CaseResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One conformance case: a request sent over HTTP and assertions on the answer. */
export interface ConformanceCase {
  id: string;
  title: string;
  source: CaseSource;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  check: (response: CaseResponse) => void;
}

/** Sends a case's request exactly as written to `baseUrl` and returns the answer. */
export async function send(baseUrl: string, c: ConformanceCase): Promise<CaseResponse> {
  const res = await request(new URL(c.path, baseUrl), {
    method: c.method,
    headers: c.headers,
    body: c.body,
  });
  return { status: res.statusCode, headers: res.headers, body: await res.body.text() };
}

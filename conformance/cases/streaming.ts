import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { docs, spec } from './sources.js';

const RULE = 'Streaming';

export const streamingCases: ConformanceCase[] = [
  {
    id: 'streaming/chunks-as-produced',
    title: 'a ReadableStream body is sent chunk by chunk as it is produced',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.streaming,
      spec(
        RULE,
        'A `ReadableStream` body is sent chunk by chunk as it is produced, with backpressure.',
      ),
    ],
    async run({ send }) {
      const response = await send({ path: '/stream/chunks' });
      ensure(
        response.status === 200 && response.body === 'one\ntwo\nthree\n',
        String.raw`expected 200 "one\ntwo\nthree\n", ` +
          `got ${response.status} ${JSON.stringify(response.body)}`,
      );
      const first = response.chunks[0]?.at ?? 0;
      const last = response.chunks.at(-1)?.at ?? 0;
      ensure(
        response.chunks.length >= 2 && last - first >= 500,
        `the body arrived in one go (${response.chunks.length} chunks, ${last - first} ms apart)`,
      );
    },
  },
  {
    id: 'streaming/client-abort',
    title:
      'when the client goes away, request.signal aborts with ResponseAborted and the body ' +
      'stream is cancelled',
    rule: 'Request',
    kind: 'error',
    sources: [
      spec(
        'Request',
        '`request.signal` aborts when the client goes away before the response finished ' +
          '(reason name `ResponseAborted`), and a streaming response body is cancelled with it.',
      ),
    ],
    async run({ send, uniqueId, sleep }) {
      const id = uniqueId();
      const response = await send({ path: `/request/signal?id=${id}`, abortAfterChunks: 1 });
      ensure(
        response.status === 200 && response.body.startsWith('chunk 1'),
        `expected the first chunk, got ${response.status} ${JSON.stringify(response.body)}`,
      );
      let events: string[] = [];
      for (
        let i = 0;
        i < 40 && !(events.includes('cancel') && events.some((e) => e.startsWith('abort:')));
        i++
      ) {
        await sleep(50);
        events = ((await send({ path: `/state?id=${id}` })).json() as { events: string[] }).events;
      }
      ensure(
        events.includes('abort:ResponseAborted'),
        'request.signal: expected an abort with reason ResponseAborted, ' +
          `got ${JSON.stringify(events)}`,
      );
      ensure(
        events.includes('cancel'),
        `body stream: expected cancel, got ${JSON.stringify(events)}`,
      );
      ensure(!events.includes('completed'), 'the body stream ran to the end after the client left');
    },
  },
];

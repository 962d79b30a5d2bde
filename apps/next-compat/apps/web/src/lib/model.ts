import { simulateReadableStream } from 'ai';
import { MockLanguageModelV4 } from 'ai/test';

/** The words the model streams, one text delta each. */
export const REPLY = ['The ', 'route ', 'streams ', 'one ', 'word ', 'at ', 'a ', 'time.'];

/**
 * An in-process language model: the AI SDK's own mock, streaming {@link REPLY} with a delay
 * between deltas, so a client can tell a streamed answer from a buffered one. Nothing leaves
 * the machine.
 */
export function demoModel(): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    provider: 'acme',
    modelId: 'acme-mock-1',
    doStream: () =>
      Promise.resolve({
        stream: simulateReadableStream({
          initialDelayInMs: 0,
          chunkDelayInMs: 60,
          chunks: [
            { type: 'stream-start', warnings: [] },
            { type: 'text-start', id: 't1' },
            ...REPLY.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
            { type: 'text-end', id: 't1' },
            {
              type: 'finish',
              finishReason: { unified: 'stop', raw: 'stop' },
              usage: {
                inputTokens: { total: 3, noCache: 3, cacheRead: 0, cacheWrite: 0 },
                outputTokens: { total: REPLY.length, text: REPLY.length, reasoning: 0 },
              },
            },
          ],
        }),
      }),
  });
}

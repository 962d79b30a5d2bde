// Every case against the approute router called in-process: the fixture app built by the
// approute CLI's own `buildApp`, opened with `openBuild`, and `router.fetch` handed each request
// with no socket in between. One test per case, so a failing case is a test to run alone
// (`vitest run -t 'files/hello-json'`); the HTTP matrix for the runtimes stays in the other files.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildApp, openBuild } from 'approute';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allCases } from './lib/all-cases.js';
import { InProcessClient } from './lib/in-process.js';
import { fixturesDir } from './lib/paths.js';
import { runCase } from './lib/run.js';

// What only an adapter between a socket and the app does, so an in-process call cannot show it.
const NEEDS_A_SOCKET: Record<string, string> = {
  'methods/400-unparsable-method':
    "the server's HTTP parser refuses a method token it does not know before any app sees it",
  'methods/501-trace-methods-get':
    'the Fetch API refuses to make a TRACE request; only a server adapter hands one over',
  'request/url-origin-from-host':
    "the URL's origin comes from the Host header, which the adapter reads",
  'streaming/client-abort':
    "request.signal aborting with ResponseAborted when the client goes away is the adapter's",
};

let client: InProcessClient;
let outDir: string;
const log: string[] = [];
const logs = () => log.join('\n');

beforeAll(async () => {
  // Inside the project, so that the compiled routes find what it depends on (react for the JSX
  // of the og/ routes), as a build in the project's own .approute does.
  await mkdir(join(fixturesDir(), '.approute'), { recursive: true });
  outDir = await mkdtemp(join(fixturesDir(), '.approute', 'approute-in-process-'));
  await buildApp(fixturesDir(), { warn: () => undefined, outDir });
  const router = await openBuild(outDir, {
    logger: {
      error: (message, error) => {
        log.push(error instanceof Error ? `${message}\n${error.stack ?? error.message}` : message);
      },
      warn: (message) => log.push(message),
    },
  });
  client = new InProcessClient(router.fetch);
}, 120_000);

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('the suite against router.fetch, in-process', () => {
  for (const c of allCases) {
    const reason = NEEDS_A_SOCKET[c.id];
    it.skipIf(reason !== undefined)(
      `${c.id}${reason ? ` (needs a socket: ${reason})` : ''}`,
      async () => {
        const result = await runCase(c, client, { logs });
        expect(result.error).toBeUndefined();
        expect(result.outcome).toBe('pass');
      },
    );
  }
});

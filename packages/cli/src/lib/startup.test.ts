// A server that cannot start says why and exits 1, holding nothing that would keep the process
// alive (esbuild contexts, file watchers): a script that runs it never hangs.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useFixtures } from './test-utils.js';

const fixture = useFixtures();
let blocker: ReturnType<typeof createServer>;
let port: number;

beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  port = (blocker.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => blocker.close(resolve));
});

describe.each(['dev', 'start'])('approute %s that cannot start', (command) => {
  it('on a port in use says so and exits 1 at once', async () => {
    const dir = await fixture('hello');
    const started = Date.now();
    const result = await runCli([command, '.', '--port', String(port)], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `approute ${command}: Port ${String(port)} is already in use on 127.0.0.1: stop the other server or pick another port with --port.\n`,
    );
    expect(result.stdout).not.toContain('ready on');
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it('on a hostname that is not this machine says so and exits 1', async () => {
    const dir = await fixture('hello');
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never an address of this machine; nothing is sent.
    const result = await runCli([command, '.', '--port', '0', '--hostname', '192.0.2.1'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^approute ${command}: Cannot listen on 192\\.0\\.2\\.1: it is not an address of this machine\\.`,
      ),
    );
  });
});

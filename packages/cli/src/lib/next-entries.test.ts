import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useFixtures, runCli, startCli } from './test-utils.js';

const fixture = useFixtures();

describe('next/* imports', () => {
  it('next/cache resolves to approute: revalidatePath() makes the static answer produce again', async () => {
    const dir = await fixture('next-cache');
    const server = await startCli(['start', '.', '--port', '0'], dir);
    try {
      const read = async () =>
        ((await (await request(`${server.url}/stats`)).body.json()) as { produced: number })
          .produced;
      const first = await read();
      expect(await read()).toBe(first);
      const refreshed = await request(`${server.url}/refresh`, { method: 'POST' });
      expect(refreshed.statusCode).toBe(204);
      await refreshed.body.dump();
      expect(await read()).toBe(first + 1);
    } finally {
      await server.stop();
    }
  });

  it('another next/* module fails the build with a message naming what is available', async () => {
    const dir = await fixture('next-image');
    const result = await runCli(['build', '.'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'app/logo/route.ts:1:19: "next/image" is not available outside Next.js (imported by app/logo/route.ts): approute provides next/server, next/headers, next/navigation, next/cache, next/og.',
    );
  });
});

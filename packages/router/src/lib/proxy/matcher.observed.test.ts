import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createProxyMatcher, requestConditionInput } from './matcher.js';

// What real Next.js answered, recorded by conformance/scripts/observe-proxy.mjs: one project
// per matcher config, each probe a real request to `next start` (`ran`: the proxy's header was
// on the answer).
interface Probe {
  path: string;
  headers?: Record<string, string>;
  status: number;
  ran: boolean;
}
interface ObservedConfig {
  name: string;
  nextConfig: { basePath?: string; trailingSlash?: boolean };
  matcher: unknown;
  probes: Probe[];
}
const table = JSON.parse(
  readFileSync(new URL('./observed-matchers.json', import.meta.url), 'utf8'),
) as { next: string; configs: ObservedConfig[] };

function requestFor(probe: Probe): Request {
  const headers = new Headers(probe.headers);
  // The probes went to 127.0.0.1 unless they set Host.
  if (!headers.has('host')) headers.set('host', '127.0.0.1:3000');
  return new Request('http://127.0.0.1:3000/', { headers });
}

describe(`matchers as Next.js ${table.next} runs them`, () => {
  it('has observations to check', () => {
    expect(table.configs.length).toBeGreaterThan(5);
  });

  for (const config of table.configs) {
    describe(config.name, () => {
      const matcher = createProxyMatcher(
        config.matcher === null ? undefined : { matcher: config.matcher },
        { basePath: config.nextConfig.basePath ?? '' },
      );
      for (const probe of config.probes) {
        const label = `${probe.path}${probe.headers ? ` ${JSON.stringify(probe.headers)}` : ''}`;
        // A 308 (trailing slash, repeated slashes) is answered before the proxy: the matcher
        // never sees that path.
        if (probe.status === 308) {
          it(`${label}: redirected before the proxy`, () => {
            expect(probe.ran).toBe(false);
          });
          continue;
        }
        it(`${label}: ${probe.ran ? 'runs' : 'does not run'}`, () => {
          const query = probe.path.indexOf('?');
          const pathname = query === -1 ? probe.path : probe.path.slice(0, query);
          const search = query === -1 ? '' : probe.path.slice(query);
          const input = requestConditionInput(requestFor(probe), search);
          expect(matcher.matches(pathname, input)).toBe(probe.ran);
        });
      }
    });
  }
});

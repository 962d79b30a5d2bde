import { describe, expect, it } from 'vitest';
import { parseProxyConfig } from './config.js';
import { ProxyMatcherError } from './errors.js';

describe('parseProxyConfig', () => {
  it('normalises a string, an array and objects', () => {
    expect(parseProxyConfig({ matcher: '/about/:path*' }, 'proxy.ts')).toEqual([
      { source: '/about/:path*' },
    ]);
    expect(
      parseProxyConfig(
        {
          matcher: [
            '/a',
            {
              source: '/api/:path*',
              locale: false,
              has: [{ type: 'header', key: 'Authorization', value: 'Bearer Token' }],
              missing: [{ type: 'cookie', key: 'session', value: 'active' }],
            },
            { source: '/h', has: [{ type: 'host', value: 'example.com' }] },
          ],
        },
        'proxy.ts',
      ),
    ).toEqual([
      { source: '/a' },
      {
        source: '/api/:path*',
        locale: false,
        has: [{ type: 'header', key: 'Authorization', value: 'Bearer Token' }],
        missing: [{ type: 'cookie', key: 'session', value: 'active' }],
      },
      { source: '/h', has: [{ type: 'host', value: 'example.com' }] },
    ]);
  });

  it.each([undefined, null, 'text', 1, {}, { matcher: undefined }, { matcher: '' }])(
    'runs the proxy everywhere for config %j',
    (config) => {
      expect(parseProxyConfig(config, 'proxy.ts')).toBeUndefined();
    },
  );

  it.each([
    [{ matcher: 'about' }, 'matcher', 'source must start with /'],
    [{ matcher: ['/a', '/b/(c'] }, 'matcher[1]', "Invalid source '/b/(c': Unbalanced pattern at 3"],
    [
      { matcher: 42 },
      'matcher',
      '`matcher` needs to be a static string or array of static strings or array of static objects.',
    ],
    [
      { matcher: { source: '/a' } },
      'matcher',
      '`matcher` needs to be a static string or array of static strings or array of static objects.',
    ],
    [
      { matcher: [{ source: '/a', sauce: 1 }] },
      'matcher[0]',
      'Unexpected property in `matcher[0]` object',
    ],
    [{ runtime: 'edge' }, 'runtime', 'Proxy does not support Edge runtime.'],
    [{ matcher: [{}] }, 'matcher[0].source', 'source is required'],
    [{ matcher: [7] }, 'matcher[0]', '`matcher` needs to be a static string'],
    [
      { matcher: [{ source: '/a', has: [{ type: 'header' }] }] },
      'matcher[0].has[0].key',
      'key is required when type is header, query or cookie',
    ],
    [
      { matcher: [{ source: '/a', has: [{ type: 'path', key: 'x' }] }] },
      'matcher[0].has[0].type',
      "`matcher[0].has[0].type` must be one of the strings: 'header', 'cookie', 'query', 'host'",
    ],
    [
      { matcher: [{ source: '/a', missing: [{ type: 'host' }] }] },
      'matcher[0].missing[0].value',
      'host must have a value',
    ],
    [
      { matcher: [{ source: '/a', has: [{ type: 'query', key: 'q', value: 1 }] }] },
      'matcher[0].has[0].value',
      'value must be a string',
    ],
    [
      { matcher: [{ source: '/a', has: [{ type: 'query', key: 'q', value: '(' }] }] },
      'matcher[0].has[0].value',
      'Invalid regular expression in value',
    ],
    [{ matcher: [{ source: '/a', locale: true }] }, 'matcher[0].locale', 'expected false'],
    [
      { matcher: [{ source: '/a', has: 'x' }] },
      'matcher[0].has',
      'Expected array, received string',
    ],
  ])('%j: %s', (config, path, problem) => {
    let thrown: unknown;
    try {
      parseProxyConfig(config, 'src/proxy.ts');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProxyMatcherError);
    const error = thrown as ProxyMatcherError;
    expect(error.code).toBe('ERR_PROXY_MATCHER');
    expect(error.files).toEqual(['src/proxy.ts']);
    expect(error.path).toBe(path);
    expect(error.message).toContain('src/proxy.ts contains invalid middleware config: ');
    expect(error.message).toContain(problem);
    expect(error.message).toContain(`at "${path}"`);
    expect(error.fix.length).toBeGreaterThan(20);
  });

  it('treats __proto__ and constructor as ordinary keys', () => {
    expect(() =>
      parseProxyConfig(
        { matcher: [JSON.parse('{"source":"/a","__proto__":{"x":1}}')] },
        'proxy.ts',
      ),
    ).toThrow('Unexpected property in `matcher[0]` object');
    expect(() =>
      parseProxyConfig({ matcher: [{ source: '/a', constructor: 1 }] }, 'proxy.ts'),
    ).toThrow('Unexpected property in `matcher[0]` object');
  });
});

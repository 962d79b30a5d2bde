import { describe, expect, it } from 'vitest';
import { RouteStartupError } from '../errors.js';
import { HTTP_METHODS } from '../methods.js';
import { InvalidSegmentConfigError, isStaticGet, readSegmentConfig } from './segment-config.js';

const GET = () => new Response('x');
const read = (mod: Record<string, unknown>) => readSegmentConfig(mod, '/x', 'x/route.ts');

describe('readSegmentConfig', () => {
  it('fills in the defaults of a module without config', () => {
    expect(read({ GET })).toMatchObject({
      dynamic: 'auto',
      revalidate: false,
      revalidateExported: false,
      dynamicParams: true,
      runtime: 'nodejs',
      fetchCache: 'auto',
    });
  });

  it('accepts every documented value', () => {
    for (const dynamic of ['auto', 'force-dynamic', 'error', 'force-static'])
      expect(read({ dynamic }).dynamic).toBe(dynamic);
    for (const runtime of ['nodejs', 'edge']) expect(read({ runtime }).runtime).toBe(runtime);
    expect(read({ revalidate: 60 }).revalidate).toBe(60);
    expect(read({ revalidate: 0 }).revalidate).toBe(0);
    expect(read({ dynamicParams: false }).dynamicParams).toBe(false);
    expect(
      read({ preferredRegion: ['iad1', 'fra1'], maxDuration: 30, fetchCache: 'force-no-store' }),
    ).toMatchObject({
      preferredRegion: ['iad1', 'fra1'],
      maxDuration: 30,
      fetchCache: 'force-no-store',
    });
  });

  it('rejects an invalid dynamic value naming the file, the export and the accepted values', () => {
    let error: unknown;
    try {
      read({ dynamic: 'static' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidSegmentConfigError);
    expect(error).toBeInstanceOf(RouteStartupError);
    expect((error as InvalidSegmentConfigError).code).toBe('ERR_INVALID_SEGMENT_CONFIG');
    expect((error as Error).message).toBe(
      'Invalid segment configuration options detected for "/x". Read more at https://nextjs.org/docs/app/api-reference/file-conventions/route-segment-config\n' +
        '  - export "dynamic" is "static"; accepted values: "auto", "force-dynamic", "error", "force-static" (in x/route.ts)\n' +
        'Change each export above in x/route.ts to one of its accepted values, or remove it.',
    );
  });

  it('lists every invalid export at once', () => {
    expect(() =>
      read({ revalidate: -1, dynamicParams: 'yes', maxDuration: 'long', runtime: 'deno' }),
    ).toThrow(
      /export "runtime" is "deno".*\n.*export "revalidate" is -1; accepted values: false, 0, or a number of seconds > 0.*\n.*export "dynamicParams" is "yes".*\n.*export "maxDuration" is "long"/,
    );
  });
});

describe('isStaticGet', () => {
  const is = (mod: Record<string, unknown>, id = '/x') =>
    isStaticGet(
      read(mod),
      HTTP_METHODS.filter((method) => typeof mod[method] === 'function'),
      id,
    );

  it('GET is dynamic by default (the v15 change)', () => {
    expect(is({ GET })).toBe(false);
  });

  it('opts in with force-static, error, revalidate false or N > 0, or generateStaticParams', () => {
    expect(is({ GET, dynamic: 'force-static' })).toBe(true);
    expect(is({ GET, dynamic: 'error' })).toBe(true);
    expect(is({ GET, revalidate: false })).toBe(true);
    expect(is({ GET, revalidate: 10 })).toBe(true);
    expect(is({ GET, generateStaticParams: () => [] })).toBe(true);
  });

  it('stays dynamic with force-dynamic, revalidate 0, or another method exported', () => {
    expect(is({ GET, dynamic: 'force-dynamic', revalidate: 10 })).toBe(false);
    expect(is({ GET, revalidate: 0 })).toBe(false);
    expect(is({ GET, POST: GET, dynamic: 'force-static' })).toBe(false);
    expect(is({ GET, HEAD: GET, dynamic: 'force-static' })).toBe(true);
    expect(is({ POST: GET, dynamic: 'force-static' })).toBe(false);
  });

  it('treats metadata-named routes as static unless told otherwise', () => {
    expect(is({ GET }, '/sitemap.xml')).toBe(true);
    expect(is({ GET }, '/blog/sitemap.xml')).toBe(true);
    expect(is({ GET }, '/robots.txt')).toBe(true);
    expect(is({ GET }, '/docs/robots.txt')).toBe(false);
    expect(is({ GET, dynamic: 'force-dynamic' }, '/sitemap.xml')).toBe(false);
  });
});

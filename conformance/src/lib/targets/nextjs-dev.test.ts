import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir } from '../paths.js';
import { routeUrls } from './nextjs-dev.js';

describe('routeUrls (the paths next dev is warmed with)', () => {
  const urls = routeUrls(join(fixturesDir(), 'app'));

  it('gives one URL per routable route file of the fixture project', () => {
    expect(urls).toHaveLength(new Set(urls).size);
    expect(urls).toEqual(expect.arrayContaining(['/', '/hello', '/methods/get', '/state']));
  });

  it('leaves out (group) and @slot folders but keeps an intercepting-style (.)x folder', () => {
    expect(urls).toEqual(
      expect.arrayContaining(['/grouped', '/deep-grouped', '/slotted', '/(.)intercepted']),
    );
    expect(urls.filter((url) => /\((group|inner)\)|@slot/.test(url))).toEqual([]);
  });

  it('reads %5F as an underscore and skips _private trees', () => {
    expect(urls).toContain('/_underscore');
    expect(urls).toContain('/pct%41');
    expect(urls.filter((url) => url.includes('_private'))).toEqual([]);
  });

  it('fills dynamic segments with a value and drops an optional catch-all', () => {
    expect(urls).toEqual(
      expect.arrayContaining(['/dashboard/team', '/blog/slug', '/docs', '/shop/tag/item', '/opt']),
    );
    expect(urls.filter((url) => /[[\]]/.test(url))).toEqual([]);
  });
});

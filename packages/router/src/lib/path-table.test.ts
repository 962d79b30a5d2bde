import { describe, expect, it } from 'vitest';
import { PathTable } from './path-table.js';

describe('PathTable', () => {
  it('finds what a Map finds, for keys that share a length and the characters it looks at', () => {
    const keys = ['', '/', '/a', 'a', '/a1x', '/b1x', '/c1x', 'é1x', '/api/items', '/api/itemz'];
    for (let i = 0; i < 500; i++)
      keys.push(`/route-${String(i)}`, `seg${String(i % 37)}x${String(i)}`);
    const table = new PathTable<number>();
    const map = new Map<string, number>();
    keys.forEach((key, index) => {
      table.set(key, index);
      map.set(key, index);
    });
    for (const key of [...keys, '/a2x', '/d1x', '/route-500', 'x', '/api/item', '/API/items']) {
      expect(table.get(key), key).toBe(map.get(key));
      expect(table.has(key), key).toBe(map.has(key));
    }
  });

  it('looks a key up inside a longer string without cutting it out', () => {
    const table = new PathTable<string>();
    table.set('dashboard', 'D');
    table.set('items', 'I');
    const path = '/dashboard/items/x';
    expect(table.get(path, 1, 10)).toBe('D');
    expect(table.get(path, 11, 16)).toBe('I');
    expect(table.get(path, 11, 15)).toBeUndefined();
    expect(table.get(path, 0, 10)).toBeUndefined();
    expect(table.get(path, 17, 18)).toBeUndefined();
  });

  it('replaces the value of a key set again', () => {
    const table = new PathTable<number>();
    table.set('/x', 1);
    table.set('/x', 2);
    expect(table.get('/x')).toBe(2);
  });
});

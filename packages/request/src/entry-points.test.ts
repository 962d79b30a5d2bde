import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as headersEntry from './headers.js';
import * as root from './index.js';
import * as navigationEntry from './navigation.js';
import * as serverEntry from './server.js';

describe('entry points', () => {
  it('/server exports NextRequest, NextResponse, after and the cookie and URL classes, like next/server', () => {
    expect(Object.keys(serverEntry).sort()).toEqual([
      'NextRequest',
      'NextResponse',
      'NextURL',
      'RequestCookies',
      'ResponseCookies',
      'after',
    ]);
  });

  it('/headers exports cookies, headers and draftMode, like next/headers', () => {
    expect(Object.keys(headersEntry).sort()).toEqual(['cookies', 'draftMode', 'headers']);
  });

  it('/navigation exports the control-flow functions and RedirectType, like next/navigation', () => {
    expect(Object.keys(navigationEntry).sort()).toEqual([
      'RedirectType',
      'forbidden',
      'notFound',
      'permanentRedirect',
      'redirect',
      'unauthorized',
      'unstable_rethrow',
    ]);
  });

  it('the root re-exports every public entry point and the seams the router and adapters use', () => {
    for (const entry of [serverEntry, headersEntry, navigationEntry]) {
      for (const [name, value] of Object.entries(entry))
        expect(root[name as keyof typeof root], name).toBe(value);
    }
    for (const seam of [
      'createLazyRequest',
      'asNextRequest',
      'toRequest',
      'createRequestScope',
      'runInScope',
      'finalizeResponse',
      'runAfterTasks',
      'controlFlowResponse',
      'middlewareOnlyKind',
    ]) {
      expect(typeof root[seam as keyof typeof root], seam).toBe('function');
    }
  });
});

describe('runtime neutrality', () => {
  it('imports no node:* module except node:async_hooks outside tests', () => {
    const dir = new URL('./', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
      (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
    );
    expect(files.length).toBeGreaterThan(10);
    const found = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(new URL(file, dir), 'utf8').matchAll(/from '(node:[^']+)'/g))
        found.add(match[1] ?? '');
    }
    expect([...found]).toEqual(['node:async_hooks']);
  });
});

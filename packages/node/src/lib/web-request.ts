import type { RequestInit as AdapterRequestInit } from './request.js';

/**
 * Builds the `Request` a handler receives from what the adapter collected.
 * @param init method, URL, raw headers, body source and signal
 */
export function toWebRequest(init: AdapterRequestInit): Request {
  const headers = new Headers();
  const raw = init.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] ?? '', raw[i + 1] ?? '');
  const body = init.body?.();
  return new Request(init.url, {
    method: init.method,
    headers,
    signal: init.signal,
    ...(body ? { body, duplex: 'half' } : {}),
  });
}

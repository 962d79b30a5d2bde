import type { RuntimeName } from './runtimes.js';

// Conformance cases a runtime cannot pass whatever the adapter does, each with the reason,
// found by running the suite on each runtime. The suite reports them as skipped.
const URL_PARSED =
  'the runtime parses the request target with the WHATWG URL parser before the app sees it: a backslash inside the path is already a slash, so the 308 cannot be told apart';
const REASON_PHRASE = 'writes its own reason phrase for the status code, never a custom statusText';

/** Per runtime, the conformance case ids it cannot pass, and why. */
export const RUNTIME_LIMITS: Readonly<Record<RuntimeName, Readonly<Record<string, string>>>> =
  Object.freeze({
    bun: Object.freeze({
      'urls/backslash-inside': `Bun: ${URL_PARSED}`,
      'next-response/status-text': `Bun ${REASON_PHRASE} (it writes "HM" for 299)`,
      'request/form-multipart':
        "Bun: formData() types a multipart file part 'text/plain;charset=utf-8', adding the charset",
      'request/form-multipart-garbage':
        'Bun: formData() rejects a malformed multipart body with an Error, not a TypeError',
      'request/form-multipart-wrong-boundary':
        'Bun: formData() rejects a multipart body with the wrong boundary with an Error, not a TypeError',
    }),
    deno: Object.freeze({
      'urls/backslash-inside': `Deno: ${URL_PARSED}`,
      'next-response/status-text': `Deno ${REASON_PHRASE} (none for 299)`,
    }),
    workerd: Object.freeze({
      'urls/backslash-inside': `workerd: ${URL_PARSED}`,
      'methods/501-link-dashboard-1':
        'workerd answers LINK (a method outside its own list) itself with "ERROR: Unrecognized request method." before the Worker runs',
      'errors/stream-fails-after-headers':
        'workerd ends a chunked body cleanly when the body stream errors after the headers went out',
      'request/form-urlencoded-odd':
        "workerd: formData() decodes the malformed escape '%ZZ' as 'ZZ'",
      'streaming/client-abort':
        'workerd aborts request.signal when the client goes away but does not cancel the response body stream',
    }),
    'edge-runtime': Object.freeze({
      'urls/backslash-inside': `edge-runtime: ${URL_PARSED}`,
    }),
  });

/**
 * Why `runtime` cannot pass the conformance case `id`, or `undefined` when it should pass it.
 * @param runtime the runtime
 * @param id the case id, e.g. `streaming/client-abort`
 */
export function runtimeLimit(runtime: RuntimeName, id: string): string | undefined {
  return Object.hasOwn(RUNTIME_LIMITS[runtime], id) ? RUNTIME_LIMITS[runtime][id] : undefined;
}

import type { ConformanceCase } from '../src/lib/case.js';
import { TEXT_TYPE } from './helpers.js';
import { docs, observed, rfc, spec, tests } from './sources.js';

const RULE = 'Methods';
const allowRule = spec(
  RULE,
  'No `OPTIONS` export: 204, no body, no content type, one `Allow` header: the exported ' +
    'methods plus `HEAD` when `GET` exists plus `OPTIONS`, sorted by plain string order, joined ' +
    '", "',
);
const headRule = spec(
  RULE,
  'No `HEAD` export but a `GET`: the GET handler runs (`request.method` is `HEAD`), status ' +
    'and headers kept, body not sent.',
);
const rule405 = spec(RULE, 'One of the seven, not exported: 405, empty body.');
const allow405 = spec(
  RULE,
  'One of the seven, not exported: 405 … **Divergence (approute)**: with the same `Allow` ' +
    'header as OPTIONS would give (RFC 9110 §15.5.6 requires it; Next.js omits it).',
);
const rfc405 = rfc(
  '15.5.6',
  '"The origin server MUST generate an Allow header field in a 405 response containing a list ' +
    'of the target resource\'s currently supported methods."',
);
const rule501 = spec(
  RULE,
  'Any other method token (TRACE, PROPFIND, QUERY, …): **Divergence (approute)**: 501 Not ' +
    'Implemented, empty body (RFC 9110 §15.6.2; Next.js answers 400, and 500 for TRACE).',
);
const rfc501 = rfc(
  '15.6.2',
  '"The 501 (Not Implemented) status code indicates that the server does not support the ' +
    'functionality required to fulfill the request. This is the appropriate response when the ' +
    'server does not recognize the request method and is not capable of supporting it for any ' +
    'resource."',
);

const ALLOW = {
  get: 'GET, HEAD, OPTIONS',
  post: 'OPTIONS, POST',
  all: 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT',
  none: 'OPTIONS',
  customHead: 'GET, HEAD, OPTIONS',
};

function options(id: string, title: string, path: string, allow: string): ConformanceCase {
  return {
    id,
    title,
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.options,
      tests.options,
      allowRule,
      observed(`OPTIONS ${path} → 204, Allow: ${allow}`),
    ],
    request: { method: 'OPTIONS', path },
    expect: { status: 204, headers: { allow, 'content-type': null }, body: '' },
  };
}

function dispatch(id: string, method: string, body?: string): ConformanceCase {
  return {
    id,
    title: `${method} dispatches to the ${method} export with the request`,
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.methods,
      tests.methods,
      spec(
        RULE,
        'The seven methods dispatch to the export of that name: `handler(request, context)`, ' +
          'its result awaited.',
      ),
    ],
    request: { method, path: '/methods/all', body },
    expect: {
      status: 200,
      headers: { 'x-handler': method },
      body: `${method} ${method}${body ? ` ${body}` : ''}`,
    },
  };
}

function notAllowed(id: string, method: string, path: string): ConformanceCase {
  return {
    id,
    title: `${method} on a route that does not export it is 405 with an empty body`,
    rule: RULE,
    kind: 'error',
    sources: [
      docs.unsupported405,
      tests.status405,
      rule405,
      observed(`${method} ${path} → 405, empty body`),
    ],
    request: { method, path, body: method === 'GET' || method === 'HEAD' ? undefined : 'ignored' },
    expect: { status: 405, body: '' },
  };
}

function allowOn405(id: string, method: string, path: string, allow: string): ConformanceCase {
  return {
    id,
    title: `a 405 for ${method} carries Allow: ${allow}`,
    rule: RULE,
    kind: 'error',
    sources: [allow405, rfc405],
    divergence: 'RFC 9110 §15.5.6 requires Allow on a 405; Next.js sends none',
    request: { method, path },
    expect: { status: 405, headers: { allow }, body: '' },
    nextjs: { status: 405, headers: { allow: null }, body: '' },
  };
}

function notImplemented(id: string, method: string, path = '/methods/get'): ConformanceCase {
  const next = method === 'TRACE' ? 500 : 400;
  return {
    id,
    title: `${method}, a method no route handler can export, is 501 with an empty body`,
    rule: RULE,
    kind: 'error',
    sources: [
      rule501,
      rfc501,
      method === 'TRACE'
        ? observed('TRACE → 500 ("\'TRACE\' HTTP method is unsupported")')
        : tests.status400,
    ],
    divergence:
      'an unknown method is "not implemented" (RFC 9110 §15.6.2); ' + `Next.js answers ${next}`,
    request: { method, path },
    expect: { status: 501, body: '' },
    nextjs: { status: next },
  };
}

export const methodCases: ConformanceCase[] = [
  options(
    'methods/options-get-only',
    'automatic OPTIONS for a GET-only route: Allow: GET, HEAD, OPTIONS',
    '/methods/get',
    ALLOW.get,
  ),
  options(
    'methods/options-post-only',
    'automatic OPTIONS for a POST-only route: Allow: OPTIONS, POST',
    '/methods/post',
    ALLOW.post,
  ),
  options(
    'methods/options-all',
    'automatic OPTIONS for a route exporting every other method, sorted',
    '/methods/all',
    ALLOW.all,
  ),
  options(
    'methods/options-none',
    'automatic OPTIONS for a route file exporting no handler: Allow: OPTIONS',
    '/methods/none',
    ALLOW.none,
  ),
  options(
    'methods/options-custom-head',
    'automatic OPTIONS lists an exported HEAD once',
    '/methods/custom-head',
    ALLOW.customHead,
  ),
  options(
    'methods/options-dynamic-route',
    'automatic OPTIONS on a dynamic route',
    '/dashboard/1',
    ALLOW.get,
  ),
  options(
    'methods/options-without-calling-handlers',
    'automatic OPTIONS does not run a handler that would throw',
    '/errors/throw',
    'GET, HEAD, OPTIONS, POST',
  ),
  {
    id: 'methods/options-custom',
    title: 'an exported OPTIONS is used as is: its status, headers and body',
    rule: RULE,
    kind: 'happy',
    sources: [docs.options, spec(RULE, 'An exported `OPTIONS` is used as is.')],
    request: { method: 'OPTIONS', path: '/methods/custom-options' },
    expect: {
      status: 200,
      headers: {
        allow: 'GET, OPTIONS, X-CUSTOM',
        'x-handler': 'OPTIONS',
        'x-seen-method': 'OPTIONS',
      },
      body: 'custom options',
    },
  },
  {
    id: 'methods/head-from-get',
    title:
      'HEAD without a HEAD export runs GET: request.method is HEAD, status and headers kept, ' +
      'no body',
    rule: RULE,
    kind: 'happy',
    sources: [headRule, observed('HEAD /methods/get → 200, x-seen-method: HEAD, no body')],
    request: { method: 'HEAD', path: '/methods/get' },
    expect: {
      status: 200,
      headers: {
        'x-handler': 'GET',
        'x-seen-method': 'HEAD',
        'content-type': 'text/plain; charset=utf-8',
      },
      body: '',
    },
  },
  {
    id: 'methods/get-body',
    title: 'GET on the same route sends the body and sees request.method GET',
    rule: RULE,
    kind: 'happy',
    sources: [docs.methods],
    request: { path: '/methods/get' },
    expect: {
      status: 200,
      headers: { 'x-seen-method': 'GET', 'content-type': 'text/plain; charset=utf-8' },
      body: 'GET body for GET',
    },
  },
  {
    id: 'methods/head-export',
    title: 'an exported HEAD is used for HEAD instead of GET',
    rule: RULE,
    kind: 'happy',
    sources: [docs.methods, observed('HEAD /methods/custom-head → 204 from the HEAD export')],
    request: { method: 'HEAD', path: '/methods/custom-head' },
    expect: { status: 204, headers: { 'x-handler': 'HEAD', 'x-seen-method': 'HEAD' }, body: '' },
  },
  {
    id: 'methods/head-export-get-untouched',
    title: 'GET on a route with its own HEAD still runs GET',
    rule: RULE,
    kind: 'happy',
    sources: [docs.methods],
    request: { path: '/methods/custom-head' },
    expect: {
      status: 200,
      headers: { 'x-handler': 'GET', 'content-type': TEXT_TYPE },
      body: 'from get',
    },
  },
  {
    id: 'methods/head-on-dynamic-route',
    title: 'HEAD from GET on a dynamic route keeps the JSON content type and sends no body',
    rule: RULE,
    kind: 'happy',
    sources: [headRule],
    request: { method: 'HEAD', path: '/dashboard/1' },
    expect: { status: 200, headers: { 'content-type': /^application\/json/ }, body: '' },
  },
  dispatch('methods/dispatch-get', 'GET'),
  dispatch('methods/dispatch-post', 'POST', 'posted'),
  dispatch('methods/dispatch-put', 'PUT', 'put'),
  dispatch('methods/dispatch-patch', 'PATCH', 'patched'),
  dispatch('methods/dispatch-delete', 'DELETE'),
  {
    id: 'methods/dispatch-head-export-all',
    title: 'HEAD dispatches to the HEAD export',
    rule: RULE,
    kind: 'happy',
    sources: [docs.methods],
    request: { method: 'HEAD', path: '/methods/all' },
    expect: { status: 200, headers: { 'x-handler': 'HEAD' }, body: '' },
  },
  {
    id: 'methods/post-only',
    title: 'POST on a POST-only route reads the request body',
    rule: RULE,
    kind: 'happy',
    sources: [docs.methods],
    request: { method: 'POST', path: '/methods/post', body: 'payload' },
    expect: { status: 200, headers: { 'x-handler': 'POST' }, body: 'POST payload' },
  },
  {
    id: 'methods/sync-handler',
    title: 'a handler that is not async may return a Response directly',
    rule: RULE,
    kind: 'happy',
    sources: [
      spec(RULE, '`handler(request, context)`, its result awaited'),
      observed('GET /methods/sync → 200 "sync GET"'),
    ],
    request: { path: '/methods/sync' },
    expect: { status: 200, body: 'sync GET' },
  },

  notAllowed('methods/405-post-methods-get', 'POST', '/methods/get'),
  notAllowed('methods/405-put-methods-get', 'PUT', '/methods/get'),
  notAllowed('methods/405-patch-methods-get', 'PATCH', '/methods/get'),
  notAllowed('methods/405-delete-methods-get', 'DELETE', '/methods/get'),
  notAllowed('methods/405-get-methods-post', 'GET', '/methods/post'),
  notAllowed('methods/405-put-methods-post', 'PUT', '/methods/post'),
  notAllowed('methods/405-delete-methods-post', 'DELETE', '/methods/post'),
  notAllowed('methods/405-get-methods-none', 'GET', '/methods/none'),
  notAllowed('methods/405-post-methods-none', 'POST', '/methods/none'),
  notAllowed('methods/405-post-methods-custom-options', 'POST', '/methods/custom-options'),
  notAllowed('methods/405-post-methods-custom-head', 'POST', '/methods/custom-head'),
  notAllowed('methods/405-post-dashboard-1', 'POST', '/dashboard/1'),
  notAllowed('methods/405-delete-blog-1-2', 'DELETE', '/blog/1/2'),
  notAllowed('methods/405-post-methods-sync', 'POST', '/methods/sync'),
  notAllowed('methods/405-get-request-form', 'GET', '/request/form'),
  notAllowed('methods/405-post-cache-dynamic', 'POST', '/cache/dynamic'),
  notAllowed('methods/405-put-hello', 'PUT', '/hello'),
  notAllowed('methods/405-patch-hello', 'PATCH', '/hello'),
  notAllowed('methods/405-delete-hello', 'DELETE', '/hello'),
  notAllowed('methods/405-post-root', 'POST', '/'),
  notAllowed('methods/405-post-docs', 'POST', '/docs'),
  notAllowed('methods/405-post-files-data-json', 'POST', '/files/data.json'),
  notAllowed('methods/405-delete-headers', 'DELETE', '/headers'),
  notAllowed('methods/405-put-errors-throw', 'PUT', '/errors/throw'),
  {
    id: 'methods/405-head-without-get',
    title: 'HEAD on a route with neither GET nor HEAD is 405',
    rule: RULE,
    kind: 'error',
    sources: [spec(RULE, 'No GET and no HEAD: HEAD is 405.'), observed('HEAD /methods/post → 405')],
    request: { method: 'HEAD', path: '/methods/post' },
    expect: { status: 405, body: '' },
  },
  {
    id: 'methods/405-head-no-handlers',
    title: 'HEAD on a route file exporting no handler is 405',
    rule: RULE,
    kind: 'error',
    sources: [spec(RULE, 'No GET and no HEAD: HEAD is 405.')],
    request: { method: 'HEAD', path: '/methods/none' },
    expect: { status: 405, body: '' },
  },
  allowOn405('methods/405-allow-post-methods-get', 'POST', '/methods/get', ALLOW.get),
  allowOn405('methods/405-allow-get-methods-post', 'GET', '/methods/post', ALLOW.post),
  allowOn405('methods/405-allow-get-methods-none', 'GET', '/methods/none', ALLOW.none),
  allowOn405('methods/405-allow-head-methods-post', 'HEAD', '/methods/post', ALLOW.post),
  allowOn405('methods/405-allow-post-dashboard-1', 'POST', '/dashboard/1', ALLOW.get),
  allowOn405(
    'methods/405-allow-post-methods-custom-head',
    'POST',
    '/methods/custom-head',
    ALLOW.customHead,
  ),
  allowOn405('methods/405-allow-get-request-form', 'GET', '/request/form', ALLOW.post),
  allowOn405(
    'methods/405-allow-put-errors-throw',
    'PUT',
    '/errors/throw',
    'GET, HEAD, OPTIONS, POST',
  ),
  allowOn405('methods/405-allow-delete-hello', 'DELETE', '/hello', ALLOW.get),
  notImplemented('methods/501-propfind-methods-get', 'PROPFIND'),
  notImplemented('methods/501-trace-methods-get', 'TRACE'),
  notImplemented('methods/501-purge-methods-get', 'PURGE'),
  notImplemented('methods/501-report-methods-get', 'REPORT'),
  notImplemented('methods/501-mkcol-methods-get', 'MKCOL'),
  notImplemented('methods/501-lock-methods-get', 'LOCK'),
  notImplemented('methods/501-copy-methods-get', 'COPY'),
  notImplemented('methods/501-search-methods-get', 'SEARCH'),
  notImplemented('methods/501-propfind-methods-all', 'PROPFIND', '/methods/all'),
  notImplemented('methods/501-link-dashboard-1', 'LINK', '/dashboard/1'),
  notImplemented('methods/501-unlock-hello', 'UNLOCK', '/hello'),
  notImplemented('methods/501-move-dashboard-1', 'MOVE', '/dashboard/1'),
  notImplemented('methods/501-proppatch-blog-1', 'PROPPATCH', '/blog/1'),
  notImplemented('methods/501-notify-root', 'NOTIFY', '/'),
  notImplemented('methods/501-subscribe-methods-none', 'SUBSCRIBE', '/methods/none'),
  notImplemented('methods/501-acl-methods-post', 'ACL', '/methods/post'),
  {
    id: 'methods/400-unparsable-method',
    title: 'HEADER, a method token the HTTP parser does not know, is 400 with an empty body',
    rule: RULE,
    kind: 'error',
    sources: [
      tests.status400,
      spec(
        RULE,
        "A method token the server's HTTP parser does not know at all (`HEADER`) is refused " +
          'before any route: 400, empty body',
      ),
      observed("HEADER /methods/get → 400, empty body (Node's HTTP parser)"),
    ],
    request: { method: 'HEADER', path: '/methods/get' },
    expect: { status: 400, body: '' },
  },
];

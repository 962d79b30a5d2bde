import type { ConformanceCase } from '../src/lib/case.js';
import { ensure } from '../src/lib/expect.js';
import { JSON_TYPE } from './helpers.js';
import { observed, spec } from './sources.js';

// next/server's helpers besides NextRequest and NextResponse, the globals Next.js defines, and
// what the Next.js APIs throw (name and message, which code matches on).
const RULE = 'Server functions';
const API = 'https://nextjs.org/docs/app/api-reference/functions';
const APP_ROUTES = 'https://github.com/vercel/next.js/blob/canary/test/e2e/app-dir/app-routes';

const docs = {
  userAgent: {
    kind: 'docs',
    url: `${API}/userAgent`,
    ref:
      'userAgent: "The userAgent helper extends the Web Request API with additional properties ' +
      'and methods to interact with the user agent object from the request." (isBot, browser, ' +
      'device, engine, os, cpu)',
  },
  connection: {
    kind: 'docs',
    url: `${API}/connection`,
    ref:
      'connection: "The connection() function allows you to indicate rendering should wait for ' +
      'an incoming user request before continuing." "It returns a void Promise."',
  },
  headers: {
    kind: 'docs',
    url: `${API}/headers`,
    ref: 'headers: "headers is an async function that returns a promise."',
  },
} as const;

const userAgentRule = spec(
  RULE,
  '`userAgent(request)` parses the `User-Agent` header, and `userAgentFromString(text)` a text, ' +
    'as ua-parser-js 1.0.35 does (the version Next.js 16.4 compiles in)',
);
const errorRule = spec(
  RULE,
  "What the Next.js APIs throw carries Next.js's `name` and message: Next.js throws plain " +
    "`Error`s, so `error.name` is `'Error'`",
);

const CHROME_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/120.0.6099.144 Mobile Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like ' +
  'Gecko) Version/17.2 Mobile/15E148 Safari/604.1';
const EDGE_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0';
const MALFORMED =
  'URL is malformed "/relative". Please use only absolute URLs - ' +
  'https://nextjs.org/docs/messages/middleware-relative-urls';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

const NONE = { ua: '', browser: {}, engine: {}, os: {}, device: {}, cpu: {}, isBot: false };
const LEARN_SCOPE = 'Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context';

function parsed(
  ua: string,
  parts: Record<'browser' | 'engine' | 'os' | 'device' | 'cpu', object>,
  isBot = false,
) {
  return { ua, ...parts, isBot };
}

export const serverCases: ConformanceCase[] = [
  {
    id: 'server/user-agent-mobile',
    title: 'userAgent(request): browser, engine, OS and device of a mobile Chrome',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.userAgent,
      userAgentRule,
      observed('Chrome 120 on a Galaxy S23 → Samsung mobile'),
    ],
    request: { path: '/server/user-agent', headers: { 'user-agent': CHROME_ANDROID } },
    expect: {
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      jsonIncludes: {
        request: parsed(CHROME_ANDROID, {
          browser: { name: 'Chrome', version: '120.0.6099.144', major: '120' },
          engine: { name: 'Blink', version: '120.0.6099.144' },
          os: { name: 'Android', version: '14' },
          device: { vendor: 'Samsung', model: 'SM-S918B', type: 'mobile' },
          cpu: {},
        }),
      },
    },
  },
  {
    id: 'server/user-agent-from-string',
    title: 'userAgentFromString: Mobile Safari on an iPhone, Edge on Windows with its CPU',
    rule: RULE,
    kind: 'happy',
    sources: [docs.userAgent, userAgentRule],
    async run({ send }) {
      for (const [ua, parts] of [
        [
          SAFARI_IPHONE,
          {
            browser: { name: 'Mobile Safari', version: '17.2', major: '17' },
            engine: { name: 'WebKit', version: '605.1.15' },
            os: { name: 'iOS', version: '17.2' },
            device: { vendor: 'Apple', model: 'iPhone', type: 'mobile' },
            cpu: {},
          },
        ],
        [
          EDGE_WINDOWS,
          {
            browser: { name: 'Edge', version: '120.0.0.0', major: '120' },
            engine: { name: 'Blink', version: '120.0.0.0' },
            os: { name: 'Windows', version: '10' },
            device: {},
            cpu: { architecture: 'amd64' },
          },
        ],
      ] as const) {
        const answer = await send({
          path: `/server/user-agent?ua=${encodeURIComponent(ua)}`,
          headers: { 'user-agent': 'x' },
        });
        const text = (answer.json() as { text: unknown }).text;
        const expected = parsed(ua, parts);
        ensure(
          JSON.stringify(text) === JSON.stringify(expected),
          `userAgentFromString(${ua}): expected ${JSON.stringify(expected)}, ` +
            `got ${JSON.stringify(text)}`,
        );
      }
    },
  },
  {
    id: 'server/user-agent-bot',
    title: 'userAgent: isBot is true for a crawler',
    rule: RULE,
    kind: 'happy',
    sources: [docs.userAgent, userAgentRule],
    request: { path: '/server/user-agent', headers: { 'user-agent': GOOGLEBOT } },
    expect: {
      status: 200,
      jsonIncludes: {
        request: {
          ua: GOOGLEBOT,
          browser: {},
          engine: {},
          os: {},
          device: {},
          cpu: {},
          isBot: true,
        },
      },
    },
  },
  {
    id: 'server/user-agent-none',
    title: 'userAgent without a User-Agent header, and userAgentFromString(undefined): empty parts',
    rule: RULE,
    kind: 'error',
    sources: [docs.userAgent, userAgentRule],
    request: { path: '/server/user-agent', headers: { 'user-agent': '' } },
    expect: { status: 200, json: { request: NONE, text: null, none: NONE } },
  },
  {
    id: 'server/connection',
    title: 'connection() resolves with nothing, and the handler runs on every request',
    rule: RULE,
    kind: 'happy',
    sources: [docs.connection, spec(RULE, '`connection()` resolves with `undefined`')],
    async run({ send }) {
      const first = await send({ path: '/server/connection' });
      const second = await send({ path: '/server/connection' });
      const a = first.json() as { isPromise: boolean; value: string; run: number };
      const b = second.json() as { run: number };
      ensure(a.isPromise && a.value === 'undefined', `got ${first.body}`);
      ensure(b.run > a.run, `the handler did not run again: ${first.body} then ${second.body}`);
      ensure(first.header('cache-control') === undefined, 'a dynamic route has no Cache-Control');
    },
  },
  {
    id: 'server/connection-force-static',
    title: 'connection() in a force-static route resolves; the answer stays static',
    rule: RULE,
    kind: 'happy',
    sources: [
      docs.connection,
      spec(RULE, "under `dynamic = 'force-static'` it resolves and the answer stays static"),
    ],
    async run({ send }) {
      const first = await send({ path: '/server/connection-static' });
      const second = await send({ path: '/server/connection-static' });
      ensure(first.status === 200, `status ${String(first.status)}`);
      ensure(
        first.body === second.body,
        `the static answer changed: ${first.body} → ${second.body}`,
      );
      ensure(
        first.header('cache-control') === 's-maxage=31536000',
        `cache-control: ${String(first.header('cache-control'))}`,
      );
    },
  },
  {
    id: 'server/url-pattern',
    title: "URLPattern from next/server is the runtime's global (undefined where it has none)",
    rule: RULE,
    kind: 'happy',
    sources: [
      spec(RULE, "`URLPattern` is the runtime's own global, or `undefined`: nothing is polyfilled"),
      observed('Node 20: URLPattern from next/server is undefined'),
    ],
    request: { path: '/server/url-pattern' },
    expect: { status: 200 },
    check(response) {
      const body = response.json() as {
        sameAsGlobal: boolean;
        defined: boolean;
        globalDefined: boolean;
        id: string | null;
      };
      ensure(body.sameAsGlobal, `next/server's URLPattern is not the global: ${response.body}`);
      ensure(body.defined === body.globalDefined, response.body);
      ensure(body.id === (body.defined ? '7' : null), `a pattern match gave ${String(body.id)}`);
    },
  },
  {
    id: 'server/global-websocket',
    title: 'a route sees a global WebSocket, as Next.js defines one on Node 20',
    rule: RULE,
    kind: 'happy',
    sources: [
      spec(RULE, 'a global `WebSocket` exists (Next.js defines one on Node versions without it)'),
      {
        kind: 'next-test',
        url: `${APP_ROUTES}/handlers/hello.ts`,
        ref: "app-routes' shared handler: throws unless globalThis.WebSocket is defined",
      },
    ],
    request: { path: '/server/globals' },
    expect: { status: 200, json: { webSocket: 'function' } },
  },
  {
    id: 'server/no-sync-access',
    title: 'cookies(), headers() and draftMode() have nothing to use before they are awaited',
    rule: RULE,
    kind: 'error',
    sources: [
      docs.headers,
      spec(
        RULE,
        'Without `await`, `cookies().get`, `headers().get` and `draftMode().isEnabled` are ' +
          '`undefined`',
      ),
    ],
    request: { path: '/server/sync-access' },
    expect: {
      status: 200,
      json: {
        cookiesGet: 'undefined',
        headersGet: 'undefined',
        draftModeIsEnabled: 'undefined',
        awaited: 'function',
      },
    },
  },
  {
    id: 'server/error-names',
    title: 'what the APIs throw: plain Errors (and a RangeError) with Next.js messages and digests',
    rule: RULE,
    kind: 'error',
    sources: [errorRule],
    request: { path: '/server/errors' },
    expect: {
      status: 200,
      json: {
        readonlyHeaders: {
          name: 'Error',
          message:
            'Headers cannot be modified. Read more: ' +
            'https://nextjs.org/docs/app/api-reference/functions/headers',
        },
        relativeRedirect: { name: 'Error', message: MALFORMED },
        redirectStatus: {
          name: 'RangeError',
          message: 'Failed to execute "redirect" on "response": Invalid status code',
        },
        relativeRequest: { name: 'Error', message: MALFORMED },
        afterArgument: {
          name: 'Error',
          message: '`after()`: Argument must be a promise or a function',
        },
        redirect: {
          name: 'Error',
          message: 'NEXT_REDIRECT',
          digest: 'NEXT_REDIRECT;replace;/elsewhere;307;',
        },
        notFound: {
          name: 'Error',
          message: 'NEXT_HTTP_ERROR_FALLBACK;404',
          digest: 'NEXT_HTTP_ERROR_FALLBACK;404',
        },
      },
    },
  },
  {
    id: 'server/outside-request',
    title: 'cookies(), headers(), draftMode(), connection() and after() outside a request throw',
    rule: RULE,
    kind: 'error',
    sources: [errorRule],
    request: { path: '/server/outside-scope' },
    expect: {
      status: 200,
      json: Object.fromEntries(
        ['cookies', 'headers', 'draftMode', 'connection', 'after'].map((name) => [
          name,
          {
            name: 'Error',
            message: `\`${name}\` was called outside a request scope. ${LEARN_SCOPE}`,
          },
        ]),
      ),
    },
  },
];

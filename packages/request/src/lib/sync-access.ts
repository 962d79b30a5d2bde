// Next.js 15 compatibility: `params`, `cookies()`, `headers()` and `draftMode()` are promises
// that can also be used synchronously (`params.id`, `cookies().get('a')`), as Next.js 15 made
// them for code written against Next.js 14. Next.js 16 removed this; the router turns it on only
// with `compat: 'next15'`. In development every synchronous use logs Next.js 15's warning, once
// per request and call site; in production nothing is logged (as Next.js 15).
import type { ReadonlyHeaders } from './readonly-headers.js';
import type { ResponseCookies } from './response-cookies.js';
import type { RequestScope, SyncAccess } from './scope.js';

const LEARN_MORE = 'Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis';

// The names Next.js never copies onto the params promise (they would shadow Promise and
// Object members or confuse React and module interop).
const WELL_KNOWN = new Set([
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'valueOf',
  'toLocaleString',
  'then',
  'catch',
  'finally',
  'status',
  'displayName',
  '_debugInfo',
  'toJSON',
  '$$typeof',
  '__esModule',
  '@@iterator',
]);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function describeProperty(target: string, prop: string): string {
  return IDENTIFIER.test(prop) ? `\`${target}.${prop}\`` : `\`${target}[${JSON.stringify(prop)}]\``;
}

function describeName(arg: unknown, objects: boolean): string {
  if (typeof arg === 'string') return `'${arg}'`;
  if (objects && typeof arg === 'object' && arg !== null) {
    const name = (arg as { name?: unknown }).name;
    if (typeof name === 'string') return `'${name}'`;
  }
  return '...';
}

function listNames(names: readonly string[]): string {
  if (names.length === 1) return `\`${names[0] ?? ''}\``;
  if (names.length === 2) return `\`${names[0] ?? ''}\` and \`${names[1] ?? ''}\``;
  // Next.js 15 writes the last separator as ", , and" for three or more names; kept as it is.
  return `${names
    .slice(0, -1)
    .map((name) => `\`${name}\`, `)
    .join('')}, and \`${names.at(-1) ?? ''}\``;
}

function warn(scope: RequestScope, access: SyncAccess, message: string): void {
  if (!access.warn) return;
  const warned = (scope.warned ??= new Set());
  if (warned.has(message)) return;
  warned.add(message);
  access.warn(message);
}

function prefix(access: SyncAccess): string {
  return access.route ? `Route "${access.route}" ` : 'This route ';
}

function warnValue(scope: RequestScope, api: string, expression: string): void {
  const access = scope.syncAccess;
  if (access?.warn === undefined) return;
  warn(
    scope,
    access,
    `${prefix(access)}used ${expression}. \`${api}()\` should be awaited before using its value. ${LEARN_MORE}`,
  );
}

/**
 * The route's params as Next.js 15 gave them: a promise of the params that also carries each
 * param as its own property.
 * @param params the matched params
 * @param scope the request's scope (its `syncAccess` says the route and where warnings go)
 */
export function syncParams(
  params: Record<string, string | string[]>,
  scope: RequestScope,
): Promise<Record<string, string | string[]>> {
  const promise = Promise.resolve(params);
  const access = scope.syncAccess;
  const copied = new Set<string>();
  const skipped: string[] = [];
  for (const name of Object.keys(params)) {
    if (WELL_KNOWN.has(name)) skipped.push(name);
    else {
      copied.add(name);
      (promise as unknown as Record<string, unknown>)[name] = params[name];
    }
  }
  if (access?.warn === undefined) return promise;
  return new Proxy(promise, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && copied.has(prop)) {
        warn(
          scope,
          access,
          `${prefix(access)}used ${describeProperty('params', prop)}. \`params\` should be awaited before using its properties. ${LEARN_MORE}`,
        );
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
    set(target, prop, value, receiver) {
      if (typeof prop === 'string') copied.delete(prop);
      return Reflect.set(target, prop, value, receiver);
    },
    ownKeys(target) {
      const expression = '`...params` or similar expression';
      warn(
        scope,
        access,
        skipped.length > 0
          ? `${prefix(access)}used ${expression}. \`params\` should be awaited before using its properties. The following properties were not available through enumeration because they conflict with builtin property names: ${listNames(skipped)}. ${LEARN_MORE}`
          : `${prefix(access)}used ${expression}. \`params\` should be awaited before using its properties. ${LEARN_MORE}`,
      );
      return Reflect.ownKeys(target);
    },
  });
}

type Member = (...args: unknown[]) => unknown;

// Defines `names` on `promise` as functions that warn (in development) and call `target`'s.
function copyMembers(
  promise: object,
  target: object,
  members: Record<string | symbol, (args: unknown[]) => string>,
  onUse: (expression: string) => void,
): void {
  for (const key of Reflect.ownKeys(members)) {
    const describe = members[key];
    const method = (target as Record<string | symbol, Member>)[key];
    if (describe === undefined || typeof method !== 'function') continue;
    Object.defineProperty(promise, key, {
      value: function (...args: unknown[]): unknown {
        onUse(describe(args));
        return method.apply(target, args);
      },
      writable: false,
    });
  }
}

/**
 * `cookies()` as Next.js 15 gave it: the promise of the store, with the store's members on it.
 * @param store the request's cookie store
 * @param scope the request's scope
 */
export function syncCookies(store: ResponseCookies, scope: RequestScope): Promise<ResponseCookies> {
  const promise = Promise.resolve(store);
  const used = (expression: string) => {
    warnValue(scope, 'cookies', expression);
  };
  const named =
    (method: string, more = false) =>
    (args: unknown[]) =>
      args.length === 0
        ? `\`cookies().${method}()\``
        : `\`cookies().${method}(${describeName(args[0], true)}${more && args.length > 1 ? ', ...' : ''})\``;
  copyMembers(
    promise,
    store,
    {
      [Symbol.iterator]: () => '`...cookies()` or similar iteration',
      get: named('get'),
      getAll: named('getAll'),
      has: named('has'),
      set: (args) =>
        args.length === 0
          ? '`cookies().set()`'
          : args[0]
            ? `\`cookies().set(${describeName(args[0], true)}, ...)\``
            : '`cookies().set(...)`',
      delete: named('delete', true),
      clear: () => '`cookies().clear()`',
      toString: () => '`cookies().toString()` or implicit casting',
    },
    used,
  );
  void Object.defineProperty(promise, 'size', {
    get() {
      used('`cookies().size`');
      return store.size;
    },
  });
  return promise;
}

/**
 * `headers()` as Next.js 15 gave it: the promise of the read-only headers, with their members.
 * @param view the request's read-only headers
 * @param scope the request's scope
 */
export function syncHeaders(view: ReadonlyHeaders, scope: RequestScope): Promise<ReadonlyHeaders> {
  const promise = Promise.resolve(view);
  const named =
    (method: string, more = false) =>
    (args: unknown[]) =>
      `\`headers().${method}(${describeName(args[0], false)}${more ? ', ...' : ''})\``;
  const fixed = (expression: string) => () => expression;
  copyMembers(
    promise,
    view,
    {
      append: named('append', true),
      delete: named('delete'),
      get: named('get'),
      has: named('has'),
      set: named('set', true),
      getSetCookie: fixed('`headers().getSetCookie()`'),
      forEach: fixed('`headers().forEach(...)`'),
      keys: fixed('`headers().keys()`'),
      values: fixed('`headers().values()`'),
      entries: fixed('`headers().entries()`'),
      [Symbol.iterator]: fixed('`...headers()` or similar iteration'),
    },
    (expression) => {
      warnValue(scope, 'headers', expression);
    },
  );
  return promise;
}

/** The members of `draftMode()`'s answer that Next.js 15 also put on the promise. */
interface DraftModeLike {
  readonly isEnabled: boolean;
  enable(): void;
  disable(): void;
}

/**
 * `draftMode()` as Next.js 15 gave it: the promise of the switch, with `isEnabled`, `enable()`
 * and `disable()` on it.
 * @param mode the request's draft-mode switch
 * @param scope the request's scope
 */
export function syncDraftMode<T extends DraftModeLike>(mode: T, scope: RequestScope): Promise<T> {
  const promise = Promise.resolve(mode);
  const used = (expression: string) => {
    warnValue(scope, 'draftMode', expression);
  };
  void Object.defineProperty(promise, 'isEnabled', {
    get() {
      used('`draftMode().isEnabled`');
      return mode.isEnabled;
    },
    enumerable: true,
    configurable: true,
  });
  copyMembers(
    promise,
    mode,
    { enable: () => '`draftMode().enable()`', disable: () => '`draftMode().disable()`' },
    used,
  );
  return promise;
}

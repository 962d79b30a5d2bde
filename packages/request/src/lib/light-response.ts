// On Node, constructing a WHATWG Response costs more than the whole of a plain node:http answer:
// undici converts the init dictionary, builds a Headers and a web byte stream for every body,
// string bodies included. A light response keeps its body (a string or bytes), status, status
// text and headers as given and builds the real Response only when something needs it (`body`,
// a body reader, …), so that an adapter can write the body with one `end()`. Its prototype chain
// runs through Response.prototype and `instanceof Response` holds for every kind, so handlers
// and the router cannot tell them apart.
//
// Light responses exist only while the light `Response` is installed as the global one (the
// Node adapter's `serve()` does that, reversibly): `NextResponse` and the router's buffered
// answers are light then, native otherwise, so that a runtime that needs its own Response (Bun,
// Deno, workerd) always gets one.

const NATIVE = Symbol.for('approute.nativeResponse');
/** The runtime's own Response (even when this module is loaded after the light one was installed). */
export const NativeResponse: typeof Response =
  (globalThis.Response as unknown as { [NATIVE]?: typeof Response })[NATIVE] ?? globalThis.Response;

const STATE = Symbol('approute.lightResponse');
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
// RFC 9110 reason-phrase: HTAB, SP, VCHAR, obs-text.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

/** What a light response holds until the real one is built. */
export interface LightState {
  /** The body as given (bytes are not copied again); null for none. */
  body: string | Uint8Array | null;
  status: number;
  statusText: string;
  /** The content type the body implies, added when headers are first built. */
  contentType: string | undefined;
  /** The headers, once built (or given). */
  headers: Headers | undefined;
  /**
   * Or the header fields flat (`[name, value, …]`, lower-case names, in the order `Headers`
   * iterates them), until `headers` is asked for; shared, never changed.
   */
  fields: readonly string[] | undefined;
  /**
   * With `fields`: the same fields with the body's `Content-Length` added, as an answer with a
   * body is written (worked out once per cached answer); shared, never changed.
   */
  sizedFields: readonly string[] | undefined;
  /** The real Response, once something needed it; the body belongs to it from then on. */
  real: Response | undefined;
}

type Light = Response & { [STATE]: LightState };

/**
 * Whether flat `[name, value, …]` fields have a field of that (lower-case) name.
 * @param fields the fields
 * @param name the name
 */
export function hasField(fields: readonly string[], name: string): boolean {
  for (let i = 0; i < fields.length; i += 2) if (fields[i] === name) return true;
  return false;
}

// Appends flat `[name, value, …]` fields to headers.
function appendFields(headers: Headers, fields: readonly string[]): void {
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i];
    const value = fields[i + 1];
    if (name !== undefined && value !== undefined) headers.append(name, value);
  }
}

function headersOf(state: LightState): Headers {
  if (state.headers) return state.headers;
  const headers = new Headers();
  const fields = state.fields;
  if (fields) appendFields(headers, fields);
  else if (state.contentType !== undefined) headers.set('content-type', state.contentType);
  state.fields = undefined;
  state.sizedFields = undefined;
  return (state.headers = headers);
}

function realOf(state: LightState): Response {
  return (state.real ??= new NativeResponse(state.body as BodyInit | null, {
    status: state.status,
    statusText: state.statusText,
    headers: headersOf(state),
  }));
}

/** Whether `new Response(body, init)` can stay light: a string, bytes or no body, ordinary init values. */
function isSimple(body: unknown, init: unknown): init is ResponseInit | undefined {
  if (body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) return false;
  if (init === undefined) return true;
  if (typeof init !== 'object' || init === null) return false;
  const { status, statusText } = init as ResponseInit;
  if (status !== undefined && !(Number.isInteger(status) && status >= 200 && status <= 599))
    return false;
  if (status !== undefined && body !== null && NULL_BODY_STATUS.has(status)) return false;
  return (
    statusText === undefined || (typeof statusText === 'string' && REASON_PHRASE.test(statusText))
  );
}

/** Builds the real Response for a body and init a light one cannot hold, with the native errors. */
export type NativeBuild = (body: BodyInit | null, init: ResponseInit | undefined) => Response;

/** `new Response(body, init)`, natively. */
export const nativeConstruct: NativeBuild = (body, init) => new NativeResponse(body, init);

// `Response.json(data, init)` natively, from the JSON text (which round-trips to the same text).
const nativeJson: NativeBuild = (text, init) =>
  NativeResponse.json(JSON.parse(text as string) as unknown, init);

/**
 * Fills `target` in as a response: light when it can be, otherwise around the real Response.
 * @param target the new object, its prototype set
 * @param body the body as given
 * @param init the init as given
 * @param contentType what a string body implies (`Response.json` gives `application/json`)
 * @param build makes the real Response when the body or init cannot stay light
 */
function construct(
  target: Light,
  body: BodyInit | null | undefined,
  init: ResponseInit | undefined,
  contentType: string | undefined,
  build: NativeBuild,
): void {
  if (body === undefined) body = null;
  if (!isSimple(body, init)) {
    // Anything else is the real thing from the start: same validation, same errors.
    const real = build(body, init);
    target[STATE] = {
      body: null,
      status: real.status,
      statusText: real.statusText,
      contentType: undefined,
      headers: real.headers,
      fields: undefined,
      sizedFields: undefined,
      real,
    };
    return;
  }
  const state: LightState = {
    // Bytes are copied, as the Fetch standard's body extraction does: a later change to the
    // caller's array must not show.
    body: body instanceof Uint8Array ? new Uint8Array(body) : (body as string | null),
    status: init?.status ?? 200,
    statusText: init?.statusText ?? '',
    contentType: typeof body === 'string' ? contentType : undefined,
    headers: undefined,
    fields: undefined,
    sizedFields: undefined,
    real: undefined,
  };
  const given = init?.headers;
  if (given !== undefined) {
    // Built now, so that invalid headers throw from the constructor as they do natively.
    const headers = new Headers(given);
    if (state.contentType !== undefined && !headers.has('content-type'))
      headers.set('content-type', state.contentType);
    state.headers = headers;
  }
  target[STATE] = state;
}

/**
 * The members a light response answers itself, on `prototype`; every other member of
 * Response.prototype (body readers, and whatever this runtime adds) forwards to the real one.
 * @param prototype the prototype to define them on
 * @param cloneTo the prototype of what `clone()` returns
 */
function defineLightMembers(prototype: object, cloneTo: () => object): void {
  const get = (read: (state: LightState) => unknown) => ({
    configurable: true,
    enumerable: true,
    get(this: Light) {
      return read(this[STATE]);
    },
  });
  Object.defineProperties(prototype, {
    status: get((state) => state.status),
    statusText: get((state) => state.statusText),
    ok: get((state) => state.status >= 200 && state.status <= 299),
    headers: get(headersOf),
    type: get((state) => (state.real ? state.real.type : 'default')),
    url: get((state) => (state.real ? state.real.url : '')),
    redirected: get((state) => (state.real ? state.real.redirected : false)),
    bodyUsed: get((state) => (state.real ? state.real.bodyUsed : false)),
    body: get((state) => realOf(state).body),
    clone: {
      configurable: true,
      enumerable: true,
      writable: true,
      // A copy with its own headers; a body not yet read is shared as the string or bytes it is.
      value(this: Light): Response {
        const state = this[STATE];
        const copy = Object.create(cloneTo()) as Light;
        copy[STATE] = {
          ...state,
          headers: state.fields ? undefined : new Headers(headersOf(state)),
          real: state.real?.clone(),
        };
        return copy;
      },
    },
  });
  for (const key of Reflect.ownKeys(NativeResponse.prototype)) {
    if (key === 'constructor' || key === Symbol.toStringTag || Object.hasOwn(prototype, key))
      continue;
    const descriptor = Reflect.getOwnPropertyDescriptor(NativeResponse.prototype, key);
    if (typeof descriptor?.value !== 'function') continue;
    const method = descriptor.value as (...args: unknown[]) => unknown;
    Object.defineProperty(prototype, key, {
      configurable: true,
      writable: true,
      value(this: Light, ...args: unknown[]) {
        return method.apply(realOf(this[STATE]), args);
      },
    });
  }
}

/** A `Response` that builds the real one only when asked for more than status, headers or its string or bytes body. */
export class LightResponse {
  declare [STATE]: LightState;
  /** The runtime's own Response, for a copy of this module loaded after this one was installed. */
  static readonly [NATIVE] = NativeResponse;

  /**
   * @param body the body; a string, a `Uint8Array` or `null` stays light, anything else builds the real Response
   * @param init status, status text and headers
   */
  constructor(body: BodyInit | null = null, init?: ResponseInit) {
    construct(this as unknown as Light, body, init, 'text/plain;charset=UTF-8', nativeConstruct);
  }

  /**
   * `Response.json()`: the JSON text as a light body with `content-type: application/json`.
   * @param data the value to serialise
   * @param init status, status text and headers
   */
  static json(data: unknown, init?: ResponseInit): Response {
    const response = Object.create(LightResponse.prototype) as Light;
    construct(response, jsonText(data), init, 'application/json', nativeJson);
    return response;
  }

  /** `instanceof` holds for real and light responses alike (and each subclass keeps its own check). */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === LightResponse) return value instanceof NativeResponse;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

defineLightMembers(LightResponse.prototype, () => LightResponse.prototype);
Object.setPrototypeOf(LightResponse.prototype, NativeResponse.prototype);
Object.setPrototypeOf(LightResponse, NativeResponse);

/**
 * `JSON.stringify(data)`, with the error `Response.json` throws for a value that has no JSON text.
 * @param data the value to serialise
 */
export function jsonText(data: unknown): string {
  const text = JSON.stringify(data) as string | undefined;
  if (text === undefined) throw new TypeError('Value is not JSON serializable');
  return text;
}

/** Whether responses are made light now: the light `Response` is the global one. */
export function lightResponses(): boolean {
  return globalThis.Response === (LightResponse as unknown as typeof Response);
}

/**
 * Makes a prototype for light instances of a Response subclass: it inherits the subclass's
 * own members (`NextResponse#cookies`) and answers the Response members itself.
 * @param parent the subclass's prototype
 */
export function lightPrototypeOf<R extends Response>(parent: R): R {
  const prototype = Object.create(parent) as R;
  Object.defineProperty(prototype, 'constructor', {
    value: (parent as { constructor: unknown }).constructor,
    writable: true,
    configurable: true,
  });
  defineLightMembers(prototype, () => LightResponse.prototype);
  return prototype;
}

/**
 * Creates a light response on `prototype` (from {@link lightPrototypeOf}).
 * @param prototype its prototype
 * @param body the body as given
 * @param init the init as given
 * @param contentType what a string body implies
 * @param build makes the real Response when the body or init cannot stay light
 */
export function createLight<R extends Response>(
  prototype: R,
  body: BodyInit | null | undefined,
  init: ResponseInit | undefined,
  contentType: string,
  build: NativeBuild,
): R {
  const response = Object.create(prototype) as Light & R;
  construct(response, body, init, contentType, build);
  return response;
}

/** A response whose whole body is known, as {@link bufferedResponse} takes it. */
export interface BufferedAnswer {
  status: number;
  statusText: string;
  /**
   * The header fields flat, `[name, value, …]`, lower-case names in the order `Headers`
   * iterates them (sorted, each `Set-Cookie` its own field); read, never changed.
   */
  fields: readonly string[];
  /** `fields` with the body's `Content-Length` added (unless it has one), for a GET. */
  sizedFields?: readonly string[];
  /** The body, read and never changed; null for none. */
  body: Uint8Array | string | null;
}

/**
 * A Response for an answer whose whole body is known (a cached one): light while light
 * responses are on, so that the Node adapter writes its fields and bytes as they are, with no
 * `Headers`, stream or copy; a native Response otherwise.
 * @param answer status, status text, header fields and body
 */
export function bufferedResponse(answer: BufferedAnswer): Response {
  const body = answer.body !== null && NULL_BODY_STATUS.has(answer.status) ? null : answer.body;
  if (!lightResponses()) {
    // The native constructor copies bytes (a string is encoded); the fields go straight into
    // the response's own headers, which on Bun takes half the time of a headers init. As with
    // a headers init, a string body's text/plain stays only where the fields have no type.
    const response = new NativeResponse(body as BodyInit | null, {
      status: answer.status,
      statusText: answer.statusText,
    });
    const headers = response.headers;
    const { fields } = answer;
    if (typeof body === 'string' && hasField(fields, 'content-type'))
      headers.delete('content-type');
    appendFields(headers, fields);
    return response;
  }
  const response = Object.create(LightResponse.prototype) as Light;
  response[STATE] = {
    body,
    status: answer.status,
    statusText: answer.statusText,
    contentType: undefined,
    headers: undefined,
    fields: answer.fields,
    sizedFields: answer.sizedFields,
    real: undefined,
  };
  return response;
}

/**
 * The state of a light response whose body nothing has read yet, or undefined (a native
 * response, or one whose real Response was built).
 * @param response any response
 */
export function lightState(response: Response): LightState | undefined {
  const state = (response as Partial<Light>)[STATE];
  return state && !state.real ? state : undefined;
}

// On Node, constructing a WHATWG Response costs more than the whole of a plain node:http answer:
// undici builds a web byte stream for every body, string bodies included. A LightResponse keeps
// a string body (and status, status text, headers) as given and builds the real Response only
// when something needs it (`body`, a body reader, `clone()` of a read body, …), so the adapter
// can write the string with one `end()`. Its prototype chain runs through Response.prototype and
// `instanceof Response` holds for both kinds, so handlers and the router cannot tell them apart.

/** The runtime's own Response, as it was before {@link installLightResponse}. */
export const NativeResponse = globalThis.Response;
const STATE = Symbol('approute.lightResponse');
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
// RFC 9110 reason-phrase: HTAB, SP, VCHAR, obs-text.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

interface LightState {
  /** The body as given; undefined once a real Response holds it. */
  text: string | null;
  status: number;
  statusText: string;
  /** The content type the body implies, added when headers are first built. */
  contentType: string | undefined;
  headers: Headers | undefined;
  real: Response | undefined;
}

type Light = Response & { [STATE]: LightState };

function stateOf(response: Response): LightState {
  return (response as Light)[STATE];
}

function headersOf(state: LightState): Headers {
  if (state.headers) return state.headers;
  const headers = new Headers();
  if (state.contentType !== undefined) headers.set('content-type', state.contentType);
  return (state.headers = headers);
}

function realOf(state: LightState): Response {
  return (state.real ??= new NativeResponse(state.text, {
    status: state.status,
    statusText: state.statusText,
    headers: headersOf(state),
  }));
}

/** Whether `new Response(body, init)` can stay light: a string or no body, ordinary init values. */
function isSimple(body: unknown, init: unknown): init is ResponseInit | undefined {
  if (body !== null && typeof body !== 'string') return false;
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

function construct(
  target: Light,
  body: BodyInit | null,
  init: ResponseInit | undefined,
  contentType: string | undefined,
): void {
  if (!isSimple(body, init)) {
    // Anything else is the real thing from the start: same validation, same errors.
    const real = new NativeResponse(body, init);
    target[STATE] = {
      text: null,
      status: real.status,
      statusText: real.statusText,
      contentType: undefined,
      headers: real.headers,
      real,
    };
    return;
  }
  const state: LightState = {
    text: body as string | null,
    status: init?.status ?? 200,
    statusText: init?.statusText ?? '',
    contentType: body === null ? undefined : contentType,
    headers: undefined,
    real: undefined,
  };
  if (init?.headers !== undefined) {
    // Built now, so that invalid headers throw from the constructor as they do natively.
    const headers = new Headers(init.headers);
    if (state.contentType !== undefined && !headers.has('content-type'))
      headers.set('content-type', state.contentType);
    state.headers = headers;
  }
  target[STATE] = state;
}

/** A `Response` that builds the real one only when asked for more than status, headers or its string body. */
export class LightResponse {
  declare [STATE]: LightState;

  /**
   * @param body the body; a string or `null` stays light, anything else builds the real Response
   * @param init status, status text and headers
   */
  constructor(body: BodyInit | null = null, init?: ResponseInit) {
    construct(this as unknown as Light, body, init, 'text/plain;charset=UTF-8');
  }

  /**
   * `Response.json()`: the JSON text as a light body with `content-type: application/json`.
   * @param data the value to serialise
   * @param init status, status text and headers
   */
  static json(data: unknown, init?: ResponseInit): Response {
    const text = JSON.stringify(data) as string | undefined;
    if (text === undefined) throw new TypeError('Value is not JSON serializable');
    const response = Object.create(LightResponse.prototype) as Light;
    construct(response, text, init, 'application/json');
    return response;
  }

  /** `instanceof` holds for real and light responses alike (and each subclass keeps its own check). */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === LightResponse) return value instanceof NativeResponse;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  get status(): number {
    return stateOf(this as unknown as Response).status;
  }
  get statusText(): string {
    return stateOf(this as unknown as Response).statusText;
  }
  get ok(): boolean {
    const { status } = stateOf(this as unknown as Response);
    return status >= 200 && status <= 299;
  }
  get headers(): Headers {
    return headersOf(stateOf(this as unknown as Response));
  }
  get type(): ResponseType {
    const state = stateOf(this as unknown as Response);
    return state.real ? state.real.type : 'default';
  }
  get url(): string {
    const state = stateOf(this as unknown as Response);
    return state.real ? state.real.url : '';
  }
  get redirected(): boolean {
    const state = stateOf(this as unknown as Response);
    return state.real ? state.real.redirected : false;
  }
  get bodyUsed(): boolean {
    const state = stateOf(this as unknown as Response);
    return state.real ? state.real.bodyUsed : false;
  }
  get body(): ReadableStream<Uint8Array> | null {
    return realOf(stateOf(this as unknown as Response)).body;
  }

  /** A copy with its own headers; a body not yet read is shared as the string it is. */
  clone(): Response {
    const state = stateOf(this as unknown as Response);
    const copy = Object.create(LightResponse.prototype) as Light;
    copy[STATE] = { ...state, headers: new Headers(headersOf(state)), real: state.real?.clone() };
    return copy;
  }
}

// Every other member of Response.prototype (body readers, and whatever this Node version adds)
// forwards to the real Response.
for (const key of Reflect.ownKeys(NativeResponse.prototype)) {
  if (
    key === 'constructor' ||
    key === Symbol.toStringTag ||
    Object.hasOwn(LightResponse.prototype, key)
  )
    continue;
  const descriptor = Reflect.getOwnPropertyDescriptor(NativeResponse.prototype, key);
  if (typeof descriptor?.value !== 'function') continue;
  const method = descriptor.value as (...args: unknown[]) => unknown;
  Object.defineProperty(LightResponse.prototype, key, {
    configurable: true,
    writable: true,
    value(this: Light, ...args: unknown[]) {
      return method.apply(realOf(this[STATE]), args);
    },
  });
}
Object.setPrototypeOf(LightResponse.prototype, NativeResponse.prototype);
Object.setPrototypeOf(LightResponse, NativeResponse);

/**
 * The string body of a light response that nothing has read, with its state, or undefined.
 * @param response any response
 */
export function lightBody(response: Response): LightState | undefined {
  const state = (response as Partial<Light>)[STATE];
  return state && !state.real ? state : undefined;
}

let installs = 0;
let replaced: typeof Response | undefined;

/**
 * Makes `Response` (and `Response.json`) light for everything that looks it up from now on.
 * Returns a function that undoes this call; the global `Response` is the one it was before
 * once every install has been undone (each running `serve()` holds one).
 */
export function installLightResponse(): () => void {
  if (installs === 0) {
    replaced = globalThis.Response;
    globalThis.Response = LightResponse as unknown as typeof Response;
  }
  installs += 1;
  let undone = false;
  return () => {
    if (undone) return;
    undone = true;
    installs -= 1;
    if (installs === 0 && replaced) {
      globalThis.Response = replaced;
      replaced = undefined;
    }
  };
}

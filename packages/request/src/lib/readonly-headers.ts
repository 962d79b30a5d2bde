import { RequestApiError } from './errors.js';

/** Thrown when the headers from `headers()` are changed. */
export class ReadonlyHeadersError extends RequestApiError {
  // Next.js's class of the same name leaves `name` as 'Error'.
  override readonly name = 'Error';
  /** The change that was attempted. */
  readonly operation: 'set' | 'append' | 'delete';
  /** The header it was attempted on. */
  readonly header: string;
  constructor(operation: 'set' | 'append' | 'delete', header: string) {
    super(
      'ERR_READONLY_HEADERS',
      'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers',
    );
    this.operation = operation;
    this.header = header;
  }
}

/**
 * A read-only, live view of a request's headers: reads go to the request's current
 * `Headers`, and `set`, `append` and `delete` throw {@link ReadonlyHeadersError}.
 */
export class ReadonlyHeaders extends Headers {
  readonly #request: { readonly headers: Headers };

  /**
   * Creates the view.
   * @param request the request whose headers to show (read on every call)
   */
  constructor(request: { readonly headers: Headers }) {
    super();
    this.#request = request;
  }

  override get(name: string): string | null {
    return this.#request.headers.get(name);
  }
  override has(name: string): boolean {
    return this.#request.headers.has(name);
  }
  override getSetCookie(): string[] {
    return this.#request.headers.getSetCookie();
  }
  override forEach(
    callback: (value: string, key: string, parent: Headers) => void,
    thisArg?: unknown,
  ): void {
    this.#request.headers.forEach((value, key) => {
      callback.call(thisArg, value, key, this);
    });
  }
  override entries(): HeadersIterator<[string, string]> {
    return this.#request.headers.entries();
  }
  override keys(): HeadersIterator<string> {
    return this.#request.headers.keys();
  }
  override values(): HeadersIterator<string> {
    return this.#request.headers.values();
  }
  override [Symbol.iterator](): HeadersIterator<[string, string]> {
    return this.#request.headers[Symbol.iterator]();
  }
  override set(...[name]: [name: string, value: string]): never {
    throw new ReadonlyHeadersError('set', name);
  }
  override append(...[name]: [name: string, value: string]): never {
    throw new ReadonlyHeadersError('append', name);
  }
  override delete(name: string): never {
    throw new ReadonlyHeadersError('delete', name);
  }
}

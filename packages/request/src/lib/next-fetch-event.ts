import { RequestApiError } from './errors.js';

/** What a {@link NextFetchEvent} is made from: the proxy's file and where its work is kept alive. */
export interface NextFetchEventInit {
  /** The proxy's page name as Next.js gives it, `/proxy` or `/middleware`. */
  page: string;
  /** Keeps the runtime alive until a promise settles (the adapter's `waitUntil`). */
  context?: { waitUntil?: (promise: Promise<unknown>) => void };
}

/** Thrown by the members of the pre-12.2 middleware signature (`event.request`, `respondWith`). */
export class PageSignatureError extends RequestApiError {
  // Next.js's class of the same name (next/dist/server/web/error) leaves `name` as 'Error'.
  override readonly name = 'Error';
  constructor(page: string) {
    // Next.js's text, byte for byte: its blank lines keep two spaces of indentation.
    super(
      'ERR_PAGE_SIGNATURE',
      `The middleware "${page}" accepts an async API directly with the form:\n  \n` +
        "  export function middleware(request, event) {\n    return NextResponse.redirect('/new-location')\n  }\n  \n" +
        '  Read more: https://nextjs.org/docs/messages/middleware-new-signature\n  ',
    );
  }
}

/**
 * The second argument of a proxy (`proxy(request, event)`): `waitUntil()` keeps the work it is
 * given running after the answer went out.
 */
export class NextFetchEvent {
  /** The proxy's page name, `/proxy` or `/middleware`. */
  readonly sourcePage: string;
  readonly #waitUntil: ((promise: Promise<unknown>) => void) | undefined;

  /**
   * @param init the proxy's page name and the adapter's `waitUntil`
   */
  constructor(init: NextFetchEventInit) {
    this.sourcePage = init.page;
    this.#waitUntil = init.context?.waitUntil;
  }

  /**
   * Extends the request's lifetime until `promise` settles; the answer does not wait for it.
   * @param promise background work
   */
  waitUntil(promise: Promise<unknown>): void {
    this.#waitUntil?.(promise);
  }

  /**
   * Removed from Next.js: the request is the proxy's first argument.
   * @throws PageSignatureError always
   */
  get request(): never {
    throw new PageSignatureError(this.sourcePage);
  }

  /**
   * Removed from Next.js: return the response instead.
   * @throws PageSignatureError always
   */
  respondWith(): never {
    throw new PageSignatureError(this.sourcePage);
  }
}

import { RequestApiError } from './errors.js';
import type { NextURL } from './next-url.js';
/** Thrown when a URL that must be absolute (a redirect target, a request URL) is not. */
export class MalformedURLError extends RequestApiError {
  // Next.js throws a plain Error with this message.
  override readonly name = 'Error';
  /** The URL as given. */
  readonly url: string;
  constructor(url: string, cause: unknown) {
    super(
      'ERR_MALFORMED_URL',
      `URL is malformed "${url}". Please use only absolute URLs - https://nextjs.org/docs/messages/middleware-relative-urls`,
      {
        cause,
      },
    );
    this.url = url;
  }
}

/**
 * Parses an absolute URL and returns its serialised form.
 * @param url the URL as given
 * @throws MalformedURLError when it is not an absolute URL
 */
export function validateAbsoluteURL(url: string | NextURL | URL): string {
  try {
    return new URL(String(url)).href;
  } catch (error) {
    throw new MalformedURLError(String(url), error);
  }
}

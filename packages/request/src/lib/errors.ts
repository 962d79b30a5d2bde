/** The stable identifier of each error this package throws. */
export type RequestErrorCode =
  | 'ERR_INVALID_COOKIE'
  | 'ERR_READONLY_HEADERS'
  | 'ERR_READONLY_COOKIES'
  | 'ERR_OUTSIDE_REQUEST_SCOPE'
  | 'ERR_MALFORMED_URL'
  | 'ERR_RESPONSE_ABORTED'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_PAGE_SIGNATURE'
  | 'ERR_INVALID_AFTER_TASK';

/**
 * The base of the errors `@approute/request` throws (control-flow errors such as
 * `redirect()`'s aside, which carry Next.js's `digest` instead): `code` tells them apart.
 */
export class RequestApiError extends Error {
  /** Which error this is. */
  readonly code: RequestErrorCode;

  /**
   * @param code the stable error code
   * @param message what went wrong, in Next.js's words where it has them
   * @param options the cause, if any
   */
  constructor(code: RequestErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

import { RouteStartupError } from '@approute/router';

/** The stable identifier of each error the command line reports itself. */
export type CliErrorCode =
  | 'ERR_APP_DIR_NOT_FOUND'
  | 'ERR_MISSING_BUILD'
  | 'ERR_BUILD_OPTIONS'
  | 'ERR_BAD_BODY_LIMIT'
  | 'ERR_COMPILE'
  | 'ERR_ROUTE_LOAD'
  | 'ERR_BAD_GRACE_PERIOD'
  | 'ERR_BAD_PORT'
  | 'ERR_BAD_TARGET'
  | 'ERR_BAD_HOSTNAME'
  | 'ERR_UNKNOWN_COMMAND'
  | 'ERR_UNKNOWN_OPTION'
  | 'ERR_OPTION_NOT_FOR_COMMAND'
  | 'ERR_BAD_OPTION_VALUE'
  | 'ERR_UNEXPECTED_ARGUMENT'
  | 'ERR_PORT_IN_USE'
  | 'ERR_PORT_NOT_ALLOWED'
  | 'ERR_WEB_BUILD'
  | 'ERR_NEXT_CONFIG'
  | 'ERR_BAD_COMPAT'
  | 'ERR_BAD_CACHE_HANDLER'
  | 'ERR_BAD_CACHE_OPTION';

/** An error of the command line's own (a missing app folder, a bad option): shown without a stack. */
export class CliError extends Error {
  override name = 'CliError';
  /** Which error this is. */
  readonly code: CliErrorCode;

  /**
   * @param code the stable error code
   * @param message what is wrong and how to fix it
   */
  constructor(code: CliErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Whether an error is one the user fixes (a startup error of the app, an error of the command
 * line, a compile error), so that its message is shown without a stack.
 * @param error anything thrown
 */
export function isUserError(error: unknown): boolean {
  return error instanceof RouteStartupError || error instanceof CliError || isCompileFailure(error);
}

/**
 * Whether an error is esbuild's report of a failed compilation (it lists file:line:column).
 * @param error anything thrown
 */
export function isCompileFailure(error: unknown): boolean {
  return (
    error instanceof Error &&
    Array.isArray((error as { errors?: unknown }).errors) &&
    Array.isArray((error as { warnings?: unknown }).warnings)
  );
}

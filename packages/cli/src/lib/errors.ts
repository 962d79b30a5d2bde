/** An error of the command line's own (a missing app folder, a bad option): shown without a stack. */
export class CliError extends Error {
  override name = 'CliError';
  /** A stable identifier of the error kind. */
  readonly code: string;

  /**
   * @param code the stable error code, e.g. `ERR_NO_APP_DIR`
   * @param message what is wrong and how to fix it
   */
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Whether an error is one the user fixes (a typed startup, configuration or compile error),
 * so that its message is shown without a stack.
 * @param error anything thrown
 */
export function isUserError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Typed errors carry a string `code` (RouteStartupError, CliError); esbuild's carry `errors`.
  const { code, errors } = error as { code?: unknown; errors?: unknown };
  return (
    (typeof code === 'string' && error.name !== 'Error' && !code.startsWith('ERR_MODULE')) ||
    Array.isArray(errors)
  );
}

// Records what Next.js's instrumentation hooks get, for app/api/errors to report.
const state = globalThis as typeof globalThis & { registered?: number; requestErrors?: unknown[] };

export function register() {
  state.registered = (state.registered ?? 0) + 1;
}

export function onRequestError(
  error: unknown,
  request: { path: string; method: string; headers: Record<string, string | string[]> },
  context: Record<string, unknown>,
) {
  state.requestErrors ??= [];
  state.requestErrors.push({
    message: error instanceof Error ? error.message : String(error),
    path: request.path,
    method: request.method,
    probe: request.headers['x-probe'] ?? null,
    context,
  });
}

/** A server a target driver started, serving the fixture app. */
export interface RunningTarget {
  /** The origin to send cases to, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Everything the server printed so far. */
  logs: () => string;
  /** Stops the server and everything it started. */
  stop: () => Promise<void>;
}

/** One place the suite can run: a runtime with an adapter, or another implementation. */
export interface Target {
  /** The name given to `--target`. */
  name: string;
  /** A column title for the matrix. */
  title: string;
  /** `approute`: must pass; `reference`: real Next.js, must pass except declared divergences; `third-party`: reported only. */
  group: 'approute' | 'reference' | 'third-party';
  /** Declared divergences that fail here are reported as known divergences. */
  nextjsCompatible: boolean;
  /** Set when the driver is declared but not written yet: why. */
  pending?: string;
  /** Cases this runtime cannot pass because of the runtime itself: case id → why. */
  limits?: Readonly<Record<string, string>>;
  /** Why the target cannot run on this machine, or `undefined` when it can. */
  unavailable(): Promise<string | undefined>;
  /**
   * Starts a server for the fixture project in `fixtures`.
   * @param fixtures the fixture project folder
   * @param options what the project's next.config sets, environment, extra `approute build` arguments
   */
  start(fixtures: string, options?: StartOptions): Promise<RunningTarget>;
}

/**
 * What a fixture project needs from the server that serves it: what its next.config sets that a
 * target which does not read next.config must be told (the approute targets pass them to
 * `approute build` and `start` as flags), and its environment.
 */
export interface StartOptions {
  /** `basePath`, e.g. `/base`. */
  basePath?: string;
  /** `trailingSlash: true`. */
  trailingSlash?: boolean;
  /** Environment variables for the server (the cache fixtures' `CACHE_UPSTREAM`). */
  env?: Record<string, string>;
  /**
   * Arguments for `approute build`, for what approute reads from flags rather than from
   * next.config (`--cache-components`, `--cache-life …`); ignored by other servers.
   */
  approuteBuildArgs?: readonly string[];
}

/**
 * The `approute` flags for what a fixture project's next.config sets.
 * @param options the project's base path and trailing slash
 */
export function approuteArgs(options: StartOptions | undefined): string[] {
  return [
    ...(options?.basePath ? ['--base-path', options.basePath] : []),
    ...(options?.trailingSlash ? ['--trailing-slash'] : []),
  ];
}

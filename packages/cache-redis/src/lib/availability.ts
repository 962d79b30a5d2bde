// Whether Redis is usable, decided once for every caller. While it is not, calls return their
// fallback at once instead of waiting on Redis; one line is logged when it goes away and one
// when it is back. A probe runs every `retryMs` until it succeeds, and when the client says it
// has reconnected.

/** Where the handler reports that Redis went away and came back. */
export interface CacheLogger {
  warn(message: string): void;
}

/** Options of {@link Availability}. */
export interface AvailabilityOptions {
  /** Resolves when Redis answers; rejects otherwise. */
  probe: () => Promise<void>;
  /**
   * Runs after a successful probe, before calls go to Redis again; what it resolves with is
   * added to the log line. A rejection counts as a failed probe.
   */
  onRecover: () => Promise<string | undefined>;
  logger: CacheLogger;
  /** What the log lines call the server, e.g. `redis://127.0.0.1:6379`. */
  label: string;
  /** How long between probes while Redis is unavailable. */
  retryMs: number;
}

function reason(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** The up/down state of one Redis connection, shared by every call through it. */
export class Availability {
  #state: 'connecting' | 'up' | 'down' | 'closed' = 'connecting';
  #timer: NodeJS.Timeout | undefined;
  #probing: Promise<void> | undefined;
  #firstAttempt: Promise<unknown> = Promise.resolve();
  readonly #options: AvailabilityOptions;

  /** @param options the probe, the recovery step and where to log */
  constructor(options: AvailabilityOptions) {
    this.#options = options;
  }

  /** `connecting` until the first answer, then `up` or `down`; `closed` after {@link close}. */
  get state(): 'connecting' | 'up' | 'down' | 'closed' {
    return this.#state;
  }

  /**
   * Runs `operation` when Redis is up; otherwise, or when it fails, returns `fallback`.
   * @param operation the Redis work
   * @param fallback what the caller gets without Redis
   */
  async run<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
    // Calls made before the first connection is settled wait for it (it is bounded by the
    // connect timeout), so a server's first requests do not all miss.
    if (this.#state === 'connecting') await this.#firstAttempt;
    if (this.#state !== 'up') return fallback;
    try {
      return await operation();
    } catch (error) {
      this.fail(error);
      return fallback;
    }
  }

  /**
   * The first connection attempt: calls made while it runs wait for it.
   * @param attempt settles when the client is connected or has failed to
   */
  connecting(attempt: Promise<unknown>): void {
    this.#firstAttempt = attempt.then(() => this.#probing);
  }

  /** The client connected (first time or again): probe now. */
  connected(): void {
    if (this.#state === 'up' || this.#state === 'closed') return;
    void this.#probe();
  }

  /**
   * Redis failed (a command, or the connection): report it once and start probing.
   * @param error what went wrong
   */
  fail(error: unknown): void {
    if (this.#state === 'down' || this.#state === 'closed') return;
    this.#state = 'down';
    this.#options.logger.warn(
      `[approute] Redis cache at ${this.#options.label} is unavailable (${reason(error)}); serving without the shared cache until it is back.`,
    );
    this.#schedule();
  }

  /** Stops probing; every later call gets its fallback. */
  close(): void {
    this.#state = 'closed';
    clearTimeout(this.#timer);
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#probe(), this.#options.retryMs);
    this.#timer.unref();
  }

  #probe(): Promise<void> {
    this.#probing ??= (async () => {
      let detail: string | undefined;
      try {
        await this.#options.probe();
        detail = await this.#options.onRecover();
      } catch (error) {
        if (this.#state === 'connecting') this.fail(error);
        else if (this.#state === 'down') this.#schedule();
        return;
      }
      if (this.#state === 'closed') return;
      const wasDown = this.#state === 'down';
      this.#state = 'up';
      clearTimeout(this.#timer);
      if (wasDown)
        this.#options.logger.warn(
          `[approute] Redis cache at ${this.#options.label} is back${detail ? `; ${detail}` : ''}.`,
        );
    })().finally(() => {
      this.#probing = undefined;
    });
    return this.#probing;
  }
}

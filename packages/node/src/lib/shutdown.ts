import type { Server } from 'node:http';

/** Work that goes on after an answer (`after()` callbacks, `waitUntil`), kept to wait for it. */
export class PendingWork {
  readonly #pending = new Set<Promise<unknown>>();

  /** How many promises are still running. */
  get size(): number {
    return this.#pending.size;
  }

  /**
   * Keeps `promise` until it settles.
   * @param promise the work
   */
  readonly add = (promise: Promise<unknown>): void => {
    const settled = (): void => {
      this.#pending.delete(kept);
    };
    const kept = promise.then(settled, settled);
    this.#pending.add(kept);
  };

  /**
   * Resolves with `true` once every kept promise settled (work added meanwhile included), or
   * with `false` at `deadline` (a `performance.now()` time).
   * @param deadline when to give up
   */
  async drain(deadline: number): Promise<boolean> {
    while (this.#pending.size > 0) {
      const left = deadline - performance.now();
      if (left <= 0) return false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, left)));
      await Promise.race([Promise.all(this.#pending), timeout]);
      clearTimeout(timer);
    }
    return true;
  }
}

/**
 * Closes a server gracefully: stops accepting, lets in-flight requests finish, closes idle
 * keep-alive connections as they become idle, and cuts what is left at `deadline`.
 * @param server the server
 * @param deadline when to cut the connections still open (a `performance.now()` time)
 */
export function closeGracefully(server: Server, deadline: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const cut = setTimeout(
      () => {
        server.closeAllConnections();
      },
      Math.max(0, deadline - performance.now()),
    );
    // Node has no event for "a keep-alive connection became idle", so look again every 25 ms
    // while closing: it costs nothing on the request path.
    const idle = setInterval(() => {
      server.closeIdleConnections();
    }, 25);
    server.close(() => {
      clearTimeout(cut);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

// Every server that handles signals, so that one signal closes them all before the exit.
const closers = new Set<() => Promise<void>>();
let shuttingDown = false;

// 128 + the signal's number, the shell's convention for "ended by this signal".
const FORCED_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) {
    // A second signal: whoever sent it does not want to wait.
    process.exit(FORCED_EXIT[signal] ?? 1);
  }
  shuttingDown = true;
  void Promise.allSettled([...closers].map((close) => close())).finally(() => process.exit(0));
}

/**
 * On SIGTERM or SIGINT, closes the server (with every other server that asked for it), then
 * exits with code 0; a second signal exits at once. Returns a function that removes the
 * server from that list.
 * @param close closes the server gracefully
 */
export function closeOnSignals(close: () => Promise<void>): () => void {
  if (closers.size === 0 && !shuttingDown) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  closers.add(close);
  return () => {
    closers.delete(close);
    if (closers.size === 0 && !shuttingDown) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  };
}

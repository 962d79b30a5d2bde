import type { Server } from 'node:http';

/**
 * Closes a server gracefully: stops accepting, lets in-flight requests finish, closes idle
 * keep-alive connections as they become idle, and cuts what is left after `timeout` ms.
 * @param server the server
 * @param timeout how long in-flight requests may take
 */
export function closeGracefully(server: Server, timeout: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const deadline = setTimeout(() => {
      server.closeAllConnections();
    }, timeout);
    // Node has no event for "a keep-alive connection became idle", so look again every 25 ms
    // while closing: it costs nothing on the request path.
    const idle = setInterval(() => {
      server.closeIdleConnections();
    }, 25);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

// Every server that handles signals, so that one signal closes them all before the exit.
const closers = new Set<() => Promise<void>>();
let shuttingDown = false;

function onSignal(): void {
  if (shuttingDown) return;
  shuttingDown = true;
  void Promise.allSettled([...closers].map((close) => close())).finally(() => process.exit(0));
}

/**
 * Closes the server on SIGTERM or SIGINT (with every other server that asked for it), then
 * exits with code 0; returns a function that removes the server from that list.
 * @param close closes the server gracefully
 */
export function closeOnSignals(close: () => Promise<void>): () => void {
  if (closers.size === 0) {
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
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

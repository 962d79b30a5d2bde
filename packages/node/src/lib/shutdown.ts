import type { Server } from 'node:http';

/**
 * Closes a server gracefully: stops accepting, lets in-flight requests finish, closes idle
 * keep-alive connections as they become idle, and cuts what is left after `timeout` ms.
 * @param server the server
 * @param timeout how long in-flight requests may take
 */
export function closeGracefully(server: Server, timeout: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const deadline = setTimeout(() => { server.closeAllConnections(); }, timeout);
    // Node has no event for "a keep-alive connection became idle", so look again every 25 ms
    // while closing: it costs nothing on the request path.
    const idle = setInterval(() => { server.closeIdleConnections(); }, 25);
    server.close(() => {
      clearTimeout(deadline);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Closes the server on SIGTERM or SIGINT, then exits with code 0; returns a function that
 * removes the signal handlers.
 * @param close closes the server gracefully
 */
export function closeOnSignals(close: () => Promise<void>): () => void {
  let closing = false;
  const onSignal = (): void => {
    if (closing) return;
    closing = true;
    void close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

// A raw HTTP/1.1 client over a TCP socket: sends bytes exactly as given (undici refuses
// malformed requests), and reads the answer until the server closes or a deadline passes.
import { connect } from 'node:net';

/** Host values a loose check lets through and the WHATWG URL parser rejects. */
export const BAD_HOSTS = ['a:99999', 'a:65536', '999.999.999.999', '1.2.3.4.5', 'xn--a.b', 'a@b'];

/** What came back on the socket. */
export interface RawAnswer {
  status: number | undefined;
  head: string;
  body: Buffer;
  closedBy: 'server' | 'timeout' | 'error';
}

/**
 * Sends `bytes` to the server and collects everything it answers.
 * @param port the server's port on 127.0.0.1
 * @param bytes the request, byte for byte
 * @param timeoutMs how long to wait for the server to finish answering
 */
export function sendRaw(
  port: number,
  bytes: Buffer | string,
  timeoutMs = 5000,
): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (closedBy: RawAnswer['closedBy']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = (split === -1 ? all : all.subarray(0, split)).toString('latin1');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({
        status: status === undefined ? undefined : Number(status),
        head,
        body: split === -1 ? Buffer.alloc(0) : all.subarray(split + 4),
        closedBy,
      });
    };
    const timer = setTimeout(() => {
      finish('timeout');
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      finish('server');
    });
    socket.on('close', () => {
      finish('server');
    });
    socket.on('error', () => {
      finish('error');
    });
    socket.write(bytes);
  });
}

/** The value of one header in a raw head, case-insensitive. */
export function headerOf(head: string, name: string): string | undefined {
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

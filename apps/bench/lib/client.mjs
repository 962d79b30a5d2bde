/* global Buffer, setImmediate */
// A minimal HTTP/1.1 keep-alive client over one socket, one request at a time: slow servers
// (under valgrind) get exactly the requests counted, and the client's own cost is outside them.
// When the server closes the connection between requests (its keep-alive timeout can pass
// while callgrind_control works), the client connects again and counts it in `reconnects`.
import { connect } from 'node:net';

/**
 * Opens a keep-alive connection to an `http://host:port` URL.
 * @param {string} url the server's origin
 */
export async function openClient(url) {
  const { hostname, port, host } = new URL(url);
  let socket;
  let buffer = Buffer.alloc(0);
  let pending;
  const state = { reconnects: 0 };

  async function open() {
    socket = connect({ host: hostname.replace(/^\[|\]$/g, ''), port: Number(port) });
    socket.setNoDelay(true);
    await new Promise((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      if (pending) parse();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => pending?.retry());
  }

  function parse() {
    const end = buffer.indexOf('\r\n\r\n');
    if (end === -1) return;
    const head = buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let bodyEnd;
    if (length) bodyEnd = end + 4 + Number(length[1]);
    else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const last = buffer.indexOf('\r\n0\r\n\r\n', end);
      if (last === -1) return;
      bodyEnd = last + 7;
    } else bodyEnd = end + 4;
    if (buffer.length < bodyEnd) return;
    const body = buffer.subarray(end + 4, bodyEnd).toString();
    buffer = buffer.subarray(bodyEnd);
    const done = pending;
    pending = undefined;
    done.resolve({ status, body });
  }

  await open();
  return {
    state,
    /**
     * Sends one GET and waits for the whole answer (sent again on a new connection if the
     * server closed the old one before answering).
     * @param {string} path the request target
     * @param {Record<string, string>} headers extra header fields
     * @returns {Promise<{ status: number, body: string }>}
     */
    get(path, headers = {}) {
      let text = `GET ${path} HTTP/1.1\r\nHost: ${host}\r\n`;
      for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
      text += '\r\n';
      return new Promise((resolve, reject) => {
        let tries = 0;
        const send = () => {
          if (!socket.destroyed) return socket.write(text);
          if (++tries > 3) return reject(new Error(`${url} keeps closing the connection`));
          state.reconnects++;
          open().then(send, reject);
        };
        pending = { resolve, reject, retry: () => setImmediate(send) };
        send();
      });
    },
    close() {
      pending = undefined;
      socket.destroy();
    },
  };
}

/* global Bun, Deno */
// Serves a fetch bundle under Bun or Deno: `<runtime> serve.mjs <bundle> <hostname> <port>`.
// The bundle path is absolute. Prints one line, `approute-runtime listening on <url>`, once the socket accepts connections.
import { pathToFileURL } from 'node:url';

const [bundle = '', hostname = '127.0.0.1', port = '0'] = globalThis.Bun
  ? Bun.argv.slice(2)
  : Deno.args;
const app = (await import(pathToFileURL(bundle).href)).default;
const fetchHandler = typeof app === 'function' ? app : app.fetch.bind(app);

const announce = (host, actualPort) => {
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`approute-runtime listening on http://${shown}:${actualPort}`);
};

if (globalThis.Bun) {
  // Bun answers HEAD itself by dropping the body; the handler still sees method HEAD.
  const server = Bun.serve({
    hostname,
    port: Number(port),
    fetch: (request, srv) => fetchHandler(request, srv),
  });
  announce(hostname, server.port);
} else {
  Deno.serve(
    {
      hostname,
      port: Number(port),
      onListen: ({ port: actualPort }) => announce(hostname, actualPort),
    },
    (request, info) => fetchHandler(request, info),
  );
}

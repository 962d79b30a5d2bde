// The baseline: node:http with hand-written routing and res.end(string).
import { createServer } from 'node:http';
import { rawListener } from './raw-listener.mjs';

const server = createServer(rawListener);
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${server.address().port}`);
});

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));

// The baseline: node:http with hand-written routing and res.end(string). BENCH_PROXY=1 adds
// the hand-written equivalent of proxy-app/proxy.ts in front.
import { createServer } from 'node:http';
import { rawListener, rawProxyListener } from './raw-listener.mjs';

const server = createServer(process.env.BENCH_PROXY === '1' ? rawProxyListener : rawListener);
server.listen(Number(process.env.PORT), '127.0.0.1', () => {
  console.log(`ready on http://127.0.0.1:${server.address().port}`);
});

// Exit normally on SIGTERM, so that --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));

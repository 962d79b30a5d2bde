// Breakdown step 1: the approute adapter with a handler that answers Response.json, nothing else.
// With BENCH_SCOPE=1 the handler runs inside an AsyncLocalStorage.run(), as the request scope does.
import { AsyncLocalStorage } from 'node:async_hooks';
import { serve } from '@approute/node';

const scope = new AsyncLocalStorage();
const answer = async () => Response.json({ message: 'Hello World' });
const running = await serve({
  port: Number(process.env.PORT),
  fetch: process.env.BENCH_SCOPE === '1' ? (request) => scope.run({ request }, answer) : answer,
});
console.log(`ready on ${running.url}`);

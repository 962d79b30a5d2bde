// Hono 4 on Bun: the app's own fetch, served by tools/runtimes' Bun.serve launcher.
import { honoApp } from './hono-app.mjs';

export default honoApp({ proxy: process.env.BENCH_PROXY === '1' });

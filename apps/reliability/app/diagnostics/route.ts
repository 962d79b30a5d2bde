import { probe } from '../../lib/probe';

// Samples RSS every 5 ms (unref'd) so tests can read the peak; reports live handles.
function sampler() {
  const p = probe();
  p.sampler ??= setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > p.peakRss) p.peakRss = rss;
  }, 5).unref();
  return p;
}

export async function GET() {
  const p = sampler();
  const resources = process.getActiveResourcesInfo();
  const memory = process.memoryUsage();
  return Response.json({
    rss: process.memoryUsage.rss(),
    heapUsed: memory.heapUsed,
    heapTotal: memory.heapTotal,
    external: memory.external,
    arrayBuffers: memory.arrayBuffers,
    peakRss: p.peakRss,
    aborted: p.aborted,
    cancelled: p.cancelled,
    resources: resources.reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }),
      {},
    ),
  });
}

// Resets the peak to the current RSS (after a GC when the process allows it).
export async function POST() {
  const p = sampler();
  (globalThis as { gc?: () => void }).gc?.();
  p.peakRss = process.memoryUsage.rss();
  return Response.json({ peakRss: p.peakRss });
}

// Counters shared by every route module of the fixture app (each route is bundled on its own,
// so shared state lives on globalThis), read back through /diagnostics.

/** What the fixture routes record about the requests they saw. */
export interface Probe {
  aborted: number;
  cancelled: number;
  peakRss: number;
  sampler?: ReturnType<typeof setInterval>;
}

const key = Symbol.for('approute.reliability.probe');

/** The process-wide probe. */
export function probe(): Probe {
  const holder = globalThis as unknown as Record<symbol, Probe | undefined>;
  let found = holder[key];
  if (!found) {
    found = { aborted: 0, cancelled: 0, peakRss: process.memoryUsage.rss() };
    holder[key] = found;
  }
  return found;
}

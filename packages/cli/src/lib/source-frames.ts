// Stack frames of approute's compiled route modules, mapped back to the route's source even
// when something else formats stacks: Vitest (and other tools) replace Error.prepareStackTrace
// with their own, and Node then leaves the frames of modules they did not load unmapped.
import { findSourceMap } from 'node:module';

const MAPPED = Symbol.for('approute.mappedStackTrace');
// `file:///…/.approute/<build>/server/…/route.mjs:3:9`, with `?v=…` in dev.
const FRAME = /(file:\/\/\/[^\s()]+?\.mjs)(\?[^\s():]*)?:(\d+):(\d+)/g;

function mapFrame(
  text: string,
  url: string,
  query: string | undefined,
  line: string,
  column: string,
): string {
  if (!url.includes('/.approute/')) return text;
  const entry = findSourceMap(url + (query ?? ''))?.findEntry(Number(line) - 1, Number(column) - 1);
  if (!entry || !('originalSource' in entry)) return text;
  return `${entry.originalSource}:${String(entry.originalLine + 1)}:${String(entry.originalColumn + 1)}`;
}

/**
 * Makes stacks show route files rather than compiled modules under a stack formatter other
 * than Node's own; with Node's own, `process.setSourceMapsEnabled(true)` already does.
 */
export function mapCompiledFrames(): void {
  process.setSourceMapsEnabled(true);
  type Format = ((error: Error, frames: NodeJS.CallSite[]) => unknown) & {
    [MAPPED]?: true;
  };
  // Read without calling it as a method: it is a plain function property.
  const { prepareStackTrace } = Error as { prepareStackTrace?: Format };
  const current = prepareStackTrace;
  if (current === undefined || current[MAPPED]) return;
  const wrapped = (error: Error, frames: NodeJS.CallSite[]): unknown => {
    const formatted = current(error, frames);
    return typeof formatted === 'string' ? formatted.replace(FRAME, mapFrame) : formatted;
  };
  Error.prepareStackTrace = Object.assign(wrapped, { [MAPPED]: true as const });
}

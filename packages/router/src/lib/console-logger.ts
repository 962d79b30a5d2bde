import type { RouterLogger } from './router-types.js';

// An error as one text, the same on every runtime: `Name: message`, its stack, then its
// cause. Bun's console.error would print an Error object its own way (`error: message` under a
// source excerpt), so the router never hands it one; a stack without the `Name: message` line
// (some runtimes leave it out) gets it in front.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? '';
  const text = stack.startsWith(head) ? stack : stack === '' ? head : `${head}\n${stack}`;
  return error.cause === undefined ? text : `${text}\n[cause]: ${describe(error.cause)}`;
}

/** The router's logger when none is given: `console`, errors written out as their stack. */
export const consoleLogger: RouterLogger = {
  error(message, error) {
    console.error(error === undefined ? message : `${message}\n${describe(error)}`);
  },
  warn(message) {
    console.warn(message);
  },
};

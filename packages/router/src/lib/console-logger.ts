import type { RouterLogger } from './router-types.js';

// An error as one text, the same on every runtime: its stack (which starts with `Name:
// message`), then its cause. Bun's console.error would print an Error object its own way
// (`error: message` under a source excerpt), so the router never hands it one.
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const text = error.stack ?? `${error.name}: ${error.message}`;
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

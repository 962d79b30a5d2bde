// What the command line accepts, in one place: the commands, and every option with the
// commands it applies to. The parser (cli-args.ts) refuses an option a command does not take,
// suggests the closest name for a typo, and writes the help from these tables. A new flag is
// one entry in OPTIONS; its value arrives in `values[name]` (a string, or true for a boolean).

/** The commands, in the order the help lists them, with one line of help each. */
export const COMMANDS = {
  dev: 'serve the app in dir (default .) and recompile on save',
  build:
    'compile the app into dir/.approute (manifest and modules); with --target web, also one ' +
    'fetch-handler module (.approute/web/index.mjs)',
  start: 'serve the build in dir/.approute, building it first if it is missing or stale',
  routes: 'build, then print the route table (static or dynamic, methods, revalidate, file)',
  typegen:
    'write the RouteContext<route> types of the app (.approute/types/routes.d.ts); dev and ' +
    'build write them too',
} as const;

/** A command of the command line. */
export type Command = keyof typeof COMMANDS;

/** One option of the command line. */
export interface OptionSpec {
  /** `string` takes a value (`--port 3000`, `--port=3000`); `boolean` takes none. */
  type: 'string' | 'boolean';
  /** A one-letter alias (`-p`). */
  short?: string;
  /** The value's placeholder in the help (`<n>`). */
  value?: string;
  /** A string option given more than once keeps every value, in order (`values[name]` is a list). */
  multiple?: true;
  /** The commands that take it; any other refuses it. */
  commands: readonly Command[];
  /** What it does, for the help. */
  help: string;
}

const SERVE = ['dev', 'start'] as const;
// Serving settings `build --target web` also takes: it writes them into the bundle.
const SERVE_OR_BUNDLE = ['dev', 'start', 'build'] as const;
const BUILD_OPTIONS = ['dev', 'build', 'start', 'routes'] as const;

/** Every option, by its long name. */
export const OPTIONS = {
  port: {
    type: 'string',
    short: 'p',
    value: '<n>',
    commands: SERVE,
    help: 'port to listen on (default 3000, or $PORT; 0 picks a free one)',
  },
  hostname: {
    type: 'string',
    short: 'H',
    value: '<h>',
    commands: SERVE,
    help: 'hostname to listen on (default 127.0.0.1)',
  },
  'base-path': {
    type: 'string',
    value: '<p>',
    commands: BUILD_OPTIONS,
    help: 'serve the app under this path prefix, e.g. /docs',
  },
  'trailing-slash': {
    type: 'boolean',
    commands: BUILD_OPTIONS,
    help: "paths end with a slash (/a/), as Next.js's trailingSlash: true",
  },
  compat: {
    type: 'string',
    value: 'next15',
    commands: BUILD_OPTIONS,
    help:
      'params, cookies(), headers() and draftMode() also work without await, as in Next.js ' +
      '15 (or package.json "approute": { "compat": "next15" }); default: as Next.js 16',
  },
  'trust-proxy': {
    type: 'boolean',
    commands: SERVE,
    help: "take the URL's origin from X-Forwarded-Proto/-Host (only behind a proxy you run)",
  },
  'body-limit': {
    type: 'string',
    value: '<n>',
    commands: SERVE_OR_BUNDLE,
    help:
      'largest request body that json(), text(), formData(), arrayBuffer(), blob() and ' +
      'bytes() read, in bytes or with a unit (64kb, 10mb, 1gb), or none; over it 413 ' +
      '(default 4mb); request.body read as a stream is not limited',
  },
  'grace-period': {
    type: 'string',
    value: '<t>',
    commands: SERVE_OR_BUNDLE,
    help:
      'on SIGTERM/SIGINT, how long in-flight requests and after() work may take before the ' +
      'exit, in ms or with a unit (500ms, 10s, 1m) (default 10s); a second signal exits at once',
  },
  'crash-on-error': {
    type: 'boolean',
    commands: SERVE_OR_BUNDLE,
    help:
      'exit with code 1 on an unhandled rejection or uncaught exception (after logging it), ' +
      'for a supervisor to restart; by default they are logged and the server keeps serving',
  },
  // With build, the three options above need --target web (main.ts says so otherwise).
  target: {
    type: 'string',
    value: '<t>',
    commands: ['build'],
    help: 'node (default) or web (also a fetch-handler module for Bun, Deno, workerd and edge-runtime)',
  },
  'cache-handler': {
    type: 'string',
    value: '[name=]<module>',
    multiple: true,
    commands: BUILD_OPTIONS,
    help:
      "a module whose default export is a cache handler (Next.js's cacheHandlers interface), " +
      "e.g. @approute/cache-redis: static answers, fetch data and 'use cache' shared by every " +
      "instance; name= sets the handler of 'use cache: <name>' (repeatable)",
  },
  'cache-max-memory-size': {
    type: 'string',
    value: '<n>',
    commands: BUILD_OPTIONS,
    help:
      'bound of the in-memory cache, in bytes or with a unit (default 50mb, as ' +
      "Next.js's cacheMaxMemorySize; 0 keeps nothing)",
  },
  'cache-components': {
    type: 'boolean',
    commands: BUILD_OPTIONS,
    help: "'use cache', cacheLife and cacheTag (Next.js's cacheComponents: true)",
  },
  'cache-life': {
    type: 'string',
    value: '<name>:stale=<s>,revalidate=<s>,expire=<s>',
    multiple: true,
    commands: BUILD_OPTIONS,
    help: 'a cacheLife profile of the app, in seconds (repeatable)',
  },
} as const satisfies Record<string, OptionSpec>;

/** The options every command takes. */
export const GLOBAL_OPTIONS = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', short: 'v', help: 'print the version of approute' },
} as const satisfies Record<string, Omit<OptionSpec, 'commands'>>;

/** The long name of an option. */
export type OptionName = keyof typeof OPTIONS;

/**
 * The options given, by long name: a string for a string option (a list of them for one that
 * may repeat), true for a boolean one.
 */
export type OptionValues = {
  -readonly [Name in OptionName]?: (typeof OPTIONS)[Name] extends { multiple: true }
    ? string[]
    : (typeof OPTIONS)[Name]['type'] extends 'string'
      ? string
      : boolean;
};

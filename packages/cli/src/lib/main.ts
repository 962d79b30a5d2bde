import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { buildApp } from './build.js';
import { OUTPUT_DIR } from './build-output.js';
import { devApp } from './dev.js';
import { compatMode } from './compat.js';
import { CliError, isUserError } from './errors.js';
import { formatRoutes } from './routes.js';
import { startApp } from './start.js';

const USAGE = `Usage: approute <command> [dir] [options]

Commands:
  dev [dir]      serve the app in dir (default .) and recompile on save
  build [dir]    compile the app into dir/.approute (manifest and modules); with
                 --target web, also one fetch-handler module (.approute/web/index.mjs)
  start [dir]    serve the build in dir/.approute, building it first if it is missing or stale
  routes [dir]   build, then print the route table (path, methods, file)

Options:
  -p, --port <n>          port for dev and start (default 3000, or $PORT; 0 picks a free one)
  -H, --hostname <h>      hostname for dev and start (default 127.0.0.1)
      --base-path <p>     serve the app under this path prefix, e.g. /docs
      --trust-proxy       take the URL's origin from X-Forwarded-Proto/-Host
      --body-limit <n>    largest request body that json(), text(), formData(),
                          arrayBuffer(), blob() and bytes() read, in bytes or with a unit
                          (64kb, 10mb, 1gb), or none; over it 413 (default 4mb);
                          request.body read as a stream is not limited
      --grace-period <t>  on SIGTERM/SIGINT, how long in-flight requests and after()
                          work may take before the exit, in ms or with a unit (500ms,
                          10s, 1m) (default 10s); a second signal exits at once
      --crash-on-error    exit with code 1 on an unhandled rejection or uncaught
                          exception (after logging it), for a supervisor to restart;
                          by default they are logged and the server keeps serving
      --trailing-slash    paths end with a slash (/a/), as Next.js's trailingSlash: true
      --compat next15     params, cookies(), headers() and draftMode() also work without
                          await, as in Next.js 15 (or package.json "approute":
                          { "compat": "next15" }); default: as Next.js 16
      --target <t>        build: node (default) or web (also a fetch-handler module for
                          Bun, Deno, workerd and edge-runtime)
  -h, --help              show this help
`;

const COMMANDS = new Set(['dev', 'build', 'start', 'routes']);

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value.trim().toLowerCase() === 'none') return Infinity;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) {
    throw new CliError(
      'ERR_BAD_BODY_LIMIT',
      `Invalid --body-limit "${value}": give a number of bytes, or one with a unit, such as 64kb, 10mb or 1gb, or none.`,
    );
  }
  return Number(match[1]) * unit;
}

const TIME_UNITS: Record<string, number> = { '': 1, ms: 1, s: 1000, m: 60_000 };

function parseDuration(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/i.exec(value.trim());
  const unit = TIME_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) {
    throw new CliError(
      'ERR_BAD_GRACE_PERIOD',
      `Invalid --grace-period "${value}": give a number of milliseconds, or one with a unit, such as 500ms, 10s or 1m.`,
    );
  }
  return Math.round(Number(match[1]) * unit);
}

function parsePort(value: string | undefined): number {
  const text = value ?? process.env.PORT ?? '3000';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new CliError('ERR_BAD_PORT', `Invalid port "${text}": give a number from 0 to 65535.`);
  return port;
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      hostname: { type: 'string', short: 'H' },
      'base-path': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'body-limit': { type: 'string' },
      'grace-period': { type: 'string' },
      'crash-on-error': { type: 'boolean' },
      'trailing-slash': { type: 'boolean' },
      compat: { type: 'string' },
      target: { type: 'string', default: 'node' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, dir = '.'] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 1;
  }
  if (!COMMANDS.has(command))
    throw new CliError('ERR_UNKNOWN_COMMAND', `Unknown command "${command}".\n\n${USAGE}`);
  const projectDir = resolve(dir);
  const compat = await compatMode(projectDir, values.compat);

  if (command === 'build' || command === 'routes') {
    if (values.target !== 'node' && values.target !== 'web') {
      throw new CliError(
        'ERR_BAD_TARGET',
        `Unknown build target "${values.target}": use node or web.`,
      );
    }
    const started = performance.now();
    const { manifest, web } = await buildApp(projectDir, {
      warn: err,
      log:
        command === 'build'
          ? (line) => {
              out(`approute build: ${line}`);
            }
          : undefined,
      target: values.target,
      options: {
        basePath: values['base-path'],
        trailingSlash: values['trailing-slash'],
        compat,
      },
    });
    if (command === 'build') {
      const ms = Math.round(performance.now() - started);
      out(`approute build: compiled ${projectDir} into ${OUTPUT_DIR} in ${String(ms)}ms`);
      if (web) {
        const { outFile, routes, bytes } = web;
        out(
          `approute build: web bundle ${outFile} (${String(routes)} routes, ${String(bytes)} bytes)`,
        );
      }
      out('');
    }
    process.stdout.write(formatRoutes(manifest));
    return 0;
  }

  const options = {
    dir: projectDir,
    port: parsePort(values.port),
    hostname: values.hostname ?? '127.0.0.1',
    basePath: values['base-path'],
    trustProxy: values['trust-proxy'],
    trailingSlash: values['trailing-slash'],
    compat,
    bodyLimit: parseSize(values['body-limit']),
    gracePeriod: parseDuration(values['grace-period']),
    crashOnError: values['crash-on-error'],
  };
  const starting =
    command === 'dev'
      ? devApp({ ...options, log: out, logError: err })
      : startApp({
          ...options,
          log: (line) => {
            out(`approute start: ${line}`);
          },
          logError: err,
        });
  const running = await starting.catch((error: unknown) => {
    if ((error as { code?: unknown } | null)?.code !== 'EADDRINUSE') throw error;
    throw new CliError(
      'ERR_PORT_IN_USE',
      `Port ${options.port} is already in use on ${options.hostname}: stop the other server or pick another port with --port.`,
    );
  });
  out(`approute ${command}: ready on ${running.url}`);
  return 0;
}

/**
 * Runs the approute command line and resolves with the exit code (long-running commands
 * keep the process alive through their server). Errors the user fixes (route conflicts,
 * configuration, compile errors) print their message without a stack and give exit code 1.
 * @param argv the arguments after the executable
 */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    const command = argv.find((arg) => COMMANDS.has(arg)) ?? '';
    const prefix = command ? `approute ${command}: ` : 'approute: ';
    // A bug shows its stack; an error the user fixes shows only what to fix.
    if (!(error instanceof Error)) err(`${prefix}${String(error)}`);
    else err(`${prefix}${isUserError(error) ? error.message : (error.stack ?? error.message)}`);
    return 1;
  }
}

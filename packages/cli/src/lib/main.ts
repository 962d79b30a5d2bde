import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CacheLifeProfile } from '@approute/router';
import { parseCacheHandlerFlags } from './cache-handlers.js';
import { buildApp } from './build.js';
import type { WebServing } from './build-web.js';
import { compatMode } from './compat.js';
import { parseCommandLine } from './cli-args.js';
import { COMMANDS, type OptionValues } from './cli-options.js';
import { OUTPUT_DIR } from './build-output.js';
import { devApp } from './dev.js';
import { CliError, isUserError } from './errors.js';
import { formatRoutes } from './routes.js';
import { scanApp } from './scan.js';
import { startApp } from './start.js';
import { ROUTE_TYPES_REFERENCE, writeRouteTypes, type RouteTypesWritten } from './typegen.js';

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

function err(line: string): void {
  process.stderr.write(`${line}\n`);
}

const UNITS: Record<string, number> = { '': 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

function parseSize(
  value: string | undefined,
  flag = '--body-limit',
  code: 'ERR_BAD_BODY_LIMIT' | 'ERR_BAD_CACHE_OPTION' = 'ERR_BAD_BODY_LIMIT',
): number | undefined {
  if (value === undefined) return undefined;
  if (flag === '--body-limit' && value.trim().toLowerCase() === 'none') return Infinity;
  const match = /^(\d+)\s*(b|kb|mb|gb)?$/i.exec(value.trim());
  const unit = UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) {
    throw new CliError(
      code,
      `Invalid ${flag} "${value}": give a number of bytes, or one with a unit, such as 64kb, 10mb or 1gb${flag === '--body-limit' ? ', or none' : ''}.`,
    );
  }
  return Number(match[1]) * unit;
}

// `--cache-life brief:stale=0,revalidate=1,expire=3`, as next.config's `cacheLife: { brief: … }`.
function parseCacheLife(values: readonly string[]): Record<string, CacheLifeProfile> | undefined {
  if (values.length === 0) return undefined;
  const profiles: Record<string, CacheLifeProfile> = {};
  for (const value of values) {
    const match = /^([\w-]+):(.*)$/.exec(value.trim());
    const profile: CacheLifeProfile = {};
    let ok = match !== null;
    for (const part of (match?.[2] ?? '').split(',')) {
      const [key, amount] = part.split('=').map((s) => s.trim());
      const seconds = amount === 'Infinity' ? Infinity : Number(amount);
      if ((key !== 'stale' && key !== 'revalidate' && key !== 'expire') || !(seconds >= 0))
        ok = false;
      else profile[key] = seconds;
    }
    if (!ok || !match?.[1])
      throw new CliError(
        'ERR_BAD_CACHE_OPTION',
        `Invalid --cache-life "${value}": give name:stale=<s>,revalidate=<s>,expire=<s> (seconds, any of the three).`,
      );
    profiles[match[1]] = profile;
  }
  return profiles;
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

/** The version of this package, as its package.json says. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

async function run(argv: string[]): Promise<number> {
  const line = parseCommandLine(argv);
  if (line.kind === 'version') {
    out(`approute ${version()}`);
    return 0;
  }
  if (line.kind === 'help') {
    (line.exitCode === 0 ? process.stdout : process.stderr).write(line.text);
    return line.exitCode;
  }
  const { command, dir, values } = line;
  const projectDir = resolve(dir);
  const handlerFlags = values['cache-handler'] ?? [];
  const cacheHandlers =
    handlerFlags.length > 0
      ? Object.fromEntries(
          Object.entries(parseCacheHandlerFlags(handlerFlags)).map(([name, path]) => [
            name,
            resolve(path),
          ]),
        )
      : undefined;
  const cache = {
    cacheComponents: values['cache-components'],
    cacheLife: parseCacheLife(values['cache-life'] ?? []),
    cacheMaxMemorySize: parseSize(
      values['cache-max-memory-size'],
      '--cache-max-memory-size',
      'ERR_BAD_CACHE_OPTION',
    ),
  };
  const compat = command === 'typegen' ? undefined : await compatMode(projectDir, values.compat);

  if (command === 'typegen') {
    const manifest = await scanApp(projectDir);
    const written = await writeRouteTypes(projectDir, manifest);
    const count = manifest.routes.length;
    out(
      `approute typegen: wrote ${written.file} (${String(count)} route${count === 1 ? '' : 's'})`,
    );
    reportNextEnv(written);
    return 0;
  }

  if (command === 'build' || command === 'routes') {
    const target = values.target ?? 'node';
    if (target !== 'node' && target !== 'web') {
      throw new CliError('ERR_BAD_TARGET', `Unknown build target "${target}": use node or web.`);
    }
    const serving = webServing(values, target);
    const started = performance.now();
    const { manifest, prerendered, web, proxy } = await buildApp(projectDir, {
      warn: err,
      log:
        command === 'build'
          ? (line) => {
              out(`approute build: ${line}`);
            }
          : undefined,
      target,
      ...(serving ? { serving } : {}),
      options: {
        basePath: values['base-path'],
        trailingSlash: values['trailing-slash'],
        compat,
        ...cache,
      },
      cacheHandlers,
    });
    reportNextEnv(await writeRouteTypes(projectDir, manifest));
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
    process.stdout.write(formatRoutes(manifest, prerendered, proxy));
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
    ...cache,
    cacheHandlers,
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
    throw listenError(error, options.port, options.hostname);
  });
  out(`approute ${command}: ready on ${running.url}`);
  return 0;
}

// The serving options given to `build`: written into the web bundle, which a fetch runtime runs
// as it is; a Node build takes them at `approute start` instead.
function webServing(values: OptionValues, target: string): WebServing | undefined {
  const given = (['body-limit', 'grace-period', 'crash-on-error'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (given.length === 0) return undefined;
  if (target !== 'web') {
    const flags = given.map((name) => `--${name}`).join(', ');
    throw new CliError(
      'ERR_OPTION_NOT_FOR_COMMAND',
      `${flags}: a Node build takes ${given.length === 1 ? 'it' : 'them'} when it starts: ` +
        `pass ${given.length === 1 ? 'it' : 'them'} to \`approute start\`, or build with ` +
        '--target web to write them into the web bundle.',
    );
  }
  return {
    bodyLimit: parseSize(values['body-limit']),
    gracePeriod: parseDuration(values['grace-period']),
    crashOnError: values['crash-on-error'],
  };
}

function reportNextEnv(written: RouteTypesWritten): void {
  if (written.nextEnv === 'created')
    out('approute: wrote next-env.d.ts (the types of next/* and RouteContext)');
  if (written.nextEnv === 'missing-reference') {
    err(
      `approute: next-env.d.ts does not reference ${written.file}: add ` +
        `${ROUTE_TYPES_REFERENCE} to it for the global RouteContext<route>.`,
    );
  }
}

/** A listen error as the user fixes it: a port in use, a hostname that is not this machine's. */
function listenError(error: unknown, port: number, hostname: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') {
    return new CliError(
      'ERR_PORT_IN_USE',
      `Port ${port} is already in use on ${hostname}: stop the other server or pick another port with --port.`,
    );
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new CliError(
      'ERR_BAD_HOSTNAME',
      `Cannot listen on ${hostname}: it is not an address of this machine. Pass --hostname 127.0.0.1, 0.0.0.0 or one of its addresses.`,
    );
  }
  if (code === 'EACCES') {
    return new CliError(
      'ERR_PORT_NOT_ALLOWED',
      `Port ${port} on ${hostname} needs privileges this process does not have: pick a port above 1023 with --port.`,
    );
  }
  return error;
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
    const command = argv.find((arg) => Object.hasOwn(COMMANDS, arg)) ?? '';
    const prefix = command ? `approute ${command}: ` : 'approute: ';
    // A bug shows its stack; an error the user fixes shows only what to fix.
    if (!(error instanceof Error)) err(`${prefix}${String(error)}`);
    else err(`${prefix}${isUserError(error) ? error.message : (error.stack ?? error.message)}`);
    return 1;
  }
}

import { parseArgs } from 'node:util';
import { startApp } from './start.js';

const USAGE = `Usage: approute <command> [dir] [options]

Commands:
  dev [dir]     serve the app in dir (default .)
  start [dir]   serve the app in dir (default .)

Options:
  -p, --port <n>        port (default 3000, or $PORT)
  -H, --hostname <h>    hostname (default 127.0.0.1)
`;

/**
 * Runs the approute command line and resolves with the exit code (long-running commands
 * keep the process alive through their server).
 * @param argv the arguments after the executable
 */
export async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      hostname: { type: 'string', short: 'H' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, dir = '.'] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return command === undefined && !values.help ? 1 : 0;
  }
  if (command !== 'dev' && command !== 'start') {
    process.stderr.write(`approute: unknown command "${command}"\n\n${USAGE}`);
    return 1;
  }
  const port = Number(values.port ?? process.env.PORT ?? 3000);
  const running = await startApp({ dir, port, hostname: values.hostname ?? '127.0.0.1' });
  process.stdout.write(`approute ${command}: ready on ${running.url}\n`);
  return 0;
}

import { describe, expect, it } from 'vitest';
import { parseCommandLine, usage } from './cli-args.js';
import { closest } from './did-you-mean.js';
import { formatSeconds } from './routes.js';

const refusal = (argv: string[]) => {
  try {
    parseCommandLine(argv);
  } catch (error) {
    return error as Error & { code: string };
  }
  throw new Error(`${argv.join(' ')} was accepted`);
};

describe('the command line', () => {
  it('reads the command, the folder and the options of that command', () => {
    expect(parseCommandLine(['dev', 'site', '-p', '3001', '--trust-proxy'])).toEqual({
      kind: 'run',
      command: 'dev',
      dir: 'site',
      values: { port: '3001', 'trust-proxy': true },
    });
    expect(parseCommandLine(['build', '--target=web', '--base-path', '/docs'])).toEqual({
      kind: 'run',
      command: 'build',
      dir: '.',
      values: { target: 'web', 'base-path': '/docs' },
    });
  });

  it('keeps every value of a repeatable option, in order', () => {
    const line = parseCommandLine([
      'build',
      '--cache-handler',
      './redis.mjs',
      '--cache-handler=remote=./kv.mjs',
      '--cache-life',
      'brief:stale=0,revalidate=1,expire=3',
      '--cache-components',
      '--cache-max-memory-size',
      '64mb',
    ]);
    expect(line).toEqual({
      kind: 'run',
      command: 'build',
      dir: '.',
      values: {
        'cache-handler': ['./redis.mjs', 'remote=./kv.mjs'],
        'cache-life': ['brief:stale=0,revalidate=1,expire=3'],
        'cache-components': true,
        'cache-max-memory-size': '64mb',
      },
    });
    expect(refusal(['build', '--cache-handler']).message).toBe(
      '--cache-handler needs a value: --cache-handler [name=]<module>.',
    );
    expect(usage('start')).toContain('--cache-handler [name=]<module>');
  });

  it('answers --version and -v, and --help for the whole command line or one command', () => {
    expect(parseCommandLine(['--version'])).toEqual({ kind: 'version' });
    expect(parseCommandLine(['dev', '-v'])).toEqual({ kind: 'version' });
    const help = parseCommandLine(['start', '--help']);
    expect(help).toEqual({ kind: 'help', text: usage('start'), exitCode: 0 });
    expect(usage('start')).toContain('--port <n>');
    expect(usage('start')).not.toContain('--target');
    expect(parseCommandLine([])).toEqual({ kind: 'help', text: usage(), exitCode: 1 });
  });

  it('suggests the closest option for a mistyped one', () => {
    const error = refusal(['dev', '--prot', '5103']);
    expect(error.code).toBe('ERR_UNKNOWN_OPTION');
    expect(error.message).toBe(
      'Unknown option --prot (did you mean --port?). Run `approute dev --help` for the options it takes.',
    );
    expect(refusal(['build', '--trailing-slsh']).message).toContain(
      'did you mean --trailing-slash?',
    );
    expect(refusal(['build', '--turbo']).message).toBe(
      'Unknown option --turbo. Run `approute build --help` for the options it takes.',
    );
  });

  it('suggests the closest command for a mistyped one', () => {
    const error = refusal(['biuld']);
    expect(error.code).toBe('ERR_UNKNOWN_COMMAND');
    expect(error.message).toMatch(/^Unknown command "biuld" \(did you mean build\?\)\.\n\nUsage:/);
    expect(refusal(['serve']).message).toMatch(/^Unknown command "serve"\.\n/);
  });

  it('refuses an option of another command, saying which commands take it', () => {
    const port = refusal(['build', '--port', '5']);
    expect(port.code).toBe('ERR_OPTION_NOT_FOR_COMMAND');
    expect(port.message).toBe(
      '--port applies to dev and start, not build. Run `approute build --help` for the options it takes.',
    );
    expect(refusal(['dev', '--target', 'web']).message).toMatch(
      /^--target applies to build, not dev\./,
    );
  });

  it('refuses a missing value, a value for a flag, and a second folder', () => {
    expect(refusal(['dev', '--port']).message).toBe('--port needs a value: --port <n>.');
    expect(refusal(['dev', '--port', '--trust-proxy']).message).toBe(
      '--port needs a value: --port <n>.',
    );
    expect(refusal(['dev', '--trust-proxy=yes']).message).toBe('--trust-proxy takes no value.');
    expect(refusal(['start', 'a', 'b']).message).toBe(
      'approute start takes one folder, but got "a", "b".',
    );
  });
});

describe('closest', () => {
  it('finds a swap, a missing or extra letter, and a prefix; nothing for an unrelated word', () => {
    const names = ['port', 'hostname', 'base-path', 'trailing-slash', 'target'];
    expect(closest('prot', names)).toBe('port');
    expect(closest('hostnme', names)).toBe('hostname');
    expect(closest('base-paths', names)).toBe('base-path');
    expect(closest('trail', names)).toBe('trailing-slash');
    expect(closest('turbo', names)).toBeUndefined();
    expect(closest('x', names)).toBeUndefined();
  });
});

describe('formatSeconds', () => {
  it('writes times as next build does', () => {
    expect(
      [5, 60, 90, 3600, 86_400, 129_600, 604_800, 31_536_000].map((s) => formatSeconds(s)),
    ).toEqual(['5s', '1m', '≈2m', '1h', '1d', '36h', '1w', '1y']);
  });
});

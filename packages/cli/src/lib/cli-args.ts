// Reads the command line against the tables of cli-options.ts: the command, its folder and its
// options, refusing what does not apply with a message that says what would.
import { parseArgs } from 'node:util';
import {
  COMMANDS,
  GLOBAL_OPTIONS,
  OPTIONS,
  type Command,
  type OptionName,
  type OptionSpec,
  type OptionValues,
} from './cli-options.js';
import { closest } from './did-you-mean.js';
import { CliError } from './errors.js';

/** What the command line asks for. */
export type CommandLine =
  | { kind: 'help'; text: string; exitCode: 0 | 1 }
  | { kind: 'version' }
  | { kind: 'run'; command: Command; dir: string; values: OptionValues };

const WIDTH = 100;
const INDENT = 26;

const isCommand = (name: string): name is Command => Object.hasOwn(COMMANDS, name);
const isOption = (name: string): name is OptionName => Object.hasOwn(OPTIONS, name);
const specOf = (name: OptionName): OptionSpec => OPTIONS[name];

function wrap(text: string, first: string): string {
  const lines: string[] = [];
  let line = first.padEnd(INDENT);
  for (const word of text.split(' ')) {
    if (line.length + word.length > WIDTH && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = ' '.repeat(INDENT);
    }
    line += `${word} `;
  }
  lines.push(line.trimEnd());
  return lines.join('\n');
}

function optionLine(name: string, spec: Omit<OptionSpec, 'commands'>, help: string): string {
  const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
  return wrap(help, `  ${flag}  `);
}

/**
 * The help text: every command and option, or one command's options.
 * @param command the command to show alone
 */
export function usage(command?: Command): string {
  const names = Object.keys(OPTIONS) as OptionName[];
  if (command) {
    const own = names.filter((name) => specOf(name).commands.includes(command));
    return [
      `Usage: approute ${command} [dir] [options]`,
      '',
      `${COMMANDS[command].charAt(0).toUpperCase()}${COMMANDS[command].slice(1)}.`,
      '',
      'Options:',
      ...own.map((name) => optionLine(name, specOf(name), specOf(name).help)),
      ...Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => optionLine(name, spec, spec.help)),
      '',
    ].join('\n');
  }
  const all = Object.keys(COMMANDS) as Command[];
  return [
    'Usage: approute <command> [dir] [options]',
    '',
    'Commands:',
    ...all.map((name) => wrap(COMMANDS[name], `  ${name} [dir]`)),
    '',
    'Options (the commands that take each):',
    ...names.map((name) => {
      const spec = specOf(name);
      const commands = spec.commands.length === all.length ? '' : ` (${spec.commands.join(', ')})`;
      return optionLine(name, spec, `${spec.help}${commands}`);
    }),
    ...Object.entries(GLOBAL_OPTIONS).map(([name, spec]) => optionLine(name, spec, spec.help)),
    '',
    'Run `approute <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

function list(names: readonly string[]): string {
  return names.length < 2
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
}

function refuseUnknown(raw: string, name: string, command: Command | undefined): never {
  const known = [...Object.keys(OPTIONS), ...Object.keys(GLOBAL_OPTIONS)];
  const isShort = !raw.startsWith('--');
  const guess = isShort ? undefined : closest(name, known);
  const hint = guess ? ` (did you mean --${guess}?)` : '';
  const help = command ? `approute ${command} --help` : 'approute --help';
  throw new CliError(
    'ERR_UNKNOWN_OPTION',
    `Unknown option ${raw}${hint}. Run \`${help}\` for the options it takes.`,
  );
}

/**
 * Reads the arguments after the executable.
 * @param argv e.g. `['dev', '.', '--port', '3001']`
 * @throws CliError for an unknown command or option, an option the command does not take, a
 *   missing or unexpected value, or a second folder
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  const parserOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  const specs: [string, Omit<OptionSpec, 'commands'>][] = [
    ...Object.entries(OPTIONS),
    ...Object.entries(GLOBAL_OPTIONS),
  ];
  for (const [name, spec] of specs) {
    parserOptions[name] = spec.short ? { type: spec.type, short: spec.short } : { type: spec.type };
  }
  // Not strict: unknown options and missing values come back as tokens, so that the message
  // can say what was meant instead of parseArgs' own.
  const { tokens } = parseArgs({
    args: [...argv],
    options: parserOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const [first, ...rest] = positionals;
  if (first !== undefined && !isCommand(first)) {
    const guess = closest(first, Object.keys(COMMANDS));
    throw new CliError(
      'ERR_UNKNOWN_COMMAND',
      `Unknown command "${first}"${guess ? ` (did you mean ${guess}?)` : ''}.\n\n${usage()}`,
    );
  }
  const command = first;
  const values: Record<string, string | string[] | boolean> = {};
  let help = false;
  let version = false;
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (name === 'help' || name === 'version') {
      if (token.value !== undefined) {
        throw new CliError('ERR_BAD_OPTION_VALUE', `${rawName} takes no value.`);
      }
      if (name === 'help') help = true;
      else version = true;
      continue;
    }
    if (!isOption(name)) refuseUnknown(rawName, name, command);
    const spec = specOf(name);
    if (command && !spec.commands.includes(command)) {
      throw new CliError(
        'ERR_OPTION_NOT_FOR_COMMAND',
        `${rawName} applies to ${list(spec.commands)}, not ${command}. ` +
          `Run \`approute ${command} --help\` for the options it takes.`,
      );
    }
    if (spec.type === 'boolean') {
      if (token.value !== undefined) {
        throw new CliError('ERR_BAD_OPTION_VALUE', `${rawName} takes no value.`);
      }
      values[name] = true;
    } else {
      // Without strict, `--port` as the last argument (or before another option) has no value.
      const value = token.value;
      if (value === undefined || (!token.inlineValue && value.startsWith('-'))) {
        throw new CliError(
          'ERR_BAD_OPTION_VALUE',
          `${rawName} needs a value: ${rawName} ${spec.value ?? '<value>'}.`,
        );
      }
      if (spec.multiple) {
        const list = values[name];
        values[name] = Array.isArray(list) ? [...list, value] : [value];
      } else values[name] = value;
    }
  }
  if (version) return { kind: 'version' };
  if (help || command === undefined) {
    return { kind: 'help', text: usage(command), exitCode: help ? 0 : 1 };
  }
  if (rest.length > 1) {
    throw new CliError(
      'ERR_UNEXPECTED_ARGUMENT',
      `approute ${command} takes one folder, but got ${rest.map((arg) => `"${arg}"`).join(', ')}.`,
    );
  }
  return { kind: 'run', command, dir: rest[0] ?? '.', values };
}

// A failed compilation as the user reads it: each error's file relative to the current
// folder (so a terminal or an editor can open it), its line and column (1-based, as editors
// count), the message, and the lines around it with a caret (@babel/code-frame, the frame
// Next.js and Jest print).
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { codeFrameColumns } from '@babel/code-frame';
import type { Message } from 'esbuild';
import { CliError } from './errors.js';

/** One error of a failed compilation. */
export interface CompileProblem {
  /** The file, relative to the current folder; `undefined` when esbuild names none. */
  file: string | undefined;
  /** 1-based. */
  line: number | undefined;
  /** 1-based, in characters. */
  column: number | undefined;
  text: string;
}

/** A compilation that failed: the message lists every error with its place and code frame. */
export class CompileError extends CliError {
  override name = 'CompileError';
  /** The errors, in esbuild's order. */
  readonly problems: readonly CompileProblem[];

  /**
   * @param message every error with its place and code frame
   * @param problems the errors
   */
  constructor(message: string, problems: readonly CompileProblem[]) {
    super('ERR_COMPILE', message);
    this.problems = problems;
    // The message is the whole story; the compiler's own frames would only hide it (a dev
    // answer shows the stack).
    this.stack = message;
  }
}

/**
 * Whether an error is esbuild's report of a failed compilation (it lists its messages).
 * @param error anything thrown
 */
export function isBuildFailure(error: unknown): error is Error & { errors: Message[] } {
  return (
    error instanceof Error &&
    Array.isArray((error as { errors?: unknown }).errors) &&
    Array.isArray((error as { warnings?: unknown }).warnings)
  );
}

// esbuild counts columns from 0, in bytes of UTF-8.
function characterColumn(lineText: string, byteColumn: number): number {
  return Buffer.from(lineText).subarray(0, byteColumn).toString().length + 1;
}

async function describe(message: Message, projectDir: string): Promise<[CompileProblem, string]> {
  const location = message.location;
  if (!location) {
    return [
      { file: undefined, line: undefined, column: undefined, text: message.text },
      message.text,
    ];
  }
  const absolute = resolve(projectDir, location.file);
  const file = relative(process.cwd(), absolute) || absolute;
  const column = characterColumn(location.lineText, location.column);
  const problem = { file, line: location.line, column, text: message.text };
  const source = await readFile(absolute, 'utf8').catch(() => location.lineText);
  // Without the file (gone since), the frame is the one line esbuild quoted.
  const frameLine = source === location.lineText ? 1 : location.line;
  const frame = codeFrameColumns(
    source,
    { start: { line: frameLine, column } },
    { highlightCode: false, linesAbove: 2, linesBelow: 2 },
  );
  const notes = message.notes.map((note) => `\n  ${note.text}`).join('');
  return [
    problem,
    `${file}:${String(location.line)}:${String(column)}: ${message.text}${notes}\n\n${frame}`,
  ];
}

/**
 * The error to show for a failed compilation; any other error is returned as it is.
 * @param error what esbuild rejected with
 * @param projectDir the folder esbuild ran in (its file names are relative to it)
 */
export async function compileError(error: unknown, projectDir: string): Promise<unknown> {
  if (!isBuildFailure(error)) return error;
  const described = await Promise.all(error.errors.map((message) => describe(message, projectDir)));
  const count = described.length;
  const head = `Failed to compile (${String(count)} error${count === 1 ? '' : 's'}):`;
  return new CompileError(
    [head, ...described.map(([, text]) => text)].join('\n\n'),
    described.map(([problem]) => problem),
  );
}

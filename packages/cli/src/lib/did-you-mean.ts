// "Did you mean --port?": the closest known name to a mistyped one. Optimal string alignment
// distance (Levenshtein plus swapped neighbours, so `prot` is one edit from `port`), a dozen
// lines for the few names a command line has.

function distance(a: string, b: string): number {
  const width = b.length + 1;
  // One row after another in a flat array: cell (i, j) is at i * width + j.
  const cells = new Array<number>((a.length + 1) * width).fill(0);
  const at = (i: number, j: number) => cells[i * width + j] ?? Infinity;
  for (let i = 0; i <= a.length; i++) cells[i * width] = i;
  for (let j = 0; j <= b.length; j++) cells[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      cells[i * width + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidate closest to `input`, when it is close enough to be what was meant: at most one
 * edit for short names and one per three letters for longer ones, or a name `input` begins.
 * @param input what was typed, e.g. `prot`
 * @param candidates the known names
 */
export function closest(input: string, candidates: Iterable<string>): string | undefined {
  const typed = input.toLowerCase();
  const names = [...candidates];
  let best: { name: string; score: number } | undefined;
  for (const name of names) {
    const score = distance(typed, name.toLowerCase());
    if (!best || score < best.score) best = { name, score };
  }
  if (best && best.score <= Math.max(1, Math.floor(typed.length / 3))) return best.name;
  if (typed.length >= 3) {
    for (const name of names) if (name.startsWith(typed)) return name;
  }
  return undefined;
}

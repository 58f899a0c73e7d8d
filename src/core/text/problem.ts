import { visible } from './safe-text.js';

/** One thing wrong with an input file, located in it. Wording is final; location may be absent. */
export interface Problem {
  file: string;
  line?: number;
  col?: number;
  /** Dotted field path inside the file, '' for the whole document. */
  path: string;
  message: string;
  suggestion?: string;
}

/** `file:line:col path: message; suggestion` — one line per problem. */
export function formatProblem(p: Problem): string {
  // Keys, values and file names in a problem came from input: shown escaped, on one line.
  const where = p.line !== undefined ? `${visible(p.file)}:${p.line}:${p.col ?? 1}` : visible(p.file);
  const path = p.path ? ` ${visible(p.path)}:` : '';
  const hint = p.suggestion ? `; ${visible(p.suggestion)}` : '';
  return `${where}${path} ${visible(p.message)}${hint}`;
}

/** The result of anything that can fail on input: a value, or every problem found. */
export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** In file order, so a reader can walk down each file fixing problems in turn. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}

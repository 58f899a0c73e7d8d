import type { Problem } from '../core/text/problem.js';

/** A file that could not be read, as a problem: located when the trouble is in its bytes. */
export const readProblem = (file: string, read: { error: string; line?: number; col?: number; suggestion?: string }, suggestion: string): Problem => ({
  file,
  ...(read.line !== undefined ? { line: read.line, col: read.col } : {}),
  path: '',
  message: read.error,
  suggestion: read.suggestion ?? suggestion,
});

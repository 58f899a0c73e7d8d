import type { Problem } from '../text/problem.js';

/** The largest questionnaire or rubric file read: the spec's full example is under 4 KiB. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * How many rounds the plan to adopt takes remedies before it stops looking. Each round takes
 * every remedy of a blocking rule, or the heaviest helping one; the built-in rubric needs a
 * handful. A larger rubric that needs more gets no plan rather than a run that takes minutes.
 */
export const MAX_PLAN_ROUNDS = 32;
/**
 * The longest glob a waiver may name files by. A path in a repository is rarely a hundred
 * characters; the bound keeps the work of matching (the glob's length times the path's) small.
 */
export const MAX_GLOB_LENGTH = 1024;
/** The deepest nesting read: a questionnaire is 4 levels deep, a rubric condition rarely 6. */
export const MAX_DEPTH = 64;

/**
 * Where the text first nests deeper than MAX_DEPTH, counting block indentation levels and flow
 * brackets outside quotes and comments; undefined when it never does. A linear scan, so hostile
 * nesting is refused before the YAML parser recurses into it.
 */
export function tooDeep(text: string): { line: number; col: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    const m = /^( *)((?:- +)*)/.exec(line)!;
    const rest = line.slice(m[0].length);
    if (flow === 0 && rest !== '' && !rest.startsWith('#')) {
      const indent = m[1]!.length;
      while (indents.length > 0 && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      // Each "- " opens one more level of block sequence on the same line.
      for (let d = 0; d < (m[2]!.match(/-/g) ?? []).length; d++) indents.push(indent + 2 * (d + 1));
    }
    let quote: string | undefined;
    // The last character before this one that is not a space: a quote opens a quoted scalar only
    // where a value can start (after "key:", "- ", "[", "{" or ","); elsewhere, as in "it's", it
    // is text, and brackets after it still count.
    let before = '';
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      const starts = before === '' || ':[{,-?'.includes(before);
      if (ch !== ' ') before = ch;
      if (quote) {
        if (ch === quote) quote = undefined;
      } else if ((ch === '"' || ch === "'") && starts) quote = ch;
      else if (ch === '#' && (i === 0 || line[i - 1] === ' ')) break;
      else if (ch === '[' || ch === '{') flow++;
      else if ((ch === ']' || ch === '}') && flow > 0) flow--;
      if (indents.length + flow > MAX_DEPTH) return { line: n + 1, col: i + 1 };
    }
    if (indents.length > MAX_DEPTH) return { line: n + 1, col: 1 };
  }
  return undefined;
}

/** The problems that stop a file before it is parsed: too large, or nested too deep. */
export function refuseEarly(file: string, text: string): Problem[] {
  if (text.length > MAX_FILE_BYTES) {
    return [{ file, line: 1, col: 1, path: '', message: `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, suggestion: 'questionnaires and rubric files are a few KiB; check that this is the right file' }];
  }
  const deep = tooDeep(text);
  if (deep) {
    return [{ file, ...deep, path: '', message: `nested more than ${MAX_DEPTH} levels deep`, suggestion: 'questionnaires are 4 levels deep and rubric conditions rarely 6; check the brackets and the indentation' }];
  }
  return [];
}

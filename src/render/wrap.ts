import { charWidth, visible } from './text.js';

/** Text cut into pieces of at most `width` columns (at least one character each), wherever it must. */
export function cut(text: string, width: number): string[] {
  const out: string[] = [];
  let piece = '';
  let used = 0;
  for (const ch of text) {
    const w = charWidth(ch);
    if (piece !== '' && used + w > width) {
      out.push(piece);
      piece = '';
      used = 0;
    }
    piece += ch;
    used += w;
  }
  return piece === '' && out.length > 0 ? out : [...out, piece];
}

/**
 * Wraps words to `width` columns; every line after the first starts with `indent`. A word wider
 * than a line (a long name, or text in a script written without spaces) is cut to fit.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = '';
  const room = Math.max(1, width - visible(indent));
  const words = text
    .split(/\s+/)
    .filter(Boolean)
    // Coloured words are ours, and short; only plain text is cut.
    .flatMap((word) => (word.includes('\u001b') || visible(word) <= room ? [word] : cut(word, room)));
  for (const word of words) {
    const prefix = lines.length === 0 ? lead : indent;
    const next = line === '' ? `${prefix}${word}` : `${line} ${word}`;
    if (visible(next) > width && line !== '') {
      lines.push(line);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A shell command broken over lines with trailing backslashes, to fit `width`. */
export function wrapCommand(words: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line === '' ? word : `${line} ${word}`;
    if (next.length + 2 > width && line !== '') {
      lines.push(`${line} \\`);
      line = `${indent}${word}`;
    } else {
      line = next;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** At most `n` lines; when some are left out, the last one kept ends in an ellipsis within `width`. */
export function clip(lines: readonly string[], n: number, width: number): string[] {
  if (lines.length <= n) return [...lines];
  const kept = lines.slice(0, n);
  const last = kept[n - 1]!;
  kept[n - 1] = visible(last) + 2 <= width ? `${last} …` : `${cut(last, width - 2)[0]} …`;
  return kept;
}

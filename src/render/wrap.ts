import { visible } from './text.js';

/** Wraps words to `width` columns; every line after the first starts with `indent`. */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lead = /^\s*/.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
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

/**
 * The Linguist attributes of a repository's root .gitattributes, as git reads that file
 * (gitattributes(5)): one pattern per line followed by attributes; a pattern without a slash
 * matches a file's name at any depth, one with a slash matches the path from the root; `*`, `?`,
 * `[...]` and `**` as in gitignore(5); a pattern ending in a slash names a directory, which in an
 * attributes file matches no file. The last line that sets an attribute for a path wins.
 */

/** An attribute's state for a path: set (true), unset (false, `-name`), or a value (`name=value`). */
export type AttributeValue = boolean | string;

export interface AttributeLine {
  line: number;
  pattern: string;
  matches: (path: string) => boolean;
  /** The Linguist attributes the line sets; null for `!name`, which makes the attribute unspecified again. */
  attributes: Map<string, AttributeValue | null>;
}

const LINGUIST = /^linguist-/;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A glob of gitignore(5) as the source of a regular expression over a path. */
function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          // "**/" at the start or "/**/" inside: any number of directories, none included;
          // "/**" at the end: everything inside.
          if (i + 2 === glob.length) out += '.*';
          else out += '(?:.*/)?';
          i += 2;
          continue;
        }
        i++;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const negated = glob[i + 1] === '!' || glob[i + 1] === '^';
      const start = negated ? i + 2 : i + 1;
      // A "]" right after the opening bracket is a member, not the end.
      const close = glob.indexOf(']', glob[start] === ']' ? start + 1 : start);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      out += `[${negated ? '^' : ''}${glob.slice(start, close).replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escape(glob[i + 1]!);
      i++;
    } else {
      out += escape(c);
    }
  }
  return out;
}

function matcher(pattern: string): ((path: string) => boolean) | null {
  if (pattern.endsWith('/')) return null;
  const anchored = pattern.includes('/');
  const glob = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  let re: RegExp;
  try {
    re = new RegExp(`^${globSource(glob)}$`);
  } catch {
    return null;
  }
  if (anchored) return (path) => re.test(path);
  return (path) => re.test(path.slice(path.lastIndexOf('/') + 1));
}

/** The pattern at the start of a line, quoted as git allows ("a b.txt") or up to the first blank. */
function splitPattern(line: string): [string, string] {
  if (!line.startsWith('"')) {
    const m = /^(\S+)\s*(.*)$/.exec(line)!;
    return [m[1]!, m[2]!];
  }
  let out = '';
  for (let i = 1; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') return [out, line.slice(i + 1).trim()];
    if (c === '\\' && i + 1 < line.length) {
      const next = line[++i]!;
      out += next === 't' ? '\t' : next === 'n' ? '\n' : next;
    } else {
      out += c;
    }
  }
  return [out, ''];
}

/** The lines of a .gitattributes text that set Linguist attributes, in order. */
export function parseAttributes(text: string): AttributeLine[] {
  const lines: AttributeLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    // Comments, macro definitions and negative patterns (which git refuses in this file) set nothing.
    if (line === '' || line.startsWith('#') || line.startsWith('[attr]') || line.startsWith('!')) return;
    const [pattern, rest] = splitPattern(line);
    const attributes = new Map<string, AttributeValue | null>();
    for (const word of rest.split(/\s+/)) {
      if (word === '') continue;
      const name = word.replace(/^[-!]/, '').replace(/=.*$/s, '');
      if (!LINGUIST.test(name)) continue;
      if (word.startsWith('-')) attributes.set(name, false);
      else if (word.startsWith('!')) attributes.set(name, null);
      else if (word.includes('=')) attributes.set(name, word.slice(word.indexOf('=') + 1));
      else attributes.set(name, true);
    }
    if (attributes.size === 0 || pattern === '') return;
    const matches = matcher(pattern);
    if (matches) lines.push({ line: i + 1, pattern, matches, attributes });
  });
  return lines;
}

/** The Linguist attributes that apply to a path, each with the line that set it last. */
export function attributesFor(lines: readonly AttributeLine[], path: string): Map<string, { value: AttributeValue; line: number }> {
  const out = new Map<string, { value: AttributeValue; line: number }>();
  for (const l of lines) {
    if (!l.matches(path)) continue;
    for (const [name, value] of l.attributes) {
      if (value === null) out.delete(name);
      else out.set(name, { value, line: l.line });
    }
  }
  return out;
}

/** A boolean attribute as Linguist reads it: set or any value but "false" is true; unspecified is undefined. */
export function flag(value: AttributeValue | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  return value !== false && value !== 'false';
}

import { MAX_DEPTH } from './limits.js';
import type { Position } from './yaml-source.js';

/**
 * A reader for the plain YAML that questionnaires are written in: block mappings with simple
 * keys, block sequences of scalars, one-line flow sequences of scalars, plain and quoted
 * one-line scalars, comments; or a document that is one flow mapping, as JSON and YAML's flow
 * style write it. It reads such a file several times faster than the full YAML parser, which
 * matters when a run assesses a thousand of them, and starts faster.
 *
 * It answers only when it is sure to agree with the full parser, value for value and position
 * for position; anything else (anchors, tags, block scalars, escapes beyond JSON's, multi-line
 * scalars, duplicate keys, tabs, unusual numbers, an error of any kind) gives undefined, and the
 * caller reads the file with the full parser, which also reports the problems. A differential
 * test holds the two to the same answers.
 */
export interface PlainYaml {
  value: Record<string, unknown>;
  /** Where each mapping, sequence and scalar starts, by dotted path; '' is the whole document. */
  starts: Map<string, Position>;
}

/** Outside the subset: the caller falls back to the full parser. */
class Unsure extends Error {}
const unsure = (): never => {
  throw new Unsure();
};

// Printable characters the subset allows: no control characters, no byte order mark, none of the
// characters some YAML versions take for line breaks.
const UNPRINTABLE = /[^\n\x20-\x7e\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;

/** Where the `:` of a simple key starting at `at` stands (a letter or _, then letters, digits, _; then `: `, or `:` at the end of the line), or -1. */
function keyEnd(text: string, at: number): number {
  let i = at;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
    if (!letter && !(i > at && c >= 48 && c <= 57)) break;
  }
  if (i === at || text.charCodeAt(i) !== 58) return -1;
  return i + 1 === text.length || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 10 ? i : -1;
}

/** A block sequence item starts here: `-` then a space or the end of the line. */
const isItem = (text: string, at: number) => text.charCodeAt(at) === 45 && (at + 1 === text.length || text.charCodeAt(at + 1) === 32);
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?[0-9]+\.[0-9]+$/;
/** A date is a string in YAML 1.2, the version the full parser reads. */
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** A plain scalar may not start with an indicator; a sign or digit starts only the numbers above. */
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`+.0-9 ]/;
/**
 * The numbers of YAML 1.2's core schema, the one the full parser reads, that start with a digit
 * (`0o17`, `0x1F`, `1e3`, `1.`): a plain scalar that starts with a digit and is none of them is a
 * string (`3M`, `50% off`, `24/7 on call`, `1_000`).
 */
const CORE_NUMBER = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)$/;
const DIGIT = /^[0-9]/;

interface Line {
  n: number;
  indent: number;
  text: string;
}

/** A plain or quoted scalar ends here: the rest of the line is blank or a comment. */
function endsLine(text: string, from: number): void {
  const rest = text.slice(from);
  if (!/^ *$/.test(rest) && !/^ +#/.test(rest)) unsure();
}

function resolvePlain(s: string): unknown {
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) return parseInt(s, 10);
  if (FLOAT.test(s)) return parseFloat(s);
  return PLAIN_START.test(s) || DATE.test(s) || (DIGIT.test(s) && !CORE_NUMBER.test(s)) ? s : unsure();
}

/** JSON's escapes, which a double-quoted YAML scalar reads the same way, and what each stands for. */
const ESCAPED = '"\\/bfnrt';
const ESCAPES = '"\\/\b\f\n\r\t';

/**
 * A quoted scalar on one line, starting at its quote: its text and where it ends. A quote doubled
 * inside single quotes stands for one; inside double quotes, JSON's escapes (`\"`, `\\`, `\t`,
 * `\u00e9`, ...) are read, and YAML's others (`\x41`, `\e`, a line break escaped) are left to the
 * full parser.
 */
function quoted(text: string, at: number): { body: string; end: number } {
  const quote = text.charCodeAt(at);
  const close = text.indexOf(text[at]!, at + 1);
  if (close < 0) unsure();
  const body = text.slice(at + 1, close);
  // Most quoted scalars hold neither an escape nor a doubled quote.
  if (quote === 39 ? text.charCodeAt(close + 1) !== 39 : !body.includes('\\')) {
    if (body.includes('\n')) unsure();
    return { body, end: close + 1 };
  }
  let out = '';
  let from = at + 1;
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A scalar that runs onto the next line is folded: the full parser's.
    if (c === 10) break;
    if (c === quote) {
      if (quote === 39 && text.charCodeAt(i + 1) === 39) {
        out += text.slice(from, i + 1);
        from = i + 2;
        i++;
        continue;
      }
      return { body: out + text.slice(from, i), end: i + 1 };
    }
    if (c === 92 && quote === 34) {
      out += text.slice(from, i);
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) unsure();
        out += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        const k = e === undefined ? -1 : ESCAPED.indexOf(e);
        if (k < 0) unsure();
        out += ESCAPES[k];
        i++;
      }
      from = i + 1;
    }
  }
  return unsure();
}

/** A one-line scalar in block context, the rest of the line blank or a comment. */
function blockScalar(text: string, at: number): unknown {
  if (text[at] === '"' || text[at] === "'") {
    const { body, end } = quoted(text, at);
    endsLine(text, end);
    return body;
  }
  const comment = text.indexOf(' #', at);
  const plain = (comment < 0 ? text.slice(at) : text.slice(at, comment)).replace(/ +$/, '');
  if (plain === '' || /: |:$|[[\]{}]/.test(plain)) unsure();
  return resolvePlain(plain);
}

/** A one-line flow sequence of scalars starting at `[`; `item` learns where each item starts. */
function flowSequence(text: string, at: number, item: (index: number, col: number) => void): unknown[] {
  const items: unknown[] = [];
  let i = at + 1;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  skip();
  if (text[i] === ']') {
    endsLine(text, i + 1);
    return items;
  }
  for (;;) {
    skip();
    const ch = text[i];
    item(items.length, i);
    if (ch === '"' || ch === "'") {
      const { body, end } = quoted(text, i);
      items.push(body);
      i = end;
    } else {
      let end = i;
      while (end < text.length && text[end] !== ',' && text[end] !== ']') end++;
      const plain = text.slice(i, end).replace(/ +$/, '');
      if (plain === '' || /[:#[{}]/.test(plain)) unsure();
      items.push(resolvePlain(plain));
      i = end;
    }
    skip();
    if (text[i] === ']') {
      endsLine(text, i + 1);
      return items;
    }
    if (text[i] !== ',') unsure();
    i++;
    skip();
    if (text[i] === ']' || text[i] === ',') unsure();
  }
}

class Reader {
  private i = 0;
  readonly starts = new Map<string, Position>();

  constructor(private readonly lines: Line[]) {}

  private peek(): Line | undefined {
    return this.lines[this.i];
  }

  private at(line: Line, col: number, path: string): void {
    this.starts.set(path, { line: line.n, col: col + 1 });
  }

  document(): Record<string, unknown> {
    const first = this.peek();
    if (!first || first.indent !== 0 || keyEnd(first.text, 0) < 0) unsure();
    this.at(first!, 0, '');
    const value = this.mapping(0, '', 1);
    if (this.peek()) unsure();
    return value;
  }

  private mapping(indent: number, path: string, depth: number): Record<string, unknown> {
    // Deep nesting is for the full parser's checks to refuse, with their message.
    if (depth > MAX_DEPTH) unsure();
    const out: Record<string, unknown> = {};
    for (let line = this.peek(); line && line.indent === indent; line = this.peek()) {
      const colon = keyEnd(line.text, indent);
      if (colon < 0) return unsure();
      const key = line.text.slice(indent, colon);
      if (RESERVED_KEYS.has(key) || Object.hasOwn(out, key)) unsure();
      const child = path ? `${path}.${key}` : key;
      this.i++;
      let at = colon + 1;
      while (line.text[at] === ' ') at++;
      if (at < line.text.length && line.text[at] !== '#') {
        this.at(line, at, child);
        if (line.text[at] === '{') {
          // A flow mapping on its key's line (`services: { count: 40, languages: [go] }`): read as
          // the flow reader reads a document, its positions moved to this line.
          const flow = new FlowReader(line.text);
          out[key] = flow.inline(at, child, depth);
          for (const [p, pos] of flow.starts) this.starts.set(p, { line: line.n, col: pos.col });
          continue;
        }
        out[key] = line.text[at] === '[' ? flowSequence(line.text, at, (n, col) => this.at(line, col, `${child}.${n}`)) : blockScalar(line.text, at);
        continue;
      }
      if (at < line.text.length && line.text[at - 1] !== ' ') unsure();
      const next = this.peek();
      if (next && next.indent >= indent && isItem(next.text, next.indent)) {
        this.at(next, next.indent, child);
        out[key] = this.sequence(next.indent, child);
      } else if (next && next.indent > indent && next.text[next.indent] === '[') {
        // A flow sequence on the line below its key.
        this.i++;
        this.at(next, next.indent, child);
        out[key] = flowSequence(next.text, next.indent, (n, col) => this.at(next, col, `${child}.${n}`));
      } else if (next && next.indent > indent) {
        this.at(next, next.indent, child);
        out[key] = this.mapping(next.indent, child, depth + 1);
      } else {
        // An empty value is null, which no questionnaire answer accepts: the full parser reports it.
        unsure();
      }
    }
    const after = this.peek();
    if (after && after.indent > indent) unsure();
    return out;
  }

  private sequence(indent: number, path: string): unknown[] {
    const out: unknown[] = [];
    for (let line = this.peek(); line && line.indent === indent && isItem(line.text, indent); line = this.peek()) {
      this.i++;
      let at = indent + 1;
      while (line.text[at] === ' ') at++;
      // An empty item, a nested collection or a comment in place of an item: the full parser.
      if (at >= line.text.length || '[{#-'.includes(line.text[at]!)) unsure();
      this.at(line, at, `${path}.${out.length}`);
      out.push(blockScalar(line.text, at));
    }
    const after = this.peek();
    if (after && after.indent > indent) unsure();
    return out;
  }
}

/**
 * A document that is one flow mapping: `{`, keys that are simple or quoted, values that are flow
 * mappings, flow sequences, or one-line scalars, with spaces and line breaks between them (JSON,
 * or YAML's flow style). Comments, trailing commas, a space before a quoted key's `:`, multi-line
 * scalars and everything the block reader declines are left to the full parser.
 */
class FlowReader {
  private i = 0;
  readonly starts = new Map<string, Position>();
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  private at(path: string): void {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= this.i) lo = mid;
      else hi = mid - 1;
    }
    this.starts.set(path, { line: lo + 1, col: this.i - this.lineStarts[lo]! + 1 });
  }

  private space(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\n') this.i++;
  }

  document(): Record<string, unknown> {
    this.space();
    if (this.text[this.i] !== '{') unsure();
    this.at('');
    const value = this.mapping('', 1);
    this.space();
    if (this.i < this.text.length) unsure();
    return value;
  }

  /** A flow collection that is the rest of a block line from `at`: its value, the rest of the line blank or a comment. */
  inline(at: number, path: string, depth: number): unknown {
    this.i = at;
    const value = this.value(path, depth);
    endsLine(this.text, this.i);
    return value;
  }

  /** A key, quoted or simple, and its `:`; `i` is left after the colon. */
  private key(): string {
    const { text } = this;
    const c = text[this.i];
    if (c === '"' || c === "'") {
      const key = this.quoted();
      if (text[this.i] !== ':') unsure();
      this.i++;
      return key;
    }
    const colon = keyEnd(text, this.i);
    if (colon < 0) return unsure();
    const key = text.slice(this.i, colon);
    if (RESERVED_KEYS.has(key)) unsure();
    this.i = colon + 1;
    return key;
  }

  /** A quoted scalar on one line, as quoted() reads it; `i` is left after it. */
  private quoted(): string {
    const { body, end } = quoted(this.text, this.i);
    this.i = end;
    return body;
  }

  private value(path: string, depth: number): unknown {
    const { text } = this;
    this.at(path);
    const c = text[this.i];
    if (c === '{') return this.mapping(path, depth + 1);
    if (c === '[') return this.sequence(path, depth + 1);
    if (c === '"' || c === "'") return this.quoted();
    let end = this.i;
    while (end < text.length && !',{}[]\n'.includes(text[end]!)) end++;
    const plain = text.slice(this.i, end).replace(/ +$/, '');
    if (plain === '' || /[:#]/.test(plain)) unsure();
    this.i = end;
    return resolvePlain(plain);
  }

  /** What follows an entry: `,` and another, or the closing bracket; true when it closed. */
  private next(close: string): boolean {
    this.space();
    const c = this.text[this.i];
    this.i++;
    if (c === close) return true;
    if (c !== ',') unsure();
    this.space();
    if (this.text[this.i] === close || this.text[this.i] === ',') unsure();
    return false;
  }

  private mapping(path: string, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) unsure();
    this.i++;
    this.space();
    const out: Record<string, unknown> = {};
    if (this.text[this.i] === '}') {
      this.i++;
      return out;
    }
    do {
      this.space();
      const key = this.key();
      if (Object.hasOwn(out, key) || key === '__proto__') unsure();
      this.space();
      out[key] = this.value(path ? `${path}.${key}` : key, depth);
    } while (!this.next('}'));
    return out;
  }

  private sequence(path: string, depth: number): unknown[] {
    if (depth > MAX_DEPTH) unsure();
    this.i++;
    this.space();
    const out: unknown[] = [];
    if (this.text[this.i] === ']') {
      this.i++;
      return out;
    }
    do {
      this.space();
      out.push(this.value(`${path}.${out.length}`, depth));
    } while (!this.next(']'));
    return out;
  }
}

/** The file's value and positions when it is plain YAML as described above; otherwise undefined. */
export function readPlainYaml(text: string): PlainYaml | undefined {
  if (UNPRINTABLE.test(text)) return undefined;
  if (/^[ \n]*\{/.test(text)) return attempt(new FlowReader(text));
  const lines: Line[] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const t = raw[n]!;
    let indent = 0;
    while (t.charCodeAt(indent) === 32) indent++;
    // Blank lines and comments.
    if (indent === t.length || t.charCodeAt(indent) === 35) continue;
    // Directives and document markers are left to the full parser.
    if (indent === 0 && (t.startsWith('%') || t.startsWith('---') || t.startsWith('...'))) return undefined;
    lines.push({ n: n + 1, indent, text: t });
  }
  return attempt(new Reader(lines));
}

/** What a reader makes of the text, or undefined where it is unsure. */
function attempt(reader: { document(): Record<string, unknown>; readonly starts: Map<string, Position> }): PlainYaml | undefined {
  try {
    return { value: reader.document(), starts: reader.starts };
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

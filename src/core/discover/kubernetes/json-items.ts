import type { Problem } from '../../text/problem.js';

/**
 * Reads a JSON document that arrives in chunks and hands over the items of its top-level `items`
 * array one at a time, each parsed on its own, so a `kubectl get -o json` List of a hundred
 * thousand pods (a gigabyte) is read in the memory of one pod. Everything outside `items` (kind,
 * apiVersion, metadata) is kept and parsed at the end; a document with no `items` is one item.
 *
 * It scans bytes: JSON's structural characters are ASCII, and no byte of a multi-byte UTF-8
 * character can be mistaken for one, so strings, nesting and lines are followed without decoding.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COLON = 0x3a;

const decoder = new TextDecoder('utf-8');

/** The bytes of several chunks as one text. */
function text(parts: readonly Uint8Array[]): string {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return decoder.decode(all);
}

/** The most one item may take: far above any Kubernetes object (etcd refuses one over 1.5 MB). */
export const MAX_ITEM_BYTES = 64 * 1024 * 1024;
/** The most the document outside its items may take. */
const MAX_OUTSIDE_BYTES = 1024 * 1024;

export interface JsonItemsEnd {
  /** The document without its items: `{ kind: 'List', apiVersion: 'v1', ... }`, or null when it is not an object. */
  outside: Record<string, unknown> | null;
  /** How many items were handed over. */
  items: number;
  problems: Problem[];
}

export class JsonItems {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  private col = 0;
  /** The depth of the items array's contents, once inside it. */
  private itemsDepth = -1;
  private itemsDone = false;
  /** The bytes of the item being read, and where it started. */
  private item: Uint8Array[] = [];
  private itemBytes = 0;
  private itemAt: { line: number; col: number } | null = null;
  /** The bytes outside the items array, kept to parse at the end. */
  private outside: Uint8Array[] = [];
  private outsideBytes = 0;
  /** The last string seen at the top level, and whether it was a key. */
  private topString: number[] | null = null;
  private lastKey = '';
  private lastString = '';
  private count = 0;
  private readonly problems: Problem[] = [];
  private failed = false;

  constructor(
    private readonly file: string,
    private readonly onItem: (item: unknown, line: number, col: number) => void,
  ) {}

  private fail(line: number, col: number, message: string, suggestion?: string): void {
    if (this.failed) return;
    this.failed = true;
    this.problems.push({ file: this.file, line, col, path: '', message, ...(suggestion ? { suggestion } : {}) });
  }

  push(chunk: Uint8Array): void {
    if (this.failed) return;
    let itemStart = this.itemAt ? 0 : -1;
    let outsideStart = this.inItems() ? -1 : 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === NEWLINE) {
        this.line++;
        this.col = 0;
      } else if ((b & 0xc0) !== 0x80) this.col++;
      if (this.inString) {
        if (this.topString && this.depth === 1) this.topString.push(b);
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) {
          this.inString = false;
          if (this.topString) {
            this.topString.pop();
            this.lastString = decoder.decode(Uint8Array.from(this.topString));
            this.topString = null;
          }
        }
        continue;
      }
      if (b === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && itemStart < 0 && !this.itemAt) this.topString = [];
        if (this.depth === this.itemsDepth && !this.itemAt) this.fail(this.line, this.col, 'an item of "items" is a string, not an object');
        continue;
      }
      if (b === COLON && this.depth === 1) this.lastKey = this.lastString;
      if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        if (this.depth === this.itemsDepth && !this.itemAt) {
          this.itemAt = { line: this.line, col: this.col };
          itemStart = i;
        }
        this.depth++;
        // A document that is an array is a list of items itself.
        const topArray = b === OPEN_ARRAY && this.depth === 1 && this.count === 0 && this.itemsDepth < 0 && !this.itemsDone;
        if (topArray || (b === OPEN_ARRAY && this.depth === 2 && this.lastKey === 'items' && !this.itemsDone && this.itemsDepth < 0)) {
          // Keep `[` outside, so the document without its items still parses.
          this.keepOutside(chunk, outsideStart, i + 1);
          outsideStart = -1;
          this.itemsDepth = this.depth;
        }
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        this.depth--;
        if (this.depth < 0) return this.fail(this.line, this.col, `a closing ${b === CLOSE_OBJECT ? '}' : ']'} with nothing open`);
        if (this.itemAt && this.depth === this.itemsDepth) {
          this.take(chunk.subarray(itemStart, i + 1));
          this.finishItem();
          itemStart = -1;
        } else if (this.itemsDepth > 0 && this.depth === this.itemsDepth - 1) {
          // The items array closed: what follows is outside again, starting with this `]`.
          this.itemsDepth = -1;
          this.itemsDone = true;
          outsideStart = i;
        }
      }
    }
    if (this.itemAt && itemStart >= 0) this.take(chunk.subarray(itemStart));
    if (outsideStart >= 0) this.keepOutside(chunk, outsideStart, chunk.length);
  }

  private inItems(): boolean {
    return this.itemsDepth > 0;
  }

  private take(bytes: Uint8Array): void {
    this.itemBytes += bytes.length;
    if (this.itemBytes > MAX_ITEM_BYTES) return this.fail(this.itemAt!.line, this.itemAt!.col, `an item larger than ${MAX_ITEM_BYTES / 1024 / 1024} MiB`, 'no Kubernetes object is this large; check that the file is what kubectl printed');
    // A copy: the reader hands over a buffer it reuses (and a Node Buffer's slice copies nothing).
    this.item.push(new Uint8Array(bytes));
  }

  private keepOutside(chunk: Uint8Array, from: number, to: number): void {
    if (from < 0 || to <= from) return;
    this.outsideBytes += to - from;
    if (this.outsideBytes > MAX_OUTSIDE_BYTES) return this.fail(this.line, this.col, 'more than 1 MiB outside the "items" list', 'give the output of kubectl get ... -o json, a List');
    this.outside.push(new Uint8Array(chunk.subarray(from, to)));
  }

  private finishItem(): void {
    const at = this.itemAt!;
    const body = text(this.item);
    this.item = [];
    this.itemBytes = 0;
    this.itemAt = null;
    if (this.failed) return;
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (e) {
      return this.fail(at.line, at.col, `invalid JSON in the item that starts here: ${(e as Error).message.split('\n')[0]}`);
    }
    this.count++;
    this.onItem(value, at.line, at.col);
  }

  end(): JsonItemsEnd {
    if (!this.failed && (this.depth !== 0 || this.inString)) this.fail(this.line, this.col, 'the JSON ends before everything it opens is closed', 'the file may have been cut short; export it again');
    let outside: Record<string, unknown> | null = null;
    if (!this.failed) {
      try {
        const v: unknown = JSON.parse(text(this.outside));
        outside = typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
      } catch (e) {
        this.fail(1, 1, `invalid JSON: ${(e as Error).message.split('\n')[0]}`);
      }
    }
    return { outside, items: this.count, problems: this.problems };
  }
}

import { Document, isAlias, isMap, isPair, isScalar, LineCounter, parseDocument, visit, type Node } from 'yaml';
import { refuseEarly } from './limits.js';
import type { Problem } from '../text/problem.js';

/** A parsed YAML file that can say where any path in it stands. */
export interface Source {
  file: string;
  doc: Document;
  lines: LineCounter;
}

/** Where a value stands; for an answer discover found, the evidence comments written above it. */
export type Position = { line: number; col: number; discovered?: readonly string[] };

/** Parses YAML text; syntax errors come back as located problems, all of them. */
export function parseSource(file: string, text: string): { source: Source; problems: Problem[] } {
  const lines = new LineCounter();
  const early = refuseEarly(file, text);
  if (early.length > 0) return { source: { file, doc: new Document(), lines }, problems: early };
  // Keys are checked for uniqueness below, in one pass: the parser's own check compares every key
  // with every other, which takes minutes on a file of many keys.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const problem = (offset: number, message: string): Problem => {
    const pos = lines.linePos(offset);
    return { file, line: pos.line, col: pos.col, path: '', message };
  };
  const problems: Problem[] = doc.errors.map((e) => problem(e.pos[0], `invalid YAML: ${firstLine(e.message)}`));
  // An unknown tag (!!js/function, !custom) would otherwise be read as plain text.
  for (const w of doc.warnings) if (w.code === 'TAG_RESOLVE_FAILED') problems.push({ ...problem(w.pos[0], `invalid YAML: ${firstLine(w.message)}`), suggestion: 'remove the tag; answers are plain values' });
  if (doc.errors.length === 0) problems.push(...keyProblems(doc, problem));
  return { source: { file, doc, lines }, problems };
}

/**
 * Duplicate keys in any mapping, and keys written as aliases (*name), which would let a second
 * spelling of a key slip past the duplicate check: one pass over the document, each at its offset.
 */
export function keyIssues(doc: Document): { offset: number; alias?: string }[] {
  const out: { offset: number; alias?: string }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        const offset = key && typeof key === 'object' ? (key.range?.[0] ?? 0) : 0;
        if (isAlias(key)) {
          out.push({ offset, alias: key.source });
          continue;
        }
        const name = isScalar(key) ? String(key.value) : String(key);
        if (seen.has(name)) out.push({ offset });
        seen.add(name);
      }
    },
  });
  return out;
}

function keyProblems(doc: Document, problem: (offset: number, message: string) => Problem): Problem[] {
  return keyIssues(doc).map((k) =>
    k.alias !== undefined ? { ...problem(k.offset, `invalid YAML: a key written as an alias (*${k.alias})`), suggestion: 'write the key out' } : problem(k.offset, 'invalid YAML: Map keys must be unique'),
  );
}

const firstLine = (s: string) => s.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? s;

function at(source: Source, offset: number | undefined): Position | undefined {
  if (offset === undefined) return undefined;
  const p = source.lines.linePos(offset);
  return { line: p.line, col: p.col };
}

/** Where the value at `path` starts; for a missing key, where its nearest present parent starts. */
export function locate(source: Source, path: readonly (string | number)[]): Position | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = source.doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) {
      // For a mapping, point at its first key rather than the start of the block.
      return at(source, node.range[0]);
    }
    if (n === 0) return at(source, source.doc.contents?.range?.[0]) ?? { line: 1, col: 1 };
  }
  return undefined;
}

// A collection used as a key reaches JavaScript as flow YAML but prints here as JSON:
// compare the two without spaces and quotes.
const loose = (s: string) => s.replace(/[\s"']/g, '');

/**
 * Where each of `keys` of the mapping at `path` is written, found in one pass over the mapping
 * (a file with thousands of unknown keys would otherwise be scanned once per key).
 */
export function locateKeys(source: Source, path: readonly (string | number)[], keys: readonly string[]): Map<string, Position | undefined> {
  const map = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
  const found = new Map<string, Position | undefined>();
  if (isMap(map)) {
    const byName = new Map<string, Node>();
    const byLoose = new Map<string, Node>();
    for (const item of map.items) {
      if (!isPair(item) || item.key === null || typeof item.key !== 'object') continue;
      const node = item.key as Node;
      if (isScalar(node)) {
        const name = String(node.value);
        if (!byName.has(name)) byName.set(name, node);
      } else if (!byLoose.has(loose(String(node)))) byLoose.set(loose(String(node)), node);
    }
    for (const key of keys) {
      const node = byName.get(key) ?? byLoose.get(loose(key));
      if (node) found.set(key, at(source, node.range?.[0]));
    }
  }
  const parent = found.size < keys.length ? locate(source, path) : undefined;
  for (const key of keys) if (!found.has(key)) found.set(key, parent);
  return found;
}

/** Where the key `key` of the mapping at `path` is written. */
export function locateKey(source: Source, path: readonly (string | number)[], key: string): Position | undefined {
  const map = path.length === 0 ? source.doc.contents : source.doc.getIn(path, true);
  if (isMap(map)) {
    for (const item of map.items) {
      if (!isPair(item) || item.key === null || typeof item.key !== 'object') continue;
      const hit = isScalar(item.key) ? String(item.key.value) === key : loose(String(item.key)) === loose(key);
      if (hit) return at(source, (item.key as Node).range?.[0]);
    }
  }
  return locate(source, path);
}

import { Document, isMap, isPair, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { refuseEarly } from './limits.js';
import type { Problem } from './problem.js';

/** A parsed YAML file that can say where any path in it stands. */
export interface Source {
  file: string;
  doc: Document;
  lines: LineCounter;
}

export type Position = { line: number; col: number };

/** Parses YAML text; syntax errors come back as located problems, all of them. */
export function parseSource(file: string, text: string): { source: Source; problems: Problem[] } {
  const lines = new LineCounter();
  const early = refuseEarly(file, text);
  if (early.length > 0) return { source: { file, doc: new Document(), lines }, problems: early };
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const problems: Problem[] = doc.errors.map((e) => {
    const pos = lines.linePos(e.pos[0]);
    return { file, line: pos.line, col: pos.col, path: '', message: `invalid YAML: ${firstLine(e.message)}` };
  });
  return { source: { file, doc, lines }, problems };
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

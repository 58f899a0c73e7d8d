// The layout docs/architecture.md describes, held to the code: the folders it names are the
// folders there are, each imports exactly what its row lists, none holds more than about ten
// files, no file imports itself back through others, and the folders that import each other both
// ways are the ones the document lists.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');
const files = (readdirSync(SRC, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));
const folderOf = (file: string) => relative(ROOT, dirname(file));

/** The files each file imports, by path: static imports and re-exports, types included. */
export function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s*'(\.{1,2}\/[^']+)'/g)].map((m) => resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
}

/** The import circles of a graph: its strongly connected parts of more than one file (Tarjan). */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(part.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(f, 'utf8'))]));

/** docs/architecture.md's table: each folder, and the folders it may import ("nothing" for none). */
function table(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const rows = [...doc.matchAll(/^\| `(src[^`]*)` \| [^|]+ \| ([^|]+) \|$/gm)];
  return new Map(rows.map((m) => [m[1]!, new Set(m[2]!.trim() === 'nothing' ? [] : [...m[2]!.matchAll(/`([^`]+)`/g)].map((x) => `src/${x[1]}`.replace(/^src\/src$/, 'src')))]));
}

describe('the architecture', () => {
  it('finds the circles it is meant to find', () => {
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
    expect(circles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(importsOf('/x/a.ts', "import type { T } from './t.js';\nexport { f } from '../f.js';\nimport {\n  g,\n} from './g.js';\n")).toEqual(['/x/t.ts', '/f.ts', '/x/g.ts']);
  });

  it('has no import circle between files, type imports included', () => {
    expect(circles(graph).map((c) => c.map((f) => relative(ROOT, f)))).toEqual([]);
  });

  it('has the folders docs/architecture.md names, each of ten files at most', () => {
    const folders = [...new Set(files.map(folderOf))].sort();
    expect(folders).toEqual([...table().keys()].sort());
    for (const folder of folders) expect(files.filter((f) => folderOf(f) === folder).length, folder).toBeLessThanOrEqual(10);
  });

  it('imports between folders only as docs/architecture.md allows', () => {
    const allowed = table();
    const extra: string[] = [];
    for (const [file, targets] of graph) {
      const from = folderOf(file);
      for (const t of targets) {
        const to = folderOf(t);
        if (to !== from && to.startsWith('src') && !allowed.get(from)?.has(to)) extra.push(`${relative(ROOT, file)} imports ${relative(ROOT, t)}`);
      }
    }
    expect(extra).toEqual([]);
  });

  it('lists no import in docs/architecture.md that no file makes', () => {
    const used = new Set<string>();
    for (const [file, targets] of graph) for (const t of targets) used.add(`${folderOf(file)} ${folderOf(t)}`);
    const unused = [...table()].flatMap(([from, tos]) => [...tos].filter((to) => !used.has(`${from} ${to}`)).map((to) => `${from} may import ${to}`));
    expect(unused).toEqual([]);
  });

  it('has exactly the two-way imports between folders that docs/architecture.md lists', () => {
    const edges = new Set<string>();
    for (const [file, targets] of graph) for (const t of targets) if (folderOf(t) !== folderOf(file)) edges.add(`${folderOf(file)} ${folderOf(t)}`);
    const both = [...edges].map((e) => e.split(' ')).filter(([a, b]) => a! < b! && edges.has(`${b} ${a}`)).map(([a, b]) => `${a} ${b}`).sort();
    // Each item of the list names its pairs before the colon: "`a` and `b`, `c` and `d`: why".
    const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const items = doc.slice(doc.indexOf('these imports still run both ways')).split('\n- ').slice(1);
    const listed = items.flatMap((item) => [...item.split(':')[0]!.matchAll(/`([^`]+)`\s+and\s+`([^`]+)`/g)].map((m) => [`src/${m[1]}`, `src/${m[2]}`].sort().join(' ')));
    expect(both).toEqual(listed.sort());
  });

  it('keeps I/O at the edge: nothing in core or render imports the file system or the process', () => {
    for (const [file, text] of files.filter((f) => /src\/(core|render)\//.test(f)).map((f) => [f, readFileSync(f, 'utf8')] as const)) {
      expect(text, relative(ROOT, file)).not.toMatch(/from '(node:)?(fs|child_process|process)'|\bprocess\./);
    }
  });
});

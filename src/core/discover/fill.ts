import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Problem } from '../text/problem.js';
import { inline } from '../questionnaire/template.js';
import { visible } from '../text/safe-text.js';
import { parseSource } from '../yaml/yaml-source.js';

/**
 * `discover --into`: fills the answers an existing questionnaire leaves out, and only those. No
 * line of the file is changed: each answer is a new line (its evidence as comments above it) at
 * the end of the section it belongs to, and a section the file lacks is added at its end.
 */

export interface Fill {
  path: string;
  value: unknown;
  /** Comment lines (without `# `) to write above the answer. */
  notes: readonly string[];
}

export interface Disagreement {
  path: string;
  answered: unknown;
  discovered: unknown;
  /** Where the answer stands in the file. */
  line: number;
  col: number;
  notes: readonly string[];
}

export interface Filled {
  text: string;
  filled: string[];
  disagreements: Disagreement[];
  /** Answers that could not be placed, with why (a section written as a flow mapping). */
  skipped: { path: string; why: string }[];
  problems: Problem[];
}

/** Two answers agree when they say the same, lists in any order and case. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const norm = (l: unknown[]) => l.map((x) => String(x).toLowerCase()).sort().join('\n');
    return norm(a) === norm(b);
  }
  return a === b;
}

interface Insert {
  offset: number;
  text: string;
  order: number;
}

export function fillQuestionnaire(file: string, text: string, fills: readonly Fill[]): Filled {
  const { source, problems } = parseSource(file, text);
  if (problems.length > 0) return { text, filled: [], disagreements: [], skipped: [], problems };
  const doc = source.doc;
  if (!isMap(doc.contents)) return { text, filled: [], disagreements: [], skipped: [], problems: [{ file, line: 1, col: 1, path: '', message: 'expected a questionnaire, a mapping of answers', suggestion: 'write one with mesh-assess init, or leave out --into to write a new file' }] };
  const filled: string[] = [];
  const disagreements: Disagreement[] = [];
  const skipped: Filled['skipped'] = [];
  // What goes under each present mapping: the answers below it, as a tree of the keys still missing.
  type Tree = Map<string, Tree | Fill>;
  const under = new Map<string, { node: Node; tree: Tree; order: number }>();
  fills.forEach((f, order) => {
    const keys = f.path.split('.');
    const present = doc.getIn(keys, true) as Node | undefined;
    if (present !== undefined && !(isScalar(present) && present.value === null)) {
      const pos = source.lines.linePos(present.range?.[0] ?? 0);
      const answered = isSeq(present) || isMap(present) ? present.toJSON() : isScalar(present) ? present.value : present;
      if (!same(answered, f.value)) disagreements.push({ path: f.path, answered, discovered: f.value, line: pos.line, col: pos.col, notes: f.notes });
      return;
    }
    // The deepest section the file has: a mapping to add to, or a key written with no value yet.
    let depth = keys.length - 1;
    let node = (depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true)) as Node | undefined;
    while (depth > 0 && node === undefined) {
      depth--;
      node = (depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true)) as Node | undefined;
    }
    const empty = isScalar(node) && node.value === null;
    if (!empty && (!isMap(node) || node.flow)) {
      skipped.push({ path: f.path, why: `${keys.slice(0, depth).join('.') || 'the file'} is ${isMap(node) ? 'written as a flow mapping, where no comment fits' : 'not a section of answers'}; add it yourself` });
      return;
    }
    const anchor = keys.slice(0, depth).join('.');
    const entry = under.get(anchor) ?? { node: node!, tree: new Map(), order };
    let tree = entry.tree;
    for (const k of keys.slice(depth, -1)) {
      const next = tree.get(k);
      if (next instanceof Map) tree = next;
      else {
        const t: Tree = new Map();
        tree.set(k, t);
        tree = t;
      }
    }
    tree.set(keys.at(-1)!, f);
    under.set(anchor, entry);
    filled.push(f.path);
  });

  const inserts: Insert[] = [];
  for (const [anchor, { node, tree, order }] of under) {
    const render = (t: Tree, pad: number): string[] =>
      [...t].flatMap(([key, v]) =>
        v instanceof Map ? [`${' '.repeat(pad)}${key}:`, ...render(v, pad + 2)] : [...v.notes.map((n) => `${' '.repeat(pad)}# ${visible(n)}`), `${' '.repeat(pad)}${key}: ${inline(v.value)}`],
      );
    let indent: number;
    let end: number;
    if (isMap(node)) {
      const firstKey = node.items[0]?.key as Node | undefined;
      indent = firstKey?.range ? source.lines.linePos(firstKey.range[0]).col - 1 : 0;
      // After the last line of the mapping's own text, on a line of its own.
      end = anchor === '' ? text.length : (node.range?.[1] ?? text.length);
    } else {
      // A section written with no answers under it yet (`kubernetes:`): under its key, one step in.
      const parent = anchor.split('.').slice(0, -1);
      const owner = (parent.length === 0 ? doc.contents : doc.getIn(parent, true)) as Node;
      const pair = isMap(owner) ? owner.items.find((p) => isScalar(p.key) && String(p.key.value) === anchor.split('.').at(-1)) : undefined;
      const keyNode = pair?.key as Node | undefined;
      indent = (keyNode?.range ? source.lines.linePos(keyNode.range[0]).col - 1 : 0) + 2;
      end = keyNode?.range?.[1] ?? text.length;
    }
    const lineEnd = text.indexOf('\n', Math.max(0, end - 1));
    const offset = lineEnd < 0 ? text.length : lineEnd + 1;
    const block = render(tree, indent).join('\n');
    inserts.push({ offset, text: block, order });
  }
  let out = text.endsWith('\n') || text.length === 0 ? text : `${text}\n`;
  for (const ins of inserts.sort((a, b) => b.offset - a.offset || b.order - a.order)) {
    const at = Math.min(ins.offset, out.length);
    out = `${out.slice(0, at)}${ins.text}\n${out.slice(at)}`;
  }
  return { text: out, filled, disagreements, skipped, problems: [] };
}

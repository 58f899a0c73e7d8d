import { pathsOf } from '../rubric/condition.js';
import { fromMeshChoice } from '../knowledge/latency.js';
import { catalogueConditions } from '../knowledge/mesh-choice.js';
import type { Condition } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';
import { fields } from '../questionnaire/fields.js';
import type { Answers, Value } from '../questionnaire/derive.js';

/** One answer a sensitivity search may try: a value for a path, or an item added to or taken from a list. */
export type Candidate =
  | { path: string; value: Value }
  | { path: string; add: string }
  | { path: string; remove: string };

/** The values across each comparison's boundary: the two whole numbers either side of it. */
function boundary(op: string, n: number): number[] {
  switch (op) {
    case 'lt': return [n - 1, n];
    case 'lte': return [n, n + 1];
    case 'gt': return [n, n + 1];
    case 'gte': return [n - 1, n];
    case 'equals': return [n];
    default: return [];
  }
}

function leaves(c: Condition, out: Condition[]): void {
  c.all?.forEach((x) => leaves(x, out));
  c.any?.forEach((x) => leaves(x, out));
  if (c.not) leaves(c.not, out);
  if (c.path) out.push(c);
}

/** What a leaf comparison suggests trying for its answer; derived quantities are not answers, so none. */
function fromLeaf(c: Condition): Candidate[] {
  const field = fields().get(c.path!);
  if (!field || field.derived) return [];
  const path = c.path!;
  switch (field.kind) {
    case 'boolean': return [{ path, value: true }, { path, value: false }];
    case 'enum': return (field.options ?? []).map((value) => ({ path, value }));
    case 'count':
    case 'number': {
      const op = (['lt', 'lte', 'gt', 'gte', 'equals'] as const).find((o) => c[o] !== undefined);
      return op ? boundary(op, c[op] as number).filter((v) => v >= 0).map((value) => ({ path, value })) : [];
    }
    case 'list': return c.contains !== undefined ? [{ path, add: c.contains }, { path, remove: c.contains }] : [];
    case 'text': return c.contains !== undefined ? [{ path, value: c.contains }] : [];
    default: return [];
  }
}

const cache = new WeakMap<Rubric, readonly Candidate[]>();

/**
 * Every answer change the rubric's deciding rules (gates and scores, not risks) can tell apart:
 * each option of a boolean or enum they read, the values either side of each number they compare,
 * each item they look for in a list. The same for every questionnaire, so worked out once.
 */
export function candidatesOf(rubric: Rubric): readonly Candidate[] {
  let out = cache.get(rubric);
  if (!out) {
    const seen = new Set<string>();
    const list: Candidate[] = [];
    // A rule on what the knowledge derives (the overhead of the mesh recommended) also turns on
    // the answers the choice of mesh reads: its conditions are tried as the rules' own.
    const deciding = rubric.rules.filter((r) => !('risk' in r.effect));
    const cat = rubric.knowledge.meshes;
    const readsMesh = cat && deciding.some((r) => pathsOf(r.when).some(fromMeshChoice));
    const conditions = [...deciding.map((r) => r.when), ...(readsMesh ? catalogueConditions(cat) : [])];
    for (const when of conditions) {
      const ls: Condition[] = [];
      leaves(when, ls);
      for (const cand of ls.flatMap(fromLeaf)) {
        const key = JSON.stringify(cand);
        if (!seen.has(key)) {
          seen.add(key);
          list.push(cand);
        }
      }
    }
    out = list;
    cache.set(rubric, out);
  }
  return out;
}

/** The answer a candidate gives on these answers, or undefined when it would change nothing. */
export function valueOf(c: Candidate, answers: Answers): Value | undefined {
  const now = answers.get(c.path);
  if ('value' in c) return now === c.value ? undefined : c.value;
  const list = Array.isArray(now) ? (now as readonly string[]) : [];
  const has = list.some((x) => x.toLowerCase() === ('add' in c ? c.add : c.remove).toLowerCase());
  if ('add' in c) return has ? undefined : [...list, c.add];
  const rest = list.filter((x) => x.toLowerCase() !== c.remove.toLowerCase());
  // A list answer is never emptied: an empty list is not a valid answer.
  return has && rest.length > 0 ? rest : undefined;
}

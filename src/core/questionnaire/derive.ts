import { MESH_ADDRESSABLE_CAUSES, OTHER_CAUSES, type Questionnaire } from './schema.js';

/** A value a rubric can read: a questionnaire answer or a derived quantity. */
export type Value = string | number | boolean | readonly string[];

/** Answers by dotted path; a path that is absent is unknown. */
export type Answers = ReadonlyMap<string, Value>;

function flatten(node: unknown, prefix: string, out: Map<string, Value>): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, node as Value);
}

/**
 * The answers of a valid questionnaire, flattened, with the derived quantities added.
 * A derived quantity is left out (unknown) when what it is computed from is unknown.
 */
export function answersOf(q: Questionnaire): Answers {
  const out = new Map<string, Value>();
  flatten(q, '', out);
  out.set('services.language_count', new Set(q.services.languages.map((l) => l.toLowerCase())).size);

  const causes = q.incidents?.causes;
  if (causes) {
    const n = (k: keyof typeof causes) => causes[k] ?? 0;
    const total = [...MESH_ADDRESSABLE_CAUSES, ...OTHER_CAUSES].reduce((sum, k) => sum + n(k), 0);
    out.set('incidents.total', total);
    if (total > 0) {
      const addressable = MESH_ADDRESSABLE_CAUSES.reduce((sum, k) => sum + n(k), 0);
      out.set('incidents.mesh_addressable_share', Math.round((addressable / total) * 1000) / 1000);
      // The first cause in the spec's order wins a tie, so the result is stable.
      const top = OTHER_CAUSES.reduce((best, k) => (n(k) > n(best) ? k : best));
      if (n(top) > 0) out.set('incidents.top_other_cause', top.replace(/_/g, ' '));
    }
  }

  const budget = q.traffic?.latency_budget_ms;
  const depth = q.services.call_depth;
  if (budget !== undefined && depth !== undefined) {
    out.set('traffic.latency_budget_per_hop_ms', Math.round((budget / Math.max(depth, 1)) * 10) / 10);
  }
  return out;
}

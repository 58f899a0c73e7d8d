import { DERIVED_PATHS, DERIVED_SOURCES } from './fields.js';
import { MESH_ADDRESSABLE_CAUSES, OTHER_CAUSES, type Questionnaire } from './schema.js';

/** A value a rubric can read: a questionnaire answer or a derived quantity. */
export type Value = string | number | boolean | readonly string[];

/** Answers by dotted path; a path that is absent is unknown. */
export type Answers = ReadonlyMap<string, Value>;

/** A change to one answer, by dotted path. */
export interface AnswerChange {
  path: string;
  value: unknown;
}

function flatten(node: unknown, prefix: string, out: Map<string, Value>): void {
  if (node === null || node === undefined) return;
  if (typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, child] of Object.entries(node)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, node as Value);
}

const CAUSE_PATHS = {
  addressable: MESH_ADDRESSABLE_CAUSES.map((k) => `incidents.causes.${k}`),
  other: OTHER_CAUSES.map((k) => `incidents.causes.${k}`),
};
const DERIVED = new Set(DERIVED_PATHS);

/**
 * The derived quantities of flattened answers. A derived quantity is left out (unknown) when
 * what it is computed from is unknown; the incident counts are known once the causes section is
 * there, even empty.
 */
function derive(get: (path: string) => Value | undefined, out: Map<string, Value>, causesGiven: boolean): void {
  const languages = get('services.languages');
  if (Array.isArray(languages)) out.set('services.language_count', new Set(languages.map((l: string) => l.toLowerCase())).size);

  if (causesGiven) {
    const n = (path: string) => (get(path) as number | undefined) ?? 0;
    const addressable = CAUSE_PATHS.addressable.reduce((sum, p) => sum + n(p), 0);
    const total = CAUSE_PATHS.other.reduce((sum, p) => sum + n(p), addressable);
    out.set('incidents.total', total);
    if (total > 0) {
      out.set('incidents.mesh_addressable_share', Math.round((addressable / total) * 1000) / 1000);
      // The first cause in the spec's order wins a tie, so the result is stable.
      let top = 0;
      CAUSE_PATHS.other.forEach((p, i) => {
        if (n(p) > n(CAUSE_PATHS.other[top]!)) top = i;
      });
      if (n(CAUSE_PATHS.other[top]!) > 0) out.set('incidents.top_other_cause', OTHER_CAUSES[top]!.replace(/_/g, ' '));
    }
  }

  const budget = get('traffic.latency_budget_ms') as number | undefined;
  const depth = get('services.call_depth') as number | undefined;
  if (budget !== undefined && depth !== undefined) {
    out.set('traffic.latency_budget_per_hop_ms', Math.round((budget / Math.max(depth, 1)) * 10) / 10);
  }
}

/** The answers of a valid questionnaire, flattened, with the derived quantities added. */
export function answersOf(q: Questionnaire): Answers {
  const out = new Map<string, Value>();
  flatten(q, '', out);
  derive((path) => out.get(path), out, q.incidents?.causes !== undefined);
  return out;
}

/** What a condition reads answers through: a full set of answers, or one with some changed. */
export interface Lookup {
  get(path: string): Value | undefined;
}

const SOURCES = new Set(DERIVED_SOURCES);
/** Whether a derived quantity is computed from the answer at `path` (or from its section). */
const feedsDerived = (path: string) => SOURCES.has(path) || DERIVED_SOURCES.some((s) => path.startsWith(s) && path[s.length] === '.');

/**
 * The answers with some of them changed, as answersOf would give for the questionnaire with the
 * changes written in; each change sets one answer, never a section or a derived quantity. The
 * answers are not copied: the changes and the derived quantities they imply sit on top of them.
 */
export function answersWith(answers: Answers, changes: readonly AnswerChange[]): Lookup {
  if (changes.length === 0) return answers;
  // Sensitivity analysis asks this for one or two changes at a time, thousands of times: a lookup
  // through the changes beats building a map for them.
  const given = (path: string) => {
    for (let i = changes.length - 1; i >= 0; i--) if (changes[i]!.path === path) return changes[i]!.value as Value;
    return answers.get(path);
  };
  // Most changes touch nothing a derived quantity is computed from; those keep the answers' own.
  if (!changes.some((c) => feedsDerived(c.path))) return { get: given };
  const derived = new Map<string, Value>();
  derive(given, derived, answers.has('incidents.total') || changes.some((c) => c.path.startsWith('incidents.causes.')));
  return { get: (path) => (DERIVED.has(path) ? derived.get(path) : given(path)) };
}

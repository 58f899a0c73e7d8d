import { DERIVED_PATHS } from './fields.js';
import { MESH_ADDRESSABLE_CAUSES, OTHER_CAUSES, type Questionnaire } from './schema.js';

/** A value a rubric can read: a questionnaire answer or a derived quantity. */
export type Value = string | number | boolean | readonly string[];

/**
 * What is known of a derived number computed from partial answers: it lies between `lo` and `hi`
 * (`hi` may be Infinity), whatever the missing answers turn out to be.
 */
export interface Bounds {
  lo: number;
  hi: number;
}

/** What a condition reads answers through: a full set of answers, or one with some changed. */
export interface Lookup {
  get(path: string): Value | undefined;
  /** For a derived number left unknown because some of its answers are missing: the range it lies in. */
  bounds?(path: string): Bounds | undefined;
}

/**
 * Derived quantities computed together from some answers: which answers feed them, which paths
 * they give, and how. The questionnaire's own are below; the rubric's knowledge adds more (the
 * overhead of the mesh the answers recommend).
 */
export interface DerivedGroup {
  paths: readonly string[];
  feeds: (path: string) => boolean;
  /** `changes`: the answers changed from those the group was first derived on, when any. */
  run: (get: (path: string) => Value | undefined, out: Map<string, Value>, ranges: Map<string, Bounds>, changes?: readonly AnswerChange[]) => void;
}

/** Answers by dotted path; a path that is absent is unknown. */
export type Answers = ReadonlyMap<string, Value> & Lookup & { readonly groups?: readonly DerivedGroup[] };

/** Flattened answers with the bounds of the derived numbers that partial answers leave open. */
class AnswerMap extends Map<string, Value> {
  readonly ranges = new Map<string, Bounds>();
  /** Derived groups beyond the questionnaire's own, which a change to their answers derives again. */
  groups: readonly DerivedGroup[] = [];
  /** By path, the groups a change to that answer derives again (feedsOf), as first asked. */
  readonly fed = new Map<string, readonly DerivedGroup[]>();
  bounds(path: string): Bounds | undefined {
    return this.ranges.get(path);
  }
}

/**
 * The answers with more derived quantities: a copy that computes `group` now and again whenever
 * answersWith changes an answer that feeds it.
 */
export function withGroup(answers: Answers, group: DerivedGroup): Answers {
  const out = new AnswerMap(answers);
  if (answers instanceof AnswerMap) for (const [k, v] of answers.ranges) out.ranges.set(k, v);
  out.groups = [...(answers.groups ?? []), group];
  group.run((path) => out.get(path), out, out.ranges);
  return out;
}

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
/** The causes outside a mesh's reach as a report names them. */
const CAUSE_NAMES = OTHER_CAUSES.map((k) => k.replace(/_/g, ' '));

const round3 = (n: number) => Math.round(n * 1000) / 1000;

type Get = (path: string) => Value | undefined;

/**
 * The incident quantities. A cause left out is unknown, never zero (questionnaire.md): while any
 * is missing, a sum is known only from below and the share of addressable incidents only as a
 * range, lowest with every missing incident elsewhere and highest with every one addressable,
 * the missing counts unbounded. Such a quantity gets bounds instead of a value.
 */
function deriveIncidents(get: Get, out: Map<string, Value>, ranges: Map<string, Bounds>): void {
  // Derived again for every change to a cause that the sensitivity search tries: one pass, no closures.
  let addressable = 0;
  let addressableMissing = false;
  for (const p of CAUSE_PATHS.addressable) {
    const v = get(p) as number | undefined;
    if (v === undefined) addressableMissing = true;
    else addressable += v;
  }
  // The largest cause recorded elsewhere; the first in the spec's order wins a tie, so the result is stable.
  let elsewhere = 0;
  let elsewhereMissing = false;
  let top = -1;
  let most = 0;
  for (let i = 0; i < CAUSE_PATHS.other.length; i++) {
    const v = get(CAUSE_PATHS.other[i]!) as number | undefined;
    if (v === undefined) elsewhereMissing = true;
    else {
      elsewhere += v;
      if (v > most) {
        most = v;
        top = i;
      }
    }
  }
  const put = (path: string, lo: number, open: boolean) => (open ? ranges.set(path, { lo, hi: Infinity }) : out.set(path, lo));
  put('incidents.mesh_addressable_total', addressable, addressableMissing);
  put('incidents.elsewhere_total', elsewhere, elsewhereMissing);
  put('incidents.total', addressable + elsewhere, addressableMissing || elsewhereMissing);
  const seen = addressable + elsewhere;
  if (!addressableMissing && !elsewhereMissing) {
    if (seen > 0) out.set('incidents.mesh_addressable_share', round3(addressable / seen));
  } else {
    // With addressable causes missing the share can reach 1; with other causes missing it can fall to 0.
    const lo = elsewhereMissing ? 0 : seen > 0 ? round3(addressable / seen) : 0;
    const hi = addressableMissing ? 1 : seen > 0 ? round3(addressable / seen) : 1;
    ranges.set('incidents.mesh_addressable_share', { lo, hi });
  }
  if (top >= 0) out.set('incidents.top_other_cause', CAUSE_NAMES[top]!);
}

function deriveLanguages(get: Get, out: Map<string, Value>): void {
  const languages = get('services.languages');
  if (Array.isArray(languages)) out.set('services.language_count', new Set(languages.map((l: string) => l.toLowerCase())).size);
}

function deriveLatency(get: Get, out: Map<string, Value>): void {
  const budget = get('traffic.latency_budget_ms') as number | undefined;
  const depth = get('services.call_depth') as number | undefined;
  if (budget !== undefined && depth !== undefined) {
    out.set('traffic.latency_budget_per_hop_ms', Math.round((budget / Math.max(depth, 1)) * 10) / 10);
  }
}

/**
 * The derived quantities in groups, each with the answers it is computed from: a change to an
 * answer derives its own group again and leaves the others as they were.
 */
const LANGUAGES: DerivedGroup = { paths: ['services.language_count'], feeds: (p) => p === 'services.languages', run: deriveLanguages };
const INCIDENTS: DerivedGroup = { paths: DERIVED_PATHS.filter((p) => p.startsWith('incidents.')), feeds: (p) => p.startsWith('incidents.causes.'), run: deriveIncidents };
const LATENCY: DerivedGroup = { paths: ['traffic.latency_budget_per_hop_ms'], feeds: (p) => p === 'traffic.latency_budget_ms' || p === 'services.call_depth', run: deriveLatency };
const GROUPS: readonly DerivedGroup[] = [LANGUAGES, INCIDENTS, LATENCY];

const NONE: readonly DerivedGroup[] = [];

/**
 * One string for each answer's path. A compiled condition and the changes the sensitivity search
 * tries then hold the same string for the same path, which compares at once; two equal strings
 * read from different files compare character by character, millions of times for a large rubric.
 */
const paths = new Map<string, string>();
export function internPath(path: string): string {
  let one = paths.get(path);
  if (one === undefined) {
    one = path;
    paths.set(path, one);
  }
  return one;
}

/** The groups, the questionnaire's own first, that a change to the answer at `path` derives again; kept by answers and path. */
const fedBy = new WeakMap<Answers, Map<string, readonly DerivedGroup[]>>();
function feedsOf(answers: Answers, path: string): readonly DerivedGroup[] {
  let byPath = answers instanceof AnswerMap ? answers.fed : fedBy.get(answers);
  if (!byPath) {
    byPath = new Map();
    fedBy.set(answers, byPath);
  }
  let fed = byPath.get(path);
  if (!fed) {
    const found = [...GROUPS, ...(answers.groups ?? [])].filter((g) => g.feeds(path));
    fed = found.length === 0 ? NONE : found;
    byPath.set(path, fed);
  }
  return fed;
}

/** The answers of a valid questionnaire, flattened, with the derived quantities added. */
export function answersOf(q: Questionnaire): Answers {
  const out = new AnswerMap();
  flatten(q, '', out);
  const get: Get = (path) => out.get(path);
  deriveLanguages(get, out);
  // The incident quantities are derived once the causes section is there, even empty.
  if (q.incidents?.causes !== undefined) deriveIncidents(get, out, out.ranges);
  deriveLatency(get, out);
  return out;
}

/**
 * The answers with some of them changed, as answersOf would give for the questionnaire with the
 * changes written in; each change sets one answer, never a section or a derived quantity. The
 * answers are not copied: the changes and the derived quantities they imply sit on top of them.
 */
export function answersWith(answers: Answers, changes: readonly AnswerChange[]): Lookup {
  if (changes.length === 0) return answers;
  // Sensitivity analysis asks this for one or two changes at a time, thousands of times: a lookup
  // through the changes beats building a map for them, and one change, the most common, needs no loop.
  let given: Get;
  if (changes.length === 1) {
    const changed = internPath(changes[0]!.path);
    const value = changes[0]!.value;
    given = (path) => (path === changed ? (value as Value) : answers.get(path));
  } else {
    given = (path) => {
      for (let i = changes.length - 1; i >= 0; i--) if (changes[i]!.path === path) return changes[i]!.value as Value;
      return answers.get(path);
    };
  }
  // The groups the changes feed are derived again, on first use; the rest keep the answers' own.
  // Most changes feed none.
  let touched: readonly DerivedGroup[] = NONE;
  for (const c of changes) {
    const fed = feedsOf(answers, c.path);
    if (fed.length > 0) touched = touched.length === 0 ? fed : [...new Set([...touched, ...fed])];
  }
  if (touched.length === 0) return { get: given, bounds: (path) => answers.bounds?.(path) };
  let derived: Map<string, Value> | undefined;
  let ranges: Map<string, Bounds> | undefined;
  /** Whether a derived quantity is one the changes derive again (then done, on first use). */
  const fresh = (path: string) => {
    if (!touched.some((g) => g.paths.includes(path))) return false;
    if (!derived) {
      derived = new Map();
      ranges = new Map();
      for (const g of touched) g.run(given, derived, ranges, changes);
    }
    return true;
  };
  return {
    get: (path) => (DERIVED.has(path) ? (fresh(path) ? derived!.get(path) : answers.get(path)) : given(path)),
    bounds: (path) => (!DERIVED.has(path) ? undefined : fresh(path) ? ranges!.get(path) : answers.bounds?.(path)),
  };
}

import { questionnaireShape } from './shape-of.js';
import type { Shape, Slot } from './shape.js';

/** What a rubric condition may compare a field against. */
export type FieldKind = 'count' | 'number' | 'boolean' | 'enum' | 'text' | 'list' | 'literal' | 'section';

/** One questionnaire field (or derived quantity), as the rubric loader and the reporters see it. */
export interface Field {
  path: string;
  kind: FieldKind;
  /** Allowed values of an enum, or of a list's items when they are an enum. */
  options?: readonly string[];
  /** What a valid value looks like, in words, for error messages. */
  expected: string;
  question: string;
  required: boolean;
  derived: boolean;
  /**
   * For a derived quantity: the answers it is computed from, which are what a person can supply.
   * The first one's line stands as the derived quantity's evidence.
   */
  from?: string[];
  /** What a settable field takes (shape.ts), so remedies and typed answers can be checked. */
  slot?: Slot;
}

function describe(shape: Shape): Pick<Field, 'kind' | 'options' | 'expected'> {
  switch (shape.type) {
    case 'number':
      return shape.int ? { kind: 'count', expected: 'a whole number >= 0' } : { kind: 'number', expected: 'a number >= 0' };
    case 'boolean':
      return { kind: 'boolean', expected: 'true or false' };
    case 'enum':
      return { kind: 'enum', options: shape.values, expected: `one of ${shape.values.join(', ')}` };
    case 'literal':
      return { kind: 'literal', expected: String(shape.value) };
    case 'array': {
      const item = describe(shape.item);
      return item.kind === 'enum'
        ? { kind: 'list', options: item.options, expected: `a list of ${item.options?.join(', ')}` }
        : { kind: 'list', expected: 'a list of names' };
    }
    case 'object':
      return { kind: 'section', expected: 'a mapping of keys to answers' };
    case 'string':
      return shape.date ? { kind: 'text', expected: 'a real calendar date as YYYY-MM-DD' } : { kind: 'text', expected: 'text' };
  }
}

function walk(shape: Shape, prefix: string, out: Map<string, Field>): void {
  if (shape.type !== 'object') return;
  for (const [key, slot] of Object.entries(shape.keys)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const field: Field = { path, ...describe(slot.shape), question: slot.question ?? path, required: !slot.optional, derived: false, slot };
    out.set(path, field);
    if (field.kind === 'section') walk(slot.shape, path, out);
  }
}

/** Derived quantities: path, kind, and the answers each is computed from. */
const DERIVED: [string, FieldKind, string[]][] = [
  ['incidents.total', 'count', ['incidents.causes']],
  ['incidents.mesh_addressable_total', 'count', ['incidents.causes']],
  ['incidents.elsewhere_total', 'count', ['incidents.causes']],
  ['incidents.mesh_addressable_share', 'number', ['incidents.causes']],
  ['incidents.top_other_cause', 'text', ['incidents.causes']],
  ['services.language_count', 'count', ['services.languages']],
  ['traffic.latency_budget_per_hop_ms', 'number', ['traffic.latency_budget_ms', 'services.call_depth']],
  // From the rubric's knowledge: what the proxies of the mesh the answers recommend add to a hop,
  // with the layer 7 features wanted, and that against the hop's budget. The mesh choice reads
  // more answers than these; the questions listed are the ones a person answers for it.
  ['traffic.proxy_overhead_per_hop_ms', 'number', ['traffic.canary', 'traffic.header_routing', 'traffic.fault_injection', 'traffic.mirroring']],
  ['traffic.proxy_share_of_hop_budget', 'number', ['traffic.latency_budget_ms', 'services.call_depth', 'traffic.canary', 'traffic.header_routing', 'traffic.fault_injection', 'traffic.mirroring']],
];

/** The paths of the derived quantities. */
export const DERIVED_PATHS: readonly string[] = DERIVED.map(([path]) => path);

/**
 * The derived shares, fractions from 0 to 1 that rubric texts print as a percentage
 * (`{path:percent}`); a report prints them the same way where it lists the answers a reason read.
 */
export const SHARE_PATHS: ReadonlySet<string> = new Set(['incidents.mesh_addressable_share', 'traffic.proxy_share_of_hop_budget']);

/**
 * Derived text that conditions compare as a code and rubric texts print in words: the largest
 * incident cause a mesh does not touch reads "bugs in business logic", not "application".
 */
export const VALUE_WORDS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'incidents.top_other_cause': {
    database: 'databases',
    'deploy pipeline': 'the deploy pipeline',
    ownership: 'parts that nobody clearly owns',
    capacity: 'capacity problems',
    application: 'bugs in business logic',
    other: 'incidents of another kind',
  },
};


let catalogue: Map<string, Field> | undefined;

/** Every questionnaire field and derived quantity, by dotted path. Built once, on first use. */
export function fields(): Map<string, Field> {
  if (!catalogue) {
    catalogue = new Map();
    walk(questionnaireShape().shape, '', catalogue);
    for (const [path, kind, from] of DERIVED) {
      const question = from.map((f) => catalogue!.get(f)!.question).join(' ');
      catalogue.set(path, { path, kind, expected: 'derived', question, required: false, derived: true, from });
    }
  }
  return catalogue;
}

/** The keys valid directly under a section path ('' for the top level). */
export function keysUnder(section: string): string[] {
  const prefix = section ? `${section}.` : '';
  return [...fields().values()]
    .filter((f) => !f.derived && f.path.startsWith(prefix) && !f.path.slice(prefix.length).includes('.'))
    .map((f) => f.path.slice(prefix.length));
}

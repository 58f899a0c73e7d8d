import type * as z from 'zod';
import { calendarDate, questionnaireSchema } from './schema.js';

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
  /** The zod schema of a settable field, so remedies can be checked when a rubric loads. */
  schema?: z.ZodType;
}

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string>; shape?: Record<string, z.ZodType>; values?: unknown[] };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function describe(schema: z.ZodType): Pick<Field, 'kind' | 'options' | 'expected'> {
  const def = defOf(schema);
  switch (def.type) {
    case 'number': {
      const n = schema as unknown as { isInt: boolean };
      return n.isInt
        ? { kind: 'count', expected: 'a whole number >= 0' }
        : { kind: 'number', expected: 'a number >= 0' };
    }
    case 'boolean':
      return { kind: 'boolean', expected: 'true or false' };
    case 'enum': {
      const options = Object.values(def.entries ?? {});
      return { kind: 'enum', options, expected: `one of ${options.join(', ')}` };
    }
    case 'literal':
      return { kind: 'literal', expected: String(def.values?.[0]) };
    case 'array': {
      const item = describe(def.element as z.ZodType);
      return item.kind === 'enum'
        ? { kind: 'list', options: item.options, expected: `a list of ${item.options?.join(', ')}` }
        : { kind: 'list', expected: 'a list of names' };
    }
    case 'object':
      return { kind: 'section', expected: 'a mapping of keys to answers' };
    default:
      return schema === calendarDate ? { kind: 'text', expected: 'a real calendar date as YYYY-MM-DD' } : { kind: 'text', expected: 'text' };
  }
}

function walk(schema: z.ZodType, prefix: string, out: Map<string, Field>): void {
  const shape = defOf(schema).shape ?? {};
  for (const [key, raw] of Object.entries(shape)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const required = defOf(raw).type !== 'optional';
    const inner = required ? raw : (defOf(raw).innerType as z.ZodType);
    const question = (raw.meta()?.description as string | undefined) ?? path;
    const field: Field = { path, ...describe(inner), question, required, derived: false, schema: raw };
    out.set(path, field);
    if (field.kind === 'section') walk(inner, path, out);
  }
}

/** Derived quantities: path, kind, and the answers each is computed from. */
const DERIVED: [string, FieldKind, string[]][] = [
  ['incidents.total', 'count', ['incidents.causes']],
  ['incidents.mesh_addressable_share', 'number', ['incidents.causes']],
  ['incidents.top_other_cause', 'text', ['incidents.causes']],
  ['services.language_count', 'count', ['services.languages']],
  ['traffic.latency_budget_per_hop_ms', 'number', ['traffic.latency_budget_ms', 'services.call_depth']],
];

/** The paths of the derived quantities. */
export const DERIVED_PATHS: readonly string[] = DERIVED.map(([path]) => path);

/** The answers (or sections of answers) some derived quantity is computed from. */
export const DERIVED_SOURCES: readonly string[] = [...new Set(DERIVED.flatMap(([, , from]) => from))];

let catalogue: Map<string, Field> | undefined;

/** Every questionnaire field and derived quantity, by dotted path. Built once, on first use. */
export function fields(): Map<string, Field> {
  if (!catalogue) {
    catalogue = new Map();
    walk(questionnaireSchema, '', catalogue);
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

import type * as z from 'zod';
import { once } from '../lazy/once.js';
import { questionnaireSchemas } from './schema.js';
import type { Shape, Slot } from './shape.js';

/**
 * Reads the plain-data copy of the questionnaire's schema (shape.ts) off the zod schema. It knows
 * the kinds of schema the questionnaire uses; a schema it does not know stops it with an error
 * naming the field, so a new kind of answer cannot slip past the quick check unchecked.
 */

interface Check {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  format?: string;
  pattern?: RegExp;
}
interface Def {
  type: string;
  format?: string;
  checks?: { _zod: { def: Check } }[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string>;
  values?: unknown[];
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function shapeOf(schema: z.ZodType, path: string, date: z.ZodType): Shape {
  const def = defOf(schema);
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const unknown = (what: string) => new Error(`shape-of: ${path || 'the questionnaire'} uses ${what}, which the quick check does not know`);
  const only = (allowed: string[]) => {
    const other = checks.find((c) => !allowed.includes(c.check));
    if (other) throw unknown(`a ${def.type} check "${other.check}"`);
  };
  switch (def.type) {
    case 'object': {
      if (!def.catchall || defOf(def.catchall).type !== 'never') throw unknown('an object that is not strict');
      only([]);
      const keys: Record<string, Slot> = {};
      for (const [key, raw] of Object.entries(def.shape ?? {})) keys[key] = slotOf(raw, path ? `${path}.${key}` : key, date);
      return { type: 'object', keys };
    }
    case 'number': {
      only(['greater_than', 'less_than']);
      if (checks.some((c) => !c.inclusive)) throw unknown('an exclusive bound');
      const min = checks.find((c) => c.check === 'greater_than')?.value;
      const max = checks.find((c) => c.check === 'less_than')?.value;
      if (def.format !== undefined && def.format !== 'safeint') throw unknown(`the number format "${def.format}"`);
      return { type: 'number', int: def.format === 'safeint', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
    }
    case 'string': {
      if (schema === date) return { type: 'string', pattern: String(checks.find((c) => c.format === 'regex')?.pattern?.source), date: true };
      only(['min_length', 'string_format']);
      if (checks.some((c) => c.check === 'string_format' && (c.format !== 'regex' || c.pattern?.flags))) throw unknown('a string format other than a plain regex');
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      const pattern = checks.find((c) => c.check === 'string_format')?.pattern?.source;
      return { type: 'string', ...(min !== undefined ? { min } : {}), ...(pattern !== undefined ? { pattern } : {}) };
    }
    case 'boolean':
      only([]);
      return { type: 'boolean' };
    case 'enum':
      only([]);
      if (Object.values(def.entries ?? {}).some((v) => typeof v !== 'string')) throw unknown('an enum of other than text');
      return { type: 'enum', values: Object.values(def.entries ?? {}) };
    case 'literal': {
      only([]);
      const [value, ...more] = def.values ?? [];
      if (more.length > 0 || !['string', 'number', 'boolean'].includes(typeof value)) throw unknown('a literal of several or unusual values');
      return { type: 'literal', value: value as string | number | boolean };
    }
    case 'array': {
      only(['min_length']);
      const min = checks.find((c) => c.check === 'min_length')?.minimum;
      return { type: 'array', item: shapeOf(def.element as z.ZodType, `${path}[]`, date), ...(min !== undefined ? { min } : {}) };
    }
    default:
      throw unknown(`a ${def.type} schema`);
  }
}

function slotOf(raw: z.ZodType, path: string, date: z.ZodType): Slot {
  const optional = defOf(raw).type === 'optional';
  if (optional && (defOf(raw).checks ?? []).length > 0) throw new Error(`shape-of: ${path} has checks on its optional wrapper`);
  const inner = optional ? (defOf(raw).innerType as z.ZodType) : raw;
  const question = raw.meta()?.description;
  return { shape: shapeOf(inner, path, date), optional, ...(typeof question === 'string' ? { question } : {}) };
}

/** The questionnaire's schema as plain data, read off the zod schema. */
export function questionnaireShapeOf(): Slot {
  const { questionnaire, calendarDate } = questionnaireSchemas();
  return slotOf(questionnaire, '', calendarDate);
}

/** Set by the build to the copy it read off the schema; absent when the sources run as they are (tests). */
declare const MESH_ASSESS_QUESTIONNAIRE_SHAPE: Slot | undefined;

/** The questionnaire's schema as plain data: the copy the build shipped, or read off the schema now. */
export const questionnaireShape: () => Slot = once(() => (typeof MESH_ASSESS_QUESTIONNAIRE_SHAPE === 'object' ? MESH_ASSESS_QUESTIONNAIRE_SHAPE : questionnaireShapeOf()));

import { isCalendarDate } from './schema.js';

/**
 * The questionnaire's schema as plain data, and a check of a value against it.
 *
 * The zod schema (schema.ts) is the source; shape-of.ts reads this copy off it, and the build
 * ships the copy in the bundle. Building the zod schema costs a cold start more than everything
 * else a run does with a valid file, so a file is first checked against this copy: what passes is
 * what zod would give, and anything that does not pass goes to zod, which says what is wrong. A
 * test holds the two to the same answer on generated valid and broken questionnaires.
 */
export type Shape =
  | { type: 'object'; keys: Record<string, Slot> }
  | { type: 'number'; int: boolean; min?: number; max?: number }
  | { type: 'string'; min?: number; pattern?: string; date?: true }
  | { type: 'boolean' }
  | { type: 'enum'; values: string[] }
  | { type: 'literal'; value: string | number | boolean }
  | { type: 'array'; item: Shape; min?: number };

/** A place for a value: what it must be, whether it may be left out, and the question it answers. */
export interface Slot {
  shape: Shape;
  optional: boolean;
  question?: string;
}

const patterns = new Map<string, RegExp>();
const patternOf = (source: string) => {
  let re = patterns.get(source);
  if (!re) patterns.set(source, (re = new RegExp(source)));
  return re;
};

const FAIL = Symbol('does not conform');

function check(shape: Shape, v: unknown): unknown {
  switch (shape.type) {
    case 'object': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return FAIL;
      const input = v as Record<string, unknown>;
      for (const key of Object.keys(input)) if (!Object.hasOwn(shape.keys, key)) return FAIL;
      // The keys in the schema's order, as zod gives them.
      const out: Record<string, unknown> = {};
      for (const [key, slot] of Object.entries(shape.keys)) {
        if (!Object.hasOwn(input, key)) {
          if (!slot.optional) return FAIL;
          continue;
        }
        const value = input[key];
        const got = value === undefined && slot.optional ? undefined : check(slot.shape, value);
        if (got === FAIL) return FAIL;
        out[key] = got;
      }
      return out;
    }
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return FAIL;
      if (shape.int && !Number.isSafeInteger(v)) return FAIL;
      return (shape.min !== undefined && v < shape.min) || (shape.max !== undefined && v > shape.max) ? FAIL : v;
    case 'string':
      if (typeof v !== 'string') return FAIL;
      if (shape.min !== undefined && v.length < shape.min) return FAIL;
      if (shape.pattern !== undefined && !patternOf(shape.pattern).test(v)) return FAIL;
      return shape.date && !isCalendarDate(v) ? FAIL : v;
    case 'boolean':
      return typeof v === 'boolean' ? v : FAIL;
    case 'enum':
      return typeof v === 'string' && shape.values.includes(v) ? v : FAIL;
    case 'literal':
      return v === shape.value ? v : FAIL;
    case 'array': {
      if (!Array.isArray(v) || (shape.min !== undefined && v.length < shape.min)) return FAIL;
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        const got = check(shape.item, v[i]);
        if (got === FAIL) return FAIL;
        out.push(got);
      }
      return out;
    }
  }
}

/**
 * The value as the zod schema would give it back (a fresh copy, keys in the schema's order), or
 * undefined when it does not conform. A slot that may be left out takes undefined as it is.
 */
export function conforms(slot: Slot, value: unknown): { value: unknown } | undefined {
  if (value === undefined) return slot.optional ? { value } : undefined;
  const got = check(slot.shape, value);
  return got === FAIL ? undefined : { value: got };
}

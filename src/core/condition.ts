import type { Answers, Value } from './questionnaire/derive.js';
import { OPERATORS, type Condition } from './rubric/schema.js';

/** Three-valued truth: a comparison on an answer left out is neither true nor false. */
export type Truth = true | false | 'unknown';

function compare(value: Value, op: string, operand: unknown): boolean {
  switch (op) {
    case 'equals': return value === operand;
    case 'not_equals': return value !== operand;
    case 'lt': return (value as number) < (operand as number);
    case 'lte': return (value as number) <= (operand as number);
    case 'gt': return (value as number) > (operand as number);
    case 'gte': return (value as number) >= (operand as number);
    case 'in': return (operand as unknown[]).includes(value);
    // On a list, one item equals the operand; on free text, the operand occurs in it. Both ignore case.
    case 'contains': {
      const want = String(operand).toLowerCase();
      return Array.isArray(value) ? value.some((v) => String(v).toLowerCase() === want) : String(value).toLowerCase().includes(want);
    }
    default: throw new Error(`unhandled operator ${op}`);
  }
}

/** Kleene logic: `all` is false if any part is false, `any` true if any part is true. */
export function evaluate(c: Condition, answers: Answers): Truth {
  if (c.all) {
    const parts = c.all.map((s) => evaluate(s, answers));
    return parts.includes(false) ? false : parts.includes('unknown') ? 'unknown' : true;
  }
  if (c.any) {
    const parts = c.any.map((s) => evaluate(s, answers));
    return parts.includes(true) ? true : parts.includes('unknown') ? 'unknown' : false;
  }
  if (c.not) {
    const inner = evaluate(c.not, answers);
    return inner === 'unknown' ? 'unknown' : !inner;
  }
  const path = c.path!;
  const value = answers.get(path);
  if (c.known) return value !== undefined;
  if (c.unknown) return value === undefined;
  if (value === undefined) return 'unknown';
  const op = OPERATORS.find((o) => c[o] !== undefined)!;
  return compare(value, op, c[op]);
}

/** Every path a condition reads, in the order written, without repeats. */
export function pathsOf(c: Condition): string[] {
  const out = new Set<string>();
  const visit = (x: Condition) => {
    x.all?.forEach(visit);
    x.any?.forEach(visit);
    if (x.not) visit(x.not);
    if (x.path) out.add(x.path);
  };
  visit(c);
  return [...out];
}

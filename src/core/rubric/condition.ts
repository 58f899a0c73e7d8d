import { internPath, type Bounds, type Lookup, type Value } from '../questionnaire/derive.js';
import { OPERATORS, type Condition } from './schema.js';

/** Three-valued truth: a comparison on an answer left out is neither true nor false. */
export type Truth = true | false | 'unknown';

type Test = (answers: Lookup) => Truth;

/** The comparison of an answer with an operand, with the operand prepared once. */
function comparison(op: string, operand: unknown): (value: Value) => boolean {
  switch (op) {
    case 'equals': return (v) => v === operand;
    case 'not_equals': return (v) => v !== operand;
    case 'lt': return (v) => (v as number) < (operand as number);
    case 'lte': return (v) => (v as number) <= (operand as number);
    case 'gt': return (v) => (v as number) > (operand as number);
    case 'gte': return (v) => (v as number) >= (operand as number);
    case 'in': return (v) => (operand as unknown[]).includes(v);
    // On a list, one item equals the operand; on free text, the operand occurs in it. Both ignore case.
    case 'contains': {
      const want = String(operand).toLowerCase();
      return (v) => (Array.isArray(v) ? v.some((x) => String(x).toLowerCase() === want) : String(v).toLowerCase().includes(want));
    }
    default: throw new Error(`unhandled operator ${op}`);
  }
}

/**
 * A comparison on a number known only to lie in a range: true or false where the whole range is
 * on one side, unknown where the range straddles the operand.
 */
function rangeTest(op: string, t: number): ((b: Bounds) => Truth) | undefined {
  const decide = (always: boolean, never: boolean): Truth => (always ? true : never ? false : 'unknown');
  switch (op) {
    case 'lt': return (b) => decide(b.hi < t, b.lo >= t);
    case 'lte': return (b) => decide(b.hi <= t, b.lo > t);
    case 'gt': return (b) => decide(b.lo > t, b.hi <= t);
    case 'gte': return (b) => decide(b.lo >= t, b.hi < t);
    case 'equals': return (b) => decide(b.lo === t && b.hi === t, t < b.lo || t > b.hi);
    case 'not_equals': return (b) => decide(t < b.lo || t > b.hi, b.lo === t && b.hi === t);
    default: return undefined;
  }
}

/**
 * Kleene logic: `all` is false if any part is false, `any` true if any part is true; otherwise
 * unknown if any part is, else the other value.
 */
function either(parts: readonly Test[], decisive: boolean): Test {
  return (a) => {
    let unknown = false;
    for (const part of parts) {
      const t = part(a);
      if (t === decisive) return decisive;
      if (t === 'unknown') unknown = true;
    }
    return unknown ? 'unknown' : !decisive;
  };
}

function compile(c: Condition): Test {
  if (c.all) return either(c.all.map(testOf), false);
  if (c.any) return either(c.any.map(testOf), true);
  if (c.not) {
    const inner = testOf(c.not);
    return (a) => {
      const t = inner(a);
      return t === 'unknown' ? 'unknown' : !t;
    };
  }
  const path = internPath(c.path!);
  if (c.known) return (a) => a.get(path) !== undefined;
  if (c.unknown) return (a) => a.get(path) === undefined;
  const op = OPERATORS.find((o) => c[o] !== undefined)!;
  const holds = comparison(op, c[op]);
  const ranged = typeof c[op] === 'number' ? rangeTest(op, c[op] as number) : undefined;
  return (a) => {
    const value = a.get(path);
    if (value !== undefined) return holds(value);
    const b = ranged && a.bounds?.(path);
    return b ? ranged!(b) : 'unknown';
  };
}

// A rubric's conditions are evaluated many times per questionnaire (the plan to adopt decides
// again for each change it tries), so each is turned into a function once, on first use, and kept
// on the condition itself, under a key no copy, listing or serialisation sees: a property read
// costs less than a lookup in a WeakMap, and a large rubric's search makes millions. A condition
// that cannot take a property is kept in the WeakMap.
const COMPILED = Symbol('the condition compiled');
const compiled = new WeakMap<Condition, Test>();

function testOf(c: Condition): Test {
  const kept = (c as { [COMPILED]?: Test })[COMPILED] ?? compiled.get(c);
  if (kept) return kept;
  const test = compile(c);
  if (Object.isExtensible(c)) Object.defineProperty(c, COMPILED, { value: test });
  else compiled.set(c, test);
  return test;
}

/** Evaluates a condition on the answers, in three-valued logic. */
export function evaluate(c: Condition, answers: Lookup): Truth {
  return testOf(c)(answers);
}

const paths = new WeakMap<Condition, readonly string[]>();

/** Every path a condition reads, in the order written, without repeats. */
export function pathsOf(c: Condition): readonly string[] {
  let known = paths.get(c);
  if (!known) {
    const out = new Set<string>();
    const visit = (x: Condition) => {
      x.all?.forEach(visit);
      x.any?.forEach(visit);
      if (x.not) visit(x.not);
      if (x.path) out.add(x.path);
    };
    visit(c);
    known = [...out];
    paths.set(c, known);
  }
  return known;
}

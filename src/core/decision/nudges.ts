import type { Candidate } from './candidates.js';
import { evaluate, type Truth } from '../rubric/condition.js';
import { answersWith, type Answers } from '../questionnaire/derive.js';
import { fields } from '../questionnaire/fields.js';
import type { Condition } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';

/**
 * A number the deciding rules read, directly or through a quantity derived from it (an incident
 * count moves the totals and the share; the latency budget and the call depth move the budget of
 * a hop), with the rules that read it the second way. Risks decide nothing and are left out. The
 * same for every questionnaire against a rubric.
 */
interface NumberInput {
  path: string;
  whole: boolean;
  /** The conditions of the rules that read a quantity derived from this number, whose boundaries depend on the other answers. */
  derived: readonly Condition[];
}

function leaves(c: Condition, out: Condition[]): void {
  c.all?.forEach((x) => leaves(x, out));
  c.any?.forEach((x) => leaves(x, out));
  if (c.not) leaves(c.not, out);
  if (c.path) out.push(c);
}

const isNumber = (kind: string | undefined) => kind === 'count' || kind === 'number';

const inputs = new WeakMap<Rubric, readonly NumberInput[]>();

function inputsOf(rubric: Rubric): readonly NumberInput[] {
  let out = inputs.get(rubric);
  if (out) return out;
  const catalogue = fields();
  const byPath = new Map<string, { whole: boolean; derived: Set<Condition> }>();
  const entry = (path: string) => {
    let e = byPath.get(path);
    if (!e) {
      e = { whole: catalogue.get(path)!.kind === 'count', derived: new Set() };
      byPath.set(path, e);
    }
    return e;
  };
  for (const rule of rubric.rules) {
    if ('risk' in rule.effect) continue;
    const ls: Condition[] = [];
    leaves(rule.when, ls);
    for (const leaf of ls) {
      const field = catalogue.get(leaf.path!);
      if (!field) continue;
      if (!field.derived) {
        if (isNumber(field.kind)) entry(field.path);
        continue;
      }
      if (!isNumber(field.kind)) continue;
      // A derived number's sources, with a section (incidents.causes) read as each number in it.
      for (const from of field.from ?? []) {
        const sources = isNumber(catalogue.get(from)?.kind) ? [from] : [...catalogue.values()].filter((f) => f.path.startsWith(`${from}.`) && isNumber(f.kind)).map((f) => f.path);
        for (const s of sources) entry(s).derived.add(rule.when);
      }
    }
  }
  out = [...byPath].map(([path, e]) => ({ path, whole: e.whole, derived: [...e.derived] }));
  inputs.set(rubric, out);
  return out;
}

/** The largest number tried for an answer: far enough that every comparison has settled. */
const CEILING = 2 ** 24;

/**
 * The values at which a rule's truth changes as one number rises from 0, the others held. The
 * rules read these numbers through quantities that move one way with them (a sum, a share, a
 * budget divided by hops), and every comparison in a rule leans the same way (more timeouts never
 * make a mesh less advisable), so a rule passes through its truths in order (true, unknown, false,
 * or back), and each change is found by doubling, then halving.
 */
function switchPoints(truth: (v: number) => Truth, start: number, ceiling: number): number[] {
  const out: number[] = [];
  let from = start;
  let now = truth(start);
  const end = truth(ceiling);
  for (let turns = 0; now !== end && turns < 3; turns++) {
    let lo = from;
    let hi = Math.min(ceiling, Math.max(from + 1, from * 2));
    while (hi < ceiling && truth(hi) === now) {
      lo = hi;
      hi = Math.min(ceiling, hi * 2);
    }
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (truth(mid) === now) lo = mid;
      else hi = mid;
    }
    out.push(hi);
    from = hi;
    now = truth(hi);
  }
  return out;
}

/** Whether a rule reads the number at `path` through a derived quantity, whose boundaries move with the other answers. */
export const feedsDerivedNumber = (path: string, rubric: Rubric) => inputsOf(rubric).some((i) => i.path === path && i.derived.length > 0);

/** How far a plausible change may move an answered number: a quarter of it, and at least one unit. */
export const plausibleReach = (was: number, share: number) => Math.max(1, share * was);

/** The ends of an answered number's plausible range, whole numbers for a count, never below 0. */
export function plausibleRange(was: number, share: number, whole: boolean): [number, number] {
  const reach = plausibleReach(was, share);
  return [Math.max(0, whole ? Math.ceil(was - reach) : was - reach), whole ? Math.floor(was + reach) : was + reach];
}

/**
 * Plausible number changes to try on these answers, beyond the rubric's own boundaries, for each
 * number a derived quantity is computed from: when answered, the ends of its plausible range (a
 * quarter either way, at least one unit), and the values either side of where a rule reading
 * that quantity changes within that range (the tenth timeout incident that lifts a share
 * over a third), or anywhere for a question left open, whose every value is plausible. Answers
 * that would not change are left out.
 */
export function numberCandidates(answers: Answers, rubric: Rubric): Candidate[] {
  const share = rubric.scoring.confidence.borderline_share;
  const out: Candidate[] = [];
  // A number compared only directly changes a rule only at the rubric's own boundaries, which
  // candidatesOf tries already: only numbers behind a derived quantity need more.
  for (const input of inputsOf(rubric)) {
    if (input.derived.length === 0) continue;
    const was = answers.get(input.path) as number | undefined;
    const values = new Set<number>();
    let from = 0;
    let to = CEILING;
    if (was !== undefined) {
      [from, to] = plausibleRange(was, share, input.whole);
      values.add(from).add(to);
    }
    for (const when of input.derived) {
      const truth = (v: number) => evaluate(when, answersWith(answers, [{ path: input.path, value: v }]));
      for (const s of switchPoints(truth, from, to)) values.add(s - 1).add(s);
    }
    for (const value of [...values].sort((a, b) => a - b)) if (value >= 0 && value !== was) out.push({ path: input.path, value });
  }
  return out;
}

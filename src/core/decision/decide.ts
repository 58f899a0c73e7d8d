import type { Verdict } from '../report/assessment.js';
import { evaluate, type Truth } from '../rubric/condition.js';
import type { Lookup } from '../questionnaire/derive.js';
import type { Axis, Gate, Rule } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';

/** How each rule came out on a set of answers. */
export interface Outcome {
  /** How each rule came out, in the rubric's order. */
  truths: readonly Truth[];
  fired: Rule[];
  undecided: Rule[];
  need: number;
  readiness: number;
  gates: Gate[];
  verdict: Verdict;
}

/** Scores live between 0 and 100. */
export const clamp = (n: number) => Math.max(0, Math.min(100, n));

/** Signed points a scoring rule adds to its axis; 0 for gates and risks. */
export function pointsOf(rule: Rule, rubric: Rubric): number {
  if (!('axis' in rule.effect)) return 0;
  const w = rubric.scoring.weights[rule.id] ?? 0;
  return rule.effect.direction === 'up' ? w : -w;
}

function axisTotal(rules: readonly Rule[], axis: string, rubric: Rubric): number {
  return rules.reduce((sum, r) => sum + ('axis' in r.effect && r.effect.axis === axis ? pointsOf(r, rubric) : 0), 0);
}

// The points reachable upwards on each axis, the scale every score is read against; the same for
// every questionnaire assessed against a rubric, so worked out once.
const reachable = new WeakMap<Rubric, Record<Axis, number>>();

/** The points the rules of an axis could add if every rising rule fired. */
export function reachableOn(axis: Axis, rubric: Rubric): number {
  let r = reachable.get(rubric);
  if (!r) {
    const up = (a: Axis) => rubric.rules.reduce((sum, rule) => sum + Math.max(0, 'axis' in rule.effect && rule.effect.axis === a ? pointsOf(rule, rubric) : 0), 0);
    r = { need: up('need'), readiness: up('readiness') };
    reachable.set(rubric, r);
  }
  return r[axis];
}

/** An axis score for the points of the rules that fired: the prior, moved by their share of the reachable points. */
export function scoreOf(points: number, axis: Axis, rubric: Rubric): number {
  const scale = reachableOn(axis, rubric);
  const prior = rubric.scoring.prior[axis];
  return clamp(Math.round(scale > 0 ? prior + (50 * points) / scale : prior));
}

/** The verdict for two scores and the gates that fired, per the thresholds of the rubric. */
export function verdictFor(need: number, readiness: number, gates: readonly Gate[], rubric: Rubric): Verdict {
  const t = rubric.scoring.thresholds;
  if (gates.includes('at-most-alternative') || need < t.need) return 'alternative';
  if (gates.includes('never-adopt') || readiness < t.readiness) return 'defer';
  return 'adopt';
}

/** The outcome of the rules, given how each came out (in the rubric's order). */
export function tally(truths: readonly Truth[], rubric: Rubric): Outcome {
  const fired: Rule[] = [];
  const undecided: Rule[] = [];
  rubric.rules.forEach((rule, i) => {
    if (truths[i] === true) fired.push(rule);
    else if (truths[i] === 'unknown') undecided.push(rule);
  });
  const need = scoreOf(axisTotal(fired, 'need', rubric), 'need', rubric);
  const readiness = scoreOf(axisTotal(fired, 'readiness', rubric), 'readiness', rubric);
  const gates = fired.flatMap((r) => ('gate' in r.effect ? [r.effect.gate] : []));
  return { truths, fired, undecided, need, readiness, gates, verdict: verdictFor(need, readiness, gates, rubric) };
}

/** How each rule comes out on the answers, in the rubric's order. */
export const truthsOf = (answers: Lookup, rubric: Rubric): Truth[] => rubric.rules.map((rule) => evaluate(rule.when, answers));

/** Evaluates every rule on the answers and derives the scores and the verdict. */
export function decide(answers: Lookup, rubric: Rubric): Outcome {
  return tally(truthsOf(answers, rubric), rubric);
}

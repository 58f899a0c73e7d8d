import type { Confidence } from './assessment.js';
import { clamp, pointsOf, verdictFor, type Outcome } from './decide.js';
import type { Gate, Rubric } from './rubric/schema.js';

/** The lowest and highest a score could reach if the undecided rules on that axis went either way. */
function range(outcome: Outcome, axis: 'need' | 'readiness', rubric: Rubric): [number, number] {
  let down = 0;
  let up = 0;
  for (const r of outcome.undecided) {
    if (!('axis' in r.effect) || r.effect.axis !== axis) continue;
    const p = pointsOf(r, rubric);
    if (p < 0) down += p;
    else up += p;
  }
  const now = outcome[axis];
  return [clamp(now + down), clamp(now + up)];
}

/**
 * low: answering the unknowns could change the verdict. high: it could not, and the scores
 * could move by no more than the rubric's high_max_swing. medium: between the two.
 */
export function confidenceOf(outcome: Outcome, rubric: Rubric): Confidence {
  const needs = range(outcome, 'need', rubric);
  const readies = range(outcome, 'readiness', rubric);
  const maybeGates = outcome.undecided.flatMap((r) => ('gate' in r.effect ? [r.effect.gate] : []));
  const gateSets: Gate[][] = [outcome.gates, [...outcome.gates, ...maybeGates]];
  for (const n of needs) {
    for (const r of readies) {
      for (const g of gateSets) if (verdictFor(n, r, g, rubric) !== outcome.verdict) return 'low';
    }
  }
  const swing = outcome.undecided.reduce((sum, r) => sum + Math.abs(pointsOf(r, rubric)), 0);
  return swing <= rubric.scoring.confidence.high_max_swing ? 'high' : 'medium';
}

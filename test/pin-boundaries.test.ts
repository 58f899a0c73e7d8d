// Pins for the boundaries of the verdict: a score exactly at its threshold meets it (decide.ts
// and the axis reasons of reasons.ts agree), and a number moved by exactly the plausible margin
// (rubrics/scoring.yaml, confidence.borderline_share: 25%) is a plausible change. docs/verdict.md:
// "Need at or above 50 is a need a mesh meets", "Need met with readiness under 70 is defer", "an
// answered number moved by up to 25%".
import { describe, expect, it } from 'vitest';
import { verdictFor } from '../src/core/decision/decide.js';
import { neutral, yamlOf } from './fixtures.js';
import { assessText, rubric } from './assessing.js';
import { assessWith, questionnaire, testRubric } from './pin-rubric.js';

describe('a score exactly at its threshold', () => {
  it('the built-in thresholds are need 50 and readiness 70', () => {
    expect(rubric().scoring.thresholds).toEqual({ need: 50, readiness: 70 });
    expect(rubric().scoring.confidence.borderline_share).toBe(0.25);
  });

  // Mutations pinned: in verdictFor, `readiness < t.readiness` made `<=` (readiness exactly 70
  // gives defer), and `need < t.need` made `<=` (need exactly 50 gives alternative).
  it('meets it: readiness 70 with need 50 is adopt, one point under either is not', () => {
    const r = rubric();
    expect(verdictFor(50, 70, [], r)).toBe('adopt');
    expect(verdictFor(50, 69, [], r)).toBe('defer');
    expect(verdictFor(49, 70, [], r)).toBe('alternative');
    expect(verdictFor(50, 70, ['never-adopt'], r)).toBe('defer');
    expect(verdictFor(50, 70, ['at-most-alternative'], r)).toBe('alternative');
  });

  // Readiness can reach 100 points upwards; 40 of them fire: 50 + 50 x 40/100 = 70 exactly.
  const at70 = () =>
    testRubric([
      { id: 'owns-on-call', when: '{ path: platform_team.owns_on_call, equals: true }', effect: '{ axis: readiness, direction: up }', weight: 40 },
      { id: 'publishes-slos', when: '{ path: platform_team.publishes_slos, equals: true }', effect: '{ axis: readiness, direction: up }', weight: 60 },
    ]);

  // Mutations pinned: in verdictFor, `readiness < t.readiness` made `<=`; in axisReason,
  // `met = score >= threshold` made `>`, so the reason says "under the threshold" of a score the
  // verdict treats as met.
  it('an assessment with readiness exactly 70 adopts, and its reason says the threshold is met', () => {
    const a = assessWith(at70(), questionnaire('services: { count: 30, languages: [go, java] }', 'platform_team: { exists: true, owns_on_call: true, publishes_slos: false }'));
    expect([a.scores.need, a.scores.readiness, a.verdict]).toEqual([50, 70, 'adopt']);
    const readiness = a.reasons.find((r) => r.rule === 'readiness-score')!;
    expect(readiness.effect).toEqual({ kind: 'axis', axis: 'readiness', score: 70, threshold: 70, met: true });
    // SCORING_HEAD's texts: "{score} met" when met, "{score} short" when not.
    expect(readiness.message).toBe('70 met');
  });

  // Mutation pinned: in axisReason, `met = score >= threshold` made `>`: with nothing known about
  // need, need sits at its prior, 50, the threshold itself, and the verdict treats it as met.
  it('need exactly 50 on the built-in rubric is met, and the reason says "at or above"', () => {
    const a = assessText(yamlOf(neutral()));
    expect([a.scores.need, a.verdict]).toEqual([50, 'defer']);
    const need = a.reasons.find((r) => r.rule === 'need-score')!;
    expect(need.effect).toEqual({ kind: 'axis', axis: 'need', score: 50, threshold: 50, met: true });
    expect(need.message).toMatch(/^Need scores 50, at or above the threshold of 50: /);
    // A defer is explained by readiness, the axis that fell short: it comes first.
    expect(a.reasons[0]!.rule).toBe('readiness-score');
  });
});

describe('a number moved by exactly the plausible margin', () => {
  // Need: the one rising rule fires (100); 30 services or fewer is a hard rule capping the verdict
  // at alternative. Readiness stays at 50: defer.
  const smallFleet = () =>
    testRubric([
      { id: 'polyglot', when: '{ path: services.languages, contains: java }', effect: '{ axis: need, direction: up }', weight: 10 },
      { id: 'small-fleet', when: '{ path: services.count, lte: 30 }', effect: '{ gate: at-most-alternative }', weight: 10 },
    ]);
  const withCount = (count: number) => assessWith(smallFleet(), questionnaire(`services: { count: ${count}, languages: [go, java] }`, 'platform_team: { exists: true }'));

  // Mutation pinned: the plausible margin made strict (in sensitivity.ts `plausible()` and the
  // flip's `kindOf()`, `<= plausibleReach(was, share) + 1e-9` made `< plausibleReach(was, share)`),
  // so that 30 services where 40 are answered, a change of exactly 25%, is not plausible: confidence
  // would not be low and the flip would be a fact. (`<=` made `<` with the `+ 1e-9` kept is the
  // same test on every input but those within a billionth of the margin: not pinned.)
  it('40 services to 30 (25% exactly) is plausible: confidence low, the flip an answer to check', () => {
    const a = withCount(40);
    expect([a.verdict, a.confidence]).toEqual(['defer', 'low']);
    expect(a.flips).toEqual([{ changes: [{ path: 'services.count', value: 30, was: 40 }], verdict: 'alternative', kind: 'answer' }]);
  });

  it('41 services to 30 (more than 25%) is not: a fact, and confidence is not low', () => {
    const a = withCount(41);
    expect(a.verdict).toBe('defer');
    // Nothing open the rules read could move it either: high.
    expect(a.confidence).toBe('high');
    expect(a.flips).toEqual([{ changes: [{ path: 'services.count', value: 30, was: 41 }], verdict: 'alternative', kind: 'fact' }]);
  });
});

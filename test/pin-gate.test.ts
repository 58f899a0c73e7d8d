// Pins for --fail-on (src/core/policy/gate.ts): which condition each assessment meets, and the
// words each format prints for one met. The assessments are made by hand with only the fields the
// gate reads, so that each row turns on one of them.
import { describe, expect, it } from 'vitest';
import { FAIL_ON, failOnDetail, gateFailures, type FailOn } from '../src/core/policy/gate.js';
import type { Assessment } from '../src/core/report/assessment.js';

const risk = (rule: string, level: 'high' | 'medium' | 'low') => ({ rule, title: `${rule} title`, severity: { level } });
const waived = (rule: string) => ({ rule });
const assessment = (over: Record<string, unknown> = {}) =>
  ({ file: 'org.yaml', verdict: 'defer', confidence: 'medium', risks: [], waivers: [], cost: null, comparison: null, ...over }) as unknown as Assessment;
const meets = (a: Assessment) => gateFailures([a], FAIL_ON).map((f) => f.condition);

describe('the conditions', () => {
  // Mutation pinned: a name dropped from or changed in FAIL_ON, the list commander offers.
  it('are the ten --fail-on names, in the order the help lists them', () => {
    expect(FAIL_ON).toEqual(['adopt', 'defer', 'alternative', 'low-confidence', 'not-high-confidence', 'risk', 'risk:any', 'over-budget', 'expired-waiver', 'regression']);
  });

  // Mutations pinned: each verdict condition met by another verdict, or by none; low-confidence
  // met by medium; not-high-confidence met by high or not by low.
  it.each([
    ['adopt', 'high', ['adopt']],
    ['defer', 'medium', ['defer', 'not-high-confidence']],
    ['alternative', 'low', ['alternative', 'low-confidence', 'not-high-confidence']],
  ])('verdict %s, confidence %s: %j', (verdict, confidence, conditions) => {
    expect(meets(assessment({ verdict, confidence }))).toEqual(conditions);
  });

  // Mutations pinned: risk met by a risk of medium severity, or not by a high one; risk:any not met
  // by one risk; a waiver's rule not compared, so that a waiver of another rule accepts a risk, or
  // a waiver of the risk's own rule does not.
  it('risk is a high-severity risk no waiver accepts; risk:any, any such risk', () => {
    const base = { verdict: 'adopt', confidence: 'high' };
    expect(meets(assessment({ ...base, risks: [risk('retries', 'medium')] }))).toEqual(['adopt', 'risk:any']);
    expect(meets(assessment({ ...base, risks: [risk('retries', 'medium'), risk('no-mtls', 'high')] }))).toEqual(['adopt', 'risk', 'risk:any']);
    expect(meets(assessment({ ...base, risks: [risk('no-mtls', 'high')], waivers: [waived('retries')] }))).toEqual(['adopt', 'risk', 'risk:any']);
    expect(meets(assessment({ ...base, risks: [risk('no-mtls', 'high')], waivers: [waived('no-mtls')] }))).toEqual(['adopt']);
  });

  // Mutations pinned: over-budget met by a cost within budget or by no cost; regression met when
  // the comparison says none; expired-waiver ever met here (the command line checks it).
  it('over-budget is a cost that exceeds the budget; regression, what the comparison says', () => {
    const base = { verdict: 'adopt', confidence: 'high' };
    expect(meets(assessment({ ...base, cost: { money: { against_budget: 'exceeds' } } }))).toEqual(['adopt', 'over-budget']);
    expect(meets(assessment({ ...base, cost: { money: { against_budget: 'within' } } }))).toEqual(['adopt']);
    expect(meets(assessment({ ...base, comparison: { regression: true } }))).toEqual(['adopt', 'regression']);
    expect(meets(assessment({ ...base, comparison: { regression: false } }))).toEqual(['adopt']);
  });

  // Mutations pinned: the conditions taken in FAIL_ON's order rather than the order asked, the
  // files not each named, or an assessment that meets nothing listed.
  it('are listed per assessment, in the order asked, with its file', () => {
    const a = assessment({ file: 'a.yaml', verdict: 'alternative', confidence: 'low' });
    const b = assessment({ file: 'b.yaml', verdict: 'adopt', confidence: 'high' });
    expect(gateFailures([a, b], ['low-confidence', 'alternative', 'adopt'])).toEqual([
      { file: 'a.yaml', condition: 'low-confidence' },
      { file: 'a.yaml', condition: 'alternative' },
      { file: 'b.yaml', condition: 'adopt' },
    ]);
  });
});

describe('the words for a condition met', () => {
  const a = assessment({
    verdict: 'adopt',
    confidence: 'medium',
    risks: [risk('no-mtls', 'high'), risk('retries', 'medium'), risk('no-slos', 'high'), risk('waived', 'high')],
    waivers: [waived('waived')],
    comparison: { verdict: { was: 'adopt', now: 'adopt' }, need: { was: 90, now: 90, delta: 0 }, readiness: { was: 80, now: 75, delta: -5 }, appeared: [], went: [], gates_appeared: [], gates_went: [], answered: [], regression: true },
  });

  // Mutations pinned: each sentence emptied or changed; the risks not filtered to the high ones,
  // or to those no waiver accepts; their titles joined without "; "; the comparison's line left
  // out when there is one.
  it.each([
    ['adopt', 'the verdict is adopt (confidence medium)'],
    ['defer', 'the verdict is defer (confidence medium)'],
    ['alternative', 'the verdict is alternative (confidence medium)'],
    ['low-confidence', 'confidence is low: one or two plausible answers would change the verdict'],
    ['not-high-confidence', 'confidence is medium'],
    ['risk', 'high-severity risks: no-mtls title; no-slos title'],
    ['risk:any', 'risks: no-mtls title; retries title; no-slos title'],
    ['over-budget', 'the modelled standing cost exceeds the annual budget'],
    ['regression', 'since the baseline: verdict adopt as before; need 90 -> 90; readiness 80 -> 75 (-5)'],
    ['expired-waiver', 'a waiver has expired'],
  ] as [FailOn, string][])('%s: %s', (condition, words) => {
    expect(failOnDetail(a, condition)).toBe(words);
  });

  // Mutation pinned: the words for a regression without a comparison emptied.
  it('regression without a comparison', () => {
    expect(failOnDetail(assessment(), 'regression')).toBe('a regression since the baseline');
  });
});

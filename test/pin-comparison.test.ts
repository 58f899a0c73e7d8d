// Pins for the comparison with a baseline (compare and comparisonText in
// src/core/policy/baseline.ts): which rules, hard rules and questions it lists, and the one line
// every report prints of it. pin-baseline.test.ts pins what counts as a regression.
import { describe, expect, it } from 'vitest';
import { compare, comparisonText, type BaselineAssessment, type Comparison } from '../src/core/policy/baseline.js';
import type { Assessment } from '../src/core/report/assessment.js';

/** What compare() reads of an assessment; the rest of one is not needed here. */
const now = (over: Partial<BaselineAssessment> = {}) => ({ ...was(), file: 'org.yaml', ...over }) as unknown as Assessment;
function was(over: Partial<BaselineAssessment> = {}): BaselineAssessment {
  return { file: 'baseline.json', verdict: 'defer', scores: { need: 60, readiness: 50 }, gates: [], reasons: [{ rule: 'need-score' }, { rule: 'readiness-score' }], unknowns: [], ...over };
}
const rules = (...ids: string[]) => ids.map((rule) => ({ rule }));

describe('compare', () => {
  // Mutations pinned: the lists of rules taken the wrong way round (appeared from the baseline) or
  // not at all, a rule listed twice when two reasons name it, and the hard rules' lists swapped.
  it('lists the rules and hard rules that appeared and went, each once', () => {
    const before = was({ gates: ['no-owner'], reasons: rules('no-owner', 'small-fleet', 'small-fleet', 'retries') });
    const after = now({ gates: ['no-budget'], reasons: rules('no-budget', 'retries', 'mandate', 'mandate') });
    const c = compare(after, before, () => false);
    expect([c.appeared, c.went, c.gates_appeared, c.gates_went]).toEqual([['no-budget', 'mandate'], ['no-owner', 'small-fleet'], ['no-budget'], ['no-owner']]);
  });

  // Mutations pinned: the questions answered since not filtered by isAnswered (all of them, or
  // none), the baseline's file not named, and a score's delta taken the wrong way.
  it('lists the questions open then and answered now, names the baseline and gives each delta as now less was', () => {
    const before = was({ unknowns: [{ path: 'a.one' }, { path: 'b.two' }, { path: 'c.three' }] });
    const c = compare(now({ scores: { need: 70, readiness: 45 } }), before, (p) => p !== 'b.two');
    expect(c).toEqual({
      baseline: 'baseline.json',
      verdict: { was: 'defer', now: 'defer' },
      need: { was: 60, now: 70, delta: 10 },
      readiness: { was: 50, now: 45, delta: -5 },
      appeared: [],
      went: [],
      gates_appeared: [],
      gates_went: [],
      answered: ['a.one', 'c.three'],
      regression: true,
    });
  });

  // Mutations pinned: the verdicts' ranks (alternative below defer below adopt) changed, so that a
  // move up counts as a regression or a move down does not.
  it.each([
    ['adopt', 'defer', true],
    ['defer', 'alternative', true],
    ['adopt', 'alternative', true],
    ['defer', 'adopt', false],
    ['alternative', 'defer', false],
    ['alternative', 'adopt', false],
    ['defer', 'defer', false],
  ] as const)('verdict %s -> %s, readiness the same: regression %s', (from, to, regression) => {
    expect(compare(now({ verdict: to }), was({ verdict: from }), () => false).regression).toBe(regression);
  });
});

describe('comparisonText', () => {
  const base: Comparison = {
    baseline: 'baseline.json',
    verdict: { was: 'adopt', now: 'adopt' },
    need: { was: 90, now: 90, delta: 0 },
    readiness: { was: 80, now: 80, delta: 0 },
    appeared: [],
    went: [],
    gates_appeared: [],
    gates_went: [],
    answered: [],
    regression: false,
  };

  // Mutations pinned: "as before" shown for a changed verdict (or the arrow for the same one), a
  // delta of 0 printed, a rise printed without its "+" or a fall with one, and the parts joined
  // by another separator.
  it('says the verdict and each score, with the delta when it moved', () => {
    expect(comparisonText(base)).toBe('verdict adopt as before; need 90 -> 90; readiness 80 -> 80');
    const moved = { ...base, verdict: { was: 'adopt', now: 'defer' }, need: { was: 90, now: 95, delta: 5 }, readiness: { was: 80, now: 60, delta: -20 } } as Comparison;
    expect(comparisonText(moved)).toBe('verdict adopt -> defer; need 90 -> 95 (+5); readiness 80 -> 60 (-20)');
  });

  // Mutations pinned: a list shown when empty or joined without ", ", a label swapped, and the
  // hard rules left among the rules now (or no longer) firing, where they would be named twice.
  it('names the hard rules apart from the other rules, then the questions answered since', () => {
    const c: Comparison = { ...base, appeared: ['no-budget', 'mandate', 'pci'], went: ['no-owner', 'small-fleet'], gates_appeared: ['no-budget'], gates_went: ['no-owner'], answered: ['a.one', 'b.two'] };
    expect(comparisonText(c).split('; ')).toEqual([
      'verdict adopt as before',
      'need 90 -> 90',
      'readiness 80 -> 80',
      'hard rules now holding: no-budget',
      'hard rules lifted: no-owner',
      'rules now firing: mandate, pci',
      'rules no longer firing: small-fleet',
      'answered since: a.one, b.two',
    ]);
  });
});

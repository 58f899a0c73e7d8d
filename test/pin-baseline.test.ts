// Pins for the baseline comparison (src/core/policy/baseline.ts): what --fail-on regression
// counts as a regression. docs/ci.md and gate.ts say it: the verdict moved away from adopt, or
// readiness fell, even with the verdict unchanged.
import { describe, expect, it } from 'vitest';
import { compare, type BaselineAssessment } from '../src/core/policy/baseline.js';
import type { Assessment } from '../src/core/report/assessment.js';
import { gateFailures } from '../src/core/policy/gate.js';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText } from './assessing.js';

/** What a baseline file holds of an earlier run: the fields compare() reads from its JSON. */
const baselineOf = (a: Assessment): BaselineAssessment => ({
  file: a.file,
  verdict: a.verdict,
  scores: { need: a.scores.need, readiness: a.scores.readiness },
  gates: [...a.gates],
  reasons: a.reasons.map((r) => ({ rule: r.rule })),
  unknowns: a.unknowns.map((u) => ({ path: u.path })),
});

const nothingAnswered = () => false;

describe('a regression against the baseline', () => {
  // Assessed when a test asks, not while the file loads: code run at load belongs to no test, so
  // the mutation run would have to try every test against each mutant it reaches.
  const acmeAssessed = () => assessText(yamlOf(acme()));
  // The platform team stopped publishing SLOs: readiness 96 -> 93, still adopt.
  const noSlosAssessed = () => assessText(yamlOf(variant(acme(), { 'platform_team.publishes_slos': false })));

  // Mutation pinned: in compare(), `|| readiness.delta < 0` removed from `regression`, so that a
  // readiness drop with the verdict unchanged passes --fail-on regression.
  it('is a drop in readiness even when the verdict stays the same', () => {
    const [before, noSlos] = [acmeAssessed(), noSlosAssessed()];
    expect([before.verdict, before.scores.readiness]).toEqual(['adopt', 96]);
    expect([noSlos.verdict, noSlos.scores.readiness]).toEqual(['adopt', 93]);
    const c = compare(noSlos, baselineOf(before), nothingAnswered);
    expect(c.verdict).toEqual({ was: 'adopt', now: 'adopt' });
    expect(c.readiness).toEqual({ was: 96, now: 93, delta: -3 });
    expect(c.went).toEqual(['platform-publishes-slos']);
    expect(c.regression).toBe(true);
    expect(gateFailures([{ ...noSlos, comparison: c }], ['regression'])).toEqual([{ file: 'q.yaml', condition: 'regression' }]);
  });

  // Mutations pinned: `readiness.delta < 0` made `<= 0` (the same readiness a regression), and the
  // verdict's rank compared the wrong way.
  it('is not the same readiness, a rise in readiness, or a fall in need alone', () => {
    const [before, noSlos] = [acmeAssessed(), noSlosAssessed()];
    expect(compare(before, baselineOf(before), nothingAnswered).regression).toBe(false);
    // The reverse of the drop above: readiness 93 -> 96.
    expect(compare(before, baselineOf(noSlos), nothingAnswered).regression).toBe(false);
    // No canaries wanted: need 95 -> 90, readiness as before, still adopt.
    const noCanary = assessText(yamlOf(variant(acme(), { 'traffic.canary': 'none' })));
    const c = compare(noCanary, baselineOf(before), nothingAnswered);
    expect([c.need.delta, c.readiness.delta, c.verdict.now]).toEqual([-5, 0, 'adopt']);
    expect(c.regression).toBe(false);
  });

  it('is a verdict moved away from adopt even with readiness risen', () => {
    const before = acmeAssessed();
    const was = { ...baselineOf(before), scores: { need: 95, readiness: 50 } };
    const defer = assessText(yamlOf(variant(acme(), { 'leadership.accepts_standing_cost': false })));
    const c = compare(defer, was, nothingAnswered);
    expect(c.verdict).toEqual({ was: 'adopt', now: 'defer' });
    // Leadership refusing the standing cost is a gate, not points: readiness is 91.
    expect(c.readiness).toEqual({ was: 50, now: 91, delta: 41 });
    expect(c.regression).toBe(true);
  });
});

// Pins for the number changes the sensitivity search tries beyond a rubric's own boundaries
// (src/core/decision/nudges.ts): for each number behind a derived quantity, the ends of its
// plausible range and the values either side of where a rule reading that quantity changes.
import { describe, expect, it } from 'vitest';
import { feedsDerivedNumber, numberCandidates, plausibleRange, plausibleReach } from '../src/core/decision/nudges.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { questionnaire, testRubric } from './pin-rubric.js';

const CAUSES = ['service_communication', 'certificates', 'release_traffic', 'database', 'deploy_pipeline', 'ownership', 'capacity', 'application', 'other'];
const answersOf = (...lines: string[]) => {
  const q = loadQuestionnaire('q.yaml', questionnaire('services: { count: 30, languages: [go] }', 'platform_team: { exists: true }', ...lines));
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return q.value.answers;
};
const causes = (given: Record<string, number>) => `incidents: { causes: { ${Object.entries(given).map(([k, v]) => `${k}: ${v}`).join(', ')} } }`;
const allCauses = (given: Record<string, number>) => causes(Object.fromEntries(CAUSES.map((c) => [c, given[c] ?? 0])));
// Ten incidents or more in all: the rule reads a sum of the nine causes.
const many = () => testRubric([{ id: 'many', when: '{ path: incidents.total, gte: 10 }', effect: '{ axis: need, direction: up }', weight: 10 }]);

describe('the plausible range of a number', () => {
  // Mutations pinned: the reach not at least one unit, or not the share of the answer; the range's
  // ends not rounded inwards for a count, rounded for a number, or allowed below zero.
  it('is a quarter either way, at least one unit, whole for a count, never below zero', () => {
    expect([plausibleReach(0, 0.25), plausibleReach(2, 0.25), plausibleReach(10, 0.25)]).toEqual([1, 1, 2.5]);
    expect(plausibleRange(10, 0.25, true)).toEqual([8, 12]);
    expect(plausibleRange(10, 0.25, false)).toEqual([7.5, 12.5]);
    expect(plausibleRange(0, 0.25, true)).toEqual([0, 1]);
    expect(plausibleRange(0.5, 0.25, false)).toEqual([0, 1.5]);
  });
});

describe('the numbers behind a derived quantity', () => {
  // Mutations pinned: in inputsOf(), a number read through a derived quantity not listed (a
  // section's numbers not found), or one compared only directly listed as if derived.
  it('are the numbers a rule reads through a sum, not the ones it compares directly', () => {
    const r = testRubric([
      { id: 'many', when: '{ path: incidents.total, gte: 10 }', effect: '{ axis: need, direction: up }', weight: 10 },
      { id: 'fleet', when: '{ path: services.count, gte: 20 }', effect: '{ axis: need, direction: up }', weight: 10 },
      { id: 'hops', when: '{ path: traffic.latency_budget_per_hop_ms, lt: 25 }', effect: '{ axis: need, direction: down }', weight: 5 },
    ]);
    expect(CAUSES.map((c) => feedsDerivedNumber(`incidents.causes.${c}`, r))).toEqual(CAUSES.map(() => true));
    expect(['traffic.latency_budget_ms', 'services.call_depth', 'services.count'].map((p) => feedsDerivedNumber(p, r))).toEqual([true, true, false]);
    // A risk decides nothing: a number behind it alone is not tried.
    const risky = testRubric([{ id: 'many', when: '{ path: incidents.total, gte: 10 }', effect: '{ risk: true }', weight: 1 }]);
    expect(feedsDerivedNumber('incidents.causes.database', risky)).toBe(false);
  });

  // Mutation pinned: in inputsOf(), a derived quantity that is not a number (the largest cause
  // elsewhere, a text) taken as one, so that its causes are searched for boundaries.
  it('leave out the sources of a derived text', () => {
    const top = testRubric([{ id: 'db-first', when: '{ path: incidents.top_other_cause, equals: database }', effect: '{ axis: need, direction: up }', weight: 10 }]);
    expect(feedsDerivedNumber('incidents.causes.database', top)).toBe(false);
    expect(numberCandidates(answersOf(allCauses({ database: 8 })), top)).toEqual([]);
  });

  // Mutations pinned: in numberCandidates(), the range's ends left out, the answer itself tried,
  // values not sorted; in switchPoints(), the boundary found off by one (the doubling or halving
  // changed), so that the values either side of the tenth incident are not 9 and 10.
  it('answered: the ends of its range, and either side of a boundary inside it', () => {
    // Eight database incidents: the range is 6 to 10, and the total reaches 10 at 10.
    expect(numberCandidates(answersOf(allCauses({ database: 8 })), many()).filter((c) => c.path === 'incidents.causes.database')).toEqual([
      { path: 'incidents.causes.database', value: 6 },
      { path: 'incidents.causes.database', value: 9 },
      { path: 'incidents.causes.database', value: 10 },
    ]);
    // Another cause at 0: its range is 0 to 1, and the total (8 + 1) stays under 10.
    expect(numberCandidates(answersOf(allCauses({ database: 8 })), many()).filter((c) => c.path === 'incidents.causes.capacity')).toEqual([{ path: 'incidents.causes.capacity', value: 1 }]);
    // At 1, its range is 0 to 2, and 2 takes the total to 10: 0 is tried too (`value >= 0` made `> 0`).
    expect(numberCandidates(answersOf(allCauses({ database: 8, capacity: 1 })), many()).filter((c) => c.path === 'incidents.causes.capacity').map((c) => ('value' in c ? c.value : c))).toEqual([0, 2]);
  });

  // Mutation pinned: a number compared only directly given the ends of its plausible range
  // (`input.derived.length === 0` skipped): the rubric's own boundaries are its candidates.
  it('a number compared only directly has none', () => {
    const fleet = testRubric([{ id: 'fleet', when: '{ path: services.count, gte: 20 }', effect: '{ axis: need, direction: up }', weight: 10 }]);
    expect(numberCandidates(answersOf(), fleet)).toEqual([]);
  });

  // Mutations pinned: a question left open searched over a bounded range (not up to 2^24), or its
  // boundary not found from 0 by doubling then halving.
  it('left open: either side of where the rule changes, searched from 0', () => {
    // Four incidents answered elsewhere: the open database count takes the total to 10 at 6.
    const open = numberCandidates(answersOf(causes(Object.fromEntries(CAUSES.filter((c) => c !== 'database').map((c) => [c, c === 'capacity' ? 4 : 0])))), many());
    expect(open.filter((c) => c.path === 'incidents.causes.database')).toEqual([
      { path: 'incidents.causes.database', value: 5 },
      { path: 'incidents.causes.database', value: 6 },
    ]);
  });
});

describe('a number read by two rules, through all, any and not', () => {
  // One rule wants ten incidents or more (and a fleet); the other twenty or more, written as "not
  // under twenty" inside an `any`. Both read the database count through the total.
  const two = () =>
    testRubric([
      { id: 'ten', when: '{ all: [{ path: incidents.total, gte: 10 }, { path: services.count, gte: 1 }] }', effect: '{ axis: need, direction: up }', weight: 10 },
      { id: 'twenty', when: '{ any: [{ not: { path: incidents.total, lt: 20 } }, { path: services.count, gte: 1000 }] }', effect: '{ axis: need, direction: up }', weight: 10 },
    ]);
  const database = (n: number) => numberCandidates(answersOf(allCauses({ database: n })), two()).filter((c) => c.path === 'incidents.causes.database').map((c) => ('value' in c ? c.value : c));

  // Mutations pinned: in inputsOf(), the leaves under `all`, `any` or `not` not walked, and a
  // number's entry made anew for each rule that reads it, so that only the last rule's boundary
  // is searched.
  it('has the boundaries of both rules searched', () => {
    // 8 answered: the range is 6 to 10; the first rule changes at 10.
    expect(database(8)).toEqual([6, 9, 10]);
    // 16 answered: the range is 12 to 20; the second rule changes at 20.
    expect(database(16)).toEqual([12, 19, 20]);
  });
});


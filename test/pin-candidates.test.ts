// Pins for the answer changes the sensitivity search tries (candidatesOf in
// src/core/decision/candidates.ts): for each kind of field a deciding rule reads, exactly which
// values, in the order the rules name them, each once.
import { describe, expect, it } from 'vitest';
import { candidatesOf } from '../src/core/decision/candidates.js';
import { testRubric, type TestRule } from './pin-rubric.js';

const up = '{ axis: need, direction: up }';
const rule = (id: string, when: string, effect = up): TestRule => ({ id, when, effect, weight: 1 });

describe('the candidates of a number', () => {
  // Mutations pinned: in boundary(), each comparison's pair of values changed or emptied (lt and
  // gte try the number below and the number; lte and gt the number and the one above; equals the
  // number alone); a value below zero kept; a number leaf with no comparison given some.
  it('are the whole numbers either side of each boundary, never below zero', () => {
    const r = testRubric([
      rule('a', '{ path: services.count, lt: 10 }'),
      rule('b', '{ path: services.call_depth, lte: 3 }'),
      rule('c', '{ path: platform_team.engineers, gt: 4 }'),
      rule('d', '{ path: traffic.latency_budget_ms, gte: 200 }'),
      rule('e', '{ path: incidents.causes.database, equals: 5 }'),
      rule('f', '{ path: incidents.causes.capacity, lt: 0 }'),
      rule('g', '{ path: incidents.causes.other, known: true }'),
    ]);
    expect(candidatesOf(r)).toEqual([
      { path: 'services.count', value: 9 },
      { path: 'services.count', value: 10 },
      { path: 'services.call_depth', value: 3 },
      { path: 'services.call_depth', value: 4 },
      { path: 'platform_team.engineers', value: 4 },
      { path: 'platform_team.engineers', value: 5 },
      { path: 'traffic.latency_budget_ms', value: 199 },
      { path: 'traffic.latency_budget_ms', value: 200 },
      { path: 'incidents.causes.database', value: 5 },
      { path: 'incidents.causes.capacity', value: 0 },
    ]);
  });
});

describe('the candidates of other fields', () => {
  // Mutations pinned: a boolean given one value, an enum not its options, a list not an item
  // added and taken out, a text not the value looked for; a derived quantity, a section or the
  // version given candidates (they are not answers); a leaf under `not` or `any` left out.
  it('each option of a boolean or enum, an item in or out of a list, the text looked for', () => {
    const r = testRubric([
      rule('a', '{ path: platform_team.exists, equals: true }'),
      rule('b', '{ not: { path: security.mandate, equals: none } }'),
      rule('c', '{ any: [{ path: security.frameworks, contains: pci-dss }, { path: kubernetes.cni, contains: cilium }] }'),
      rule('d', '{ all: [{ path: incidents.total, gte: 10 }, { path: services.language_count, gte: 3 }] }'),
      rule('e', '{ path: version, known: true }'),
      rule('f', '{ path: security.frameworks, known: true }'),
    ]);
    expect(candidatesOf(r)).toEqual([
      { path: 'platform_team.exists', value: true },
      { path: 'platform_team.exists', value: false },
      ...['none', 'nice-to-have', 'planned', 'required'].map((value) => ({ path: 'security.mandate', value })),
      { path: 'security.frameworks', add: 'pci-dss' },
      { path: 'security.frameworks', remove: 'pci-dss' },
      { path: 'kubernetes.cni', value: 'cilium' },
    ]);
  });

  // Mutations pinned: risks tried (they decide nothing), a candidate two rules share listed twice,
  // and the cache answering another rubric's candidates.
  it("leave risks out, list each change once, and are the rubric's own", () => {
    const r = testRubric([
      rule('a', '{ path: services.count, gte: 20 }'),
      rule('b', '{ path: services.count, lt: 20 }', '{ axis: need, direction: down }'),
      rule('risky', '{ path: platform_team.exists, equals: false }', '{ risk: true }'),
    ]);
    expect(candidatesOf(r)).toEqual([
      { path: 'services.count', value: 19 },
      { path: 'services.count', value: 20 },
    ]);
    expect(candidatesOf(r)).toBe(candidatesOf(r));
    expect(candidatesOf(testRubric([rule('a', '{ path: platform_team.exists, equals: true }')]))).toEqual([
      { path: 'platform_team.exists', value: true },
      { path: 'platform_team.exists', value: false },
    ]);
  });
});

// Pins for the answer changes the sensitivity search tries (candidatesOf in
// src/core/decision/candidates.ts): for each kind of field a deciding rule reads, exactly which
// values, in the order the rules name them, each once.
import { describe, expect, it } from 'vitest';
import { candidatesOf } from '../src/core/decision/candidates.js';
import { rubric as builtin } from './assessing.js';
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
      rule('h', '{ path: leadership.annual_budget_usd, lt: 50000 }'),
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
      // A number that need not be whole (the others are counts).
      { path: 'leadership.annual_budget_usd', value: 49999 },
      { path: 'leadership.annual_budget_usd', value: 50000 },
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
      rule('g', '{ path: kubernetes.cni, known: true }'),
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

describe('a rule on the overhead of the mesh recommended', () => {
  // The overhead depends on which mesh the answers recommend, so the answers the choice of mesh
  // reads are tried too: the conditions of the built-in catalogue, after the rules' own.
  const k = () => builtin().knowledge;
  const withKnowledge = (...rules: TestRule[]) => ({ ...testRubric(rules), knowledge: k() });
  const SHARE = rule('share', '{ all: [{ path: traffic.proxy_share_of_hop_budget, gt: 0.25 }, { path: services.count, gte: 1 }] }', '{ gate: never-adopt }');
  const OWNED = rule('owned', '{ path: platform_team.exists, equals: true }');
  const CATALOGUE_PATHS = ['security.mandate', 'security.service_authz', 'traffic.header_routing', 'traffic.canary', 'traffic.mirroring', 'traffic.fault_injection', 'kubernetes.clusters', 'kubernetes.non_kubernetes_workloads', 'services.protocols', 'existing.mesh', 'kubernetes.cni', 'kubernetes.provider', 'platform_team.engineers', 'platform_team.mesh_experience', 'kubernetes.pods'];

  // Mutations pinned: in candidatesOf(), the catalogue's conditions never added (readsMesh made
  // false, or the test of a rule's paths answering nothing), added for every rubric with a
  // catalogue (`&&` made `||`), or only when every rule, or every path of a rule, reads the mesh.
  it('adds the candidates of the catalogue when a deciding rule reads it, and only then', () => {
    const share = candidatesOf(withKnowledge(SHARE));
    // The rule's own: 0 and 1 services; then the catalogue's 45.
    expect(share.length).toBe(47);
    expect([...new Set(share.map((c) => c.path))]).toEqual(['services.count', ...CATALOGUE_PATHS]);
    expect(candidatesOf(withKnowledge(OWNED, SHARE))).toEqual([{ path: 'platform_team.exists', value: true }, { path: 'platform_team.exists', value: false }, ...share]);
    expect(candidatesOf(withKnowledge(OWNED))).toEqual([{ path: 'platform_team.exists', value: true }, { path: 'platform_team.exists', value: false }]);
  });
});

import { describe, expect, it } from 'vitest';
import { HARD, acme, variant, yamlOf } from './fixtures.js';
import { assessText, rubric } from './assessing.js';

const strong = (changes: Record<string, unknown>) => assessText(yamlOf(variant(acme(), changes)));

describe('hard rules stay hard', () => {
  it('the strong profile adopts with high confidence, so each row below is what moves it', () => {
    const a = strong({});
    expect([a.verdict, a.confidence]).toEqual(['adopt', 'high']);
  });

  it('every gate in the rubric has a row', () => {
    const gates = rubric().rules.filter((r) => 'gate' in r.effect).map((r) => r.id);
    expect(HARD.map(([id]) => id).sort()).toEqual(gates.sort());
  });

  it.each(HARD)('%s: one answer changed keeps a strong profile from adopt, and the plan carries its remedy', (id, changes, verdict) => {
    const a = strong(changes);
    expect(a.gates).toContain(id);
    expect(a.verdict).toBe(verdict);
    expect(a.reasons[0]!.effect.kind).toBe('gate');
    const remedy = rubric().rules.find((r) => r.id === id)!.remedy?.set;
    // A gate whose remedy sets answers (not every one has such a remedy) is lifted by the plan.
    // A change to an answer that already holds (Kubernetes in use, for one) is not part of it.
    const given = variant(acme(), changes);
    const answerOf = (path: string) => path.split('.').reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], given);
    if (remedy && verdict === 'defer') {
      for (const change of remedy.filter((c) => answerOf(c.path) !== c.value)) {
        expect(a.toAdopt).toContainEqual(expect.objectContaining({ path: change.path, value: change.value }));
      }
    }
  });

  // Seed 000 §9's scoped ownership and kill switch: an unanswered one is a question, never a "no".
  it.each([
    ['config-ownership-unscoped', 'governance.scoped_config_ownership'],
    ['no-kill-switch', 'governance.validated_kill_switch'],
  ])('%s holds only on an answered no: left out, it is a question that could change the verdict', (id, path) => {
    const a = strong({ [path]: undefined });
    expect(a.gates).not.toContain(id);
    expect(a.verdict).toBe('adopt');
    expect(a.confidence).toBe('low');
    expect(a.unknowns.find((u) => u.path === path)?.rules).toContain(id);
    expect(a.flips).toContainEqual({ changes: [{ path, value: false, was: null }], verdict: 'defer', kind: 'answer' });
  });

  it('a gate also keeps adopt away when points elsewhere are at their strongest', () => {
    const a = strong({ 'governance.rehearsed_rollback': false, 'platform_team.engineers': 12, 'platform_team.mesh_experience': 'deep', 'kubernetes.maturity': 'advanced' });
    expect(a.scores.readiness).toBeGreaterThanOrEqual(a.scores.thresholds.readiness);
    expect(a.verdict).toBe('defer');
  });

  // product.md: the rule reads the per-hop overhead of the recommended mesh and data-plane mode,
  // whatever features are wanted; a layer-4-only need is judged on its own, lower, overhead.
  describe('a latency budget the proxies would eat', () => {
    const tight = { 'traffic.latency_budget_ms': 20, 'services.call_depth': 10 };
    const l4 = { 'traffic.canary': 'none', 'traffic.header_routing': false, 'traffic.fault_injection': false };
    // One cluster and Istio already running: Istio in ambient mode is the mesh recommended.
    const ambient = { ...tight, 'kubernetes.clusters': 1, 'existing.mesh': 'istio' };

    it('is lifted by a benchmark', () => {
      expect(strong(tight).gates).toContain('latency-unmeasured');
      expect(strong({ ...tight, 'traffic.overhead_benchmarked': true }).gates).not.toContain('latency-unmeasured');
    });

    it('is judged on the mode the features need: ambient layer 4 fits 2 ms a hop where a waypoint does not', () => {
      const withWaypoint = strong(ambient);
      expect(withWaypoint.recommendation!.mesh).toBe('istio-ambient');
      expect(withWaypoint.gates).toContain('latency-unmeasured');
      const layer4 = strong({ ...ambient, ...l4 });
      expect(layer4.recommendation!.mesh).toBe('istio-ambient');
      expect(layer4.gates).not.toContain('latency-unmeasured');
      expect(layer4.cost!.latency.added_ms![1]).toBeLessThan(withWaypoint.cost!.latency.added_ms![1]);
    });

    it('is not exempted for layer 4 only: a budget even node-level proxies would eat still gates', () => {
      expect(strong({ ...ambient, ...l4, 'traffic.latency_budget_ms': 10 }).gates).toContain('latency-unmeasured');
      // A sidecar mesh puts the same two proxies on a hop whatever the features.
      const sidecars = strong({ ...tight, ...l4 });
      expect(sidecars.recommendation!.data_plane).toBe('sidecar');
      expect(sidecars.gates).toContain('latency-unmeasured');
    });

    it('with a layer 7 need left unanswered, holds only where even the lighter mode would eat the budget', () => {
      const open = { ...ambient, ...l4, 'traffic.fault_injection': undefined };
      expect(strong(open).gates).not.toContain('latency-unmeasured');
      expect(strong(open).unknowns.map((u) => u.path)).toContain('traffic.fault_injection');
      expect(strong({ ...open, 'traffic.latency_budget_ms': 10 }).gates).toContain('latency-unmeasured');
    });
  });
});

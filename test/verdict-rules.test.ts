import { describe, expect, it } from 'vitest';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText, examples, rubric } from './assessing.js';
import { readFileSync } from 'node:fs';

const on = (changes: Record<string, unknown>) => assessText(yamlOf(variant(acme(), changes)));

describe('the verdict rules of the product card', () => {
  it('the full example is adopt, so each rule below is what moves it', () => {
    expect(on({}).verdict).toBe('adopt');
  });

  it('no platform team that can own the mesh: never adopt', () => {
    const a = on({ platform_team: { exists: false } });
    expect(a.verdict).not.toBe('adopt');
    expect(a.gates).toContain('no-platform-team');
    expect(a.reasons[0]!.rule).toBe('no-platform-team');
  });

  it('leadership unwilling to carry a standing cost: never adopt', () => {
    const a = on({ 'leadership.accepts_standing_cost': false });
    expect(a.verdict).toBe('defer');
    expect(a.gates).toContain('no-appetite-for-standing-cost');
  });

  it.each([['none'], ['basic']])('Kubernetes maturity %s: never adopt', (maturity) => {
    const a = on({ 'kubernetes.maturity': maturity });
    expect(a.verdict).toBe('defer');
    expect(a.gates).toContain('kubernetes-not-mature');
  });

  it('no Kubernetes at all: never adopt', () => {
    expect(on({ 'kubernetes.in_use': false }).verdict).toBe('defer');
  });

  it.each([[9], [19]])('%i services in one or two languages with no mandate: alternative', (count) => {
    const a = on({ 'services.count': count, 'services.languages': ['go', 'java'], 'security.mandate': 'nice-to-have' });
    expect(a.verdict).toBe('alternative');
    expect(a.gates).toContain('small-fleet-no-mandate');
  });

  it('the same small fleet with a mandate is not forced to alternative', () => {
    const a = on({ 'services.count': 15, 'services.languages': ['go', 'java'], 'security.mandate': 'required' });
    expect(a.gates).not.toContain('small-fleet-no-mandate');
  });

  it('incidents a mesh does not touch keep the verdict from adopt, and the report names where the pain is', () => {
    const causes = { service_communication: 1, certificates: 0, release_traffic: 1, database: 12, application: 4 };
    const a = on({ 'incidents.causes': causes });
    expect(a.verdict).toBe('defer');
    expect(a.gates).toContain('pain-elsewhere');
    expect(a.reasons[0]!.rule).toBe('pain-elsewhere');
    expect(a.reasons[0]!.message).toContain('database');
  });

  it('routing needed only at the edge: alternative, naming Gateway API', () => {
    const a = on({ 'traffic.north_south_only': true });
    expect(a.verdict).toBe('alternative');
    expect(a.reasons.find((r) => r.rule === 'edge-routing-only')!.message).toMatch(/Gateway API/);
  });

  it('a fleet-wide encryption mandate is the strongest single need signal', () => {
    const weights = rubric().scoring.weights;
    const needUp = rubric().rules.filter((r) => 'axis' in r.effect && r.effect.axis === 'need' && r.effect.direction === 'up');
    const strongest = needUp.reduce((a, b) => ((weights[a.id] ?? 0) >= (weights[b.id] ?? 0) ? a : b));
    expect(strongest.id).toBe('compliance-mandate');
    expect(needUp.filter((r) => weights[r.id] === weights[strongest.id])).toHaveLength(1);
  });

  it.each([
    ['adopt', {}],
    ['defer', { platform_team: { exists: false } }],
    ['alternative', { 'traffic.north_south_only': true }],
  ])('a tight latency budget is a named risk in a %s verdict', (verdict, changes) => {
    const a = on({ ...changes, 'traffic.latency_budget_ms': 60 });
    expect(a.verdict).toBe(verdict);
    expect(a.reasons.find((r) => r.rule === 'latency-budget-tight')?.effect).toEqual({ kind: 'risk', severity: 'high' });
  });

  it.each(examples())('%s carries at least three reasons, each with a rule, a weight and evidence', (file) => {
    const a = assessText(readFileSync(file, 'utf8'));
    expect(a.reasons.length).toBeGreaterThanOrEqual(3);
    for (const r of a.reasons) {
      if (r.effect.kind !== 'axis') expect(r.weight).toBeGreaterThan(0);
      expect(r.evidence.length).toBeGreaterThan(0);
      for (const e of r.evidence) expect(e.line).toBeGreaterThan(0);
    }
  });
});

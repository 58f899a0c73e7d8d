import { describe, expect, it } from 'vitest';
import { chooseMesh } from '../src/core/knowledge/mesh-choice.js';
import type { MeshCatalogue } from '../src/core/knowledge/schema.js';
import type { Value } from '../src/core/questionnaire/derive.js';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText, rubric } from './helpers.js';

const recommend = (changes: Record<string, unknown>, base = neutral()) => assessText(yamlOf(variant(base, changes))).recommendation!;
const catalogue = () => rubric().knowledge.meshes!;
const weightOf = (id: string | null) => catalogue().meshes.find((m) => m.id === id)!.operating_weight;
const covers = (id: string | null, features: string[]) => features.every((f) => catalogue().meshes.find((m) => m.id === id)!.features.includes(f));

describe('the least mesh that meets the requirements', () => {
  it('mTLS and golden metrics only: a light mesh', () => {
    const r = recommend({ 'security.mandate': 'required', 'observability.metrics': 'per-team', kubernetes: { hosting: 'self-managed' } });
    expect(r.required_features.map((f) => f.id)).toEqual(['mtls']);
    expect(r.mesh).toBe('linkerd');
    expect(weightOf(r.mesh)).toBeLessThanOrEqual(2);
  });

  it('header routing, fault injection and VM workloads: a full-featured mesh', () => {
    const r = recommend({ 'traffic.header_routing': true, 'traffic.fault_injection': true, 'kubernetes.non_kubernetes_workloads': true });
    expect(r.required_features.map((f) => f.id)).toEqual(['l7-routing', 'fault-injection', 'vm-workloads']);
    expect(covers(r.mesh, ['l7-routing', 'fault-injection', 'vm-workloads'])).toBe(true);
    expect(weightOf(r.mesh)).toBeGreaterThanOrEqual(4);
    expect(r.considered.find((m) => m.id === 'linkerd')).toMatchObject({ status: 'lacks-features', missing: ['fault-injection'] });
  });

  it('Cilium as the CNI: Cilium is considered, and the CNI already in place makes it the least mesh', () => {
    const other = recommend({ 'security.mandate': 'required', 'kubernetes.cni': 'calico' });
    const cilium = recommend({ 'security.mandate': 'required', 'kubernetes.cni': 'Cilium 1.16' });
    const without = other.considered.find((m) => m.id === 'cilium')!;
    expect(without.adjustments.join(' ')).toMatch(/replacing the cluster network/);
    expect(cilium.considered.find((m) => m.id === 'cilium')!.score).toBe(without.score! - 2);
    expect(other.mesh).toBe('linkerd');
    expect(cilium.mesh).toBe('cilium');
  });

  it('a platform team of one or two on managed Kubernetes: a managed offering', () => {
    for (const engineers of [1, 2]) {
      const r = recommend({ 'security.mandate': 'required', 'platform_team.engineers': engineers, 'kubernetes.hosting': 'managed' });
      expect(r.mesh).toBe('managed-istio');
      expect(r.why.join(' ')).toContain(`${engineers} platform engineer(s)`);
    }
    expect(recommend({ 'security.mandate': 'required', 'platform_team.engineers': 6, 'kubernetes.hosting': 'managed' }).mesh).toBe('linkerd');
  });

  it('a managed offering is not a candidate on self-managed clusters', () => {
    const r = recommend({ 'platform_team.engineers': 1, 'kubernetes.hosting': 'self-managed' });
    expect(r.considered.find((m) => m.id === 'managed-istio')?.status).toBe('unavailable');
  });

  it('an existing mesh counts', () => {
    const istio = recommend({ 'existing.mesh': 'istio', 'traffic.canary': 'required' });
    expect(istio.mesh).toMatch(/^istio-/);
    expect(istio.why.join(' ')).toMatch(/operating weight \d of 5, -?\d after the adjustments below/);
    expect(istio.why.join(' ')).toMatch(/Istio already runs here/);
    expect(recommend({ 'existing.mesh': 'kuma' }).mesh).toBe('kuma');
  });

  it('many pods and no need for multi-cluster or VMs: ambient mode', () => {
    const r = recommend({ 'traffic.fault_injection': true, 'kubernetes.pods': 5000, 'kubernetes.clusters': 1 });
    expect(r.mesh).toBe('istio-ambient');
    expect(r.data_plane).toBe('per-node');
  });

  it('never recommends AWS App Mesh, which reached end of support on 2026-09-30', () => {
    const r = recommend({ 'kubernetes.hosting': 'managed', 'platform_team.engineers': 1 }, acme());
    expect(r.mesh).not.toBe('aws-app-mesh');
    expect(r.considered.find((m) => m.id === 'aws-app-mesh')).toMatchObject({ status: 'end-of-support', why_not: 'Out of support since 2026-09-30.' });
  });

  it('says so when no mesh covers the requirements', () => {
    const cat: MeshCatalogue = { ...catalogue(), meshes: catalogue().meshes.filter((m) => !m.features.includes('fault-injection')) };
    const r = chooseMesh(cat, new Map<string, Value>([['traffic.fault_injection', true]]));
    expect(r.mesh).toBeNull();
    expect(r.why[0]).toContain('fault-injection');
  });

  it('explains every mesh it did not pick', () => {
    for (const m of recommend({}, acme()).considered) {
      if (m.status === 'recommended') expect(m.why_not).toBe('');
      else expect(m.why_not.length).toBeGreaterThan(10);
    }
  });
});

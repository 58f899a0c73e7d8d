import { describe, expect, it } from 'vitest';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText } from './helpers.js';

const costOf = (data: Record<string, unknown>) => assessText(yamlOf(data)).cost!;

describe('the cost model (seed 000 §4: leaders fund numbers)', () => {
  it('matches a hand computation for Acme Payments on Calico (Linkerd sidecars on 2400 pods)', () => {
    const c = costOf(variant(acme(), { 'kubernetes.cni': 'calico' }));
    expect(c.mesh).toBe('linkerd');
    // 2400 pods x 10-150 millicores = 24-360 vCPU; x 50-128 MiB = 117.2-300 GiB.
    expect(c.compute).toEqual({ per: 'pod', count: 2400, vcpu: [24, 360], memory_gib: [117.2, 300], usd_per_year: [13500, 139300] });
    // 24 x 8760 x 0.04 + 117.1875 x 8760 x 0.005 = 8409.6 + 5132.8 = 13542; 360 x 8760 x 0.04 + 300 x 8760 x 0.005 = 139284.
    // Operating weight 2: 0.5-1 engineers at 200,000 USD.
    expect(c.people).toEqual({ fte: [0.5, 1], usd_per_year: [100000, 200000] });
    expect(c.money).toEqual({ usd_per_year: [113500, 339300], budget_usd: 600000, against_budget: 'within' });
    // Two proxies a hop x 0.5-1.5 ms x 4 hops = 4-12 ms of a 250 ms budget.
    expect(c.latency).toEqual({ proxies_per_hop: 2, per_proxy_ms: [0.5, 1.5], call_depth: 4, added_ms: [4, 12], budget_ms: 250, share_of_budget: [0.016, 0.048] });
    expect(c.missing).toEqual([]);
  });

  it('matches a hand computation for Acme Payments as written (Cilium, its CNI, on 180 nodes)', () => {
    const c = costOf(acme());
    expect(c.mesh).toBe('cilium');
    // 180 nodes x 100-500 millicores = 18-90 vCPU; x 128-512 MiB = 22.5-90 GiB.
    // 18 x 8760 x 0.04 + 22.5 x 8760 x 0.005 = 6307.2 + 985.5; 90 x 8760 x 0.04 + 90 x 8760 x 0.005 = 31536 + 3942.
    expect(c.compute).toEqual({ per: 'node', count: 180, vcpu: [18, 90], memory_gib: [22.5, 90], usd_per_year: [7300, 35500] });
    expect(c.money.usd_per_year).toEqual([107300, 235500]);
    // Canaries need layer 7: Cilium routes through a node's Envoy on each side, two proxies a hop.
    expect(c.latency.added_ms).toEqual([4, 12]);
  });

  it('takes the rates from the questionnaire when given', () => {
    const c = costOf(variant(acme(), { 'kubernetes.cni': 'calico', costs: { vcpu_hour_usd: 0.08, gib_hour_usd: 0.01, engineer_year_usd: 100000 } }));
    expect(c.compute.usd_per_year).toEqual([27100, 278600]);
    expect(c.people.usd_per_year).toEqual([50000, 100000]);
    expect(c.assumptions.join(' ')).toContain('0.08 USD per vCPU-hour');
  });

  it('prices a per-node data plane by nodes, with its assumption printed', () => {
    const c = costOf(variant(neutral(), { 'traffic.fault_injection': true, kubernetes: { pods: 5000, nodes: 200, clusters: 1 } }));
    expect(c.mesh).toBe('istio-ambient');
    // 200 nodes x 100-500 millicores = 20-100 vCPU; x 128-512 MiB = 25-100 GiB.
    expect(c.compute).toMatchObject({ per: 'node', count: 200, vcpu: [20, 100], memory_gib: [25, 100] });
    expect(c.assumptions.join(' ')).toMatch(/project's estimate/);
    // Fault injection is layer 7, so ambient adds a waypoint: three proxies a hop.
    expect(c.latency.proxies_per_hop).toBe(3);
  });

  it('compares the total with the budget', () => {
    expect(costOf(variant(acme(), { 'leadership.annual_budget_usd': 50000 })).money.against_budget).toBe('exceeds');
    expect(costOf(variant(acme(), { 'leadership.annual_budget_usd': 200000 })).money.against_budget).toBe('may-exceed');
    expect(costOf(variant(acme(), { 'leadership.annual_budget_usd': undefined })).money.against_budget).toBeNull();
  });

  it('leaves compute open, and says which answer would close it, when pods are unknown', () => {
    const c = costOf(neutral());
    expect(c.compute.usd_per_year).toBeNull();
    expect(c.money.usd_per_year).toBeNull();
    expect(c.people.fte).toEqual([0.5, 1]);
    expect(c.missing).toEqual(['kubernetes.pods', 'services.call_depth', 'traffic.latency_budget_ms']);
  });

  it('prices a heavier mesh with more people', () => {
    const light = costOf(acme());
    const heavy = costOf(variant(acme(), { 'traffic.fault_injection': true, 'kubernetes.non_kubernetes_workloads': true }));
    expect(heavy.people.fte[1]).toBeGreaterThan(light.people.fte[1]);
  });
});

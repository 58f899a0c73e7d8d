import { describe, expect, it } from 'vitest';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText } from './helpers.js';
import { licenceWhat } from '../src/render/text.js';

const costOf = (data: Record<string, unknown>) => assessText(yamlOf(data)).cost!;

describe('the cost model (seed 000 §4: leaders fund numbers)', () => {
  it('matches a hand computation for Acme Payments (Linkerd sidecars on 2400 pods, licensed per cluster)', () => {
    const c = costOf(acme());
    expect(c.mesh).toBe('linkerd');
    // 2400 pods x 10-50 millicores = 24-120 vCPU; x 50-100 MiB = 117.2-234.4 GiB (seed 001's figures).
    expect(c.compute).toEqual({ per: 'pod', count: 2400, vcpu: [24, 120], memory_gib: [117.2, 234.4], usd_per_year: [13500, 52300] });
    // 24 x 8760 x 0.04 + 117.1875 x 8760 x 0.005 = 8409.6 + 5132.8; 120 x 8760 x 0.04 + 234.375 x 8760 x 0.005 = 42048 + 10265.6.
    // Operating weight 2: 0.5-1 engineers at 200,000 USD.
    expect(c.people).toEqual({ fte: [0.5, 1], usd_per_year: [100000, 200000] });
    // Stable Linkerd builds: 24,000 USD a cluster a year for 6 clusters, free below 50 employees; the size is unknown.
    expect(c.licence).toMatchObject({ charge: 'per-unit', usd_per_year: [0, 144000], per: 'cluster', count: 6, free_below_employees: 50 });
    expect(c.money).toEqual({ usd_per_year: [113500, 396300], budget_usd: 600000, against_budget: 'within', excludes: [] });
    // Two proxies a hop x 0.5-1.5 ms x 4 hops = 4-12 ms of a 250 ms budget.
    expect(c.latency).toEqual({ proxies_per_hop: 2, per_proxy_ms: [0.5, 1.5], call_depth: 4, added_ms: [4, 12], budget_ms: 250, share_of_budget: [0.016, 0.048], slo_p99_ms: 10, exceeds_slo: true });
    expect(c.missing).toEqual(['org.employees']);
    expect(c.basis).toMatchObject({ cpu_millicores: [10, 50], memory_mib: [50, 100], cited: ['When a Mesh Helps'] });
  });

  it('prices the licence by company size: free below the line, per cluster above it, open without a cluster count', () => {
    expect(costOf(variant(acme(), { 'org.employees': 40 })).licence.usd_per_year).toEqual([0, 0]);
    const big = costOf(variant(acme(), { 'org.employees': 900 }));
    expect(big.licence.usd_per_year).toEqual([144000, 144000]);
    expect(big.money.usd_per_year).toEqual([257500, 396300]);
    expect(big.missing).toEqual([]);
    const open = costOf(variant(acme(), { 'org.employees': 900, 'kubernetes.clusters': undefined, 'kubernetes.pods': 500 }));
    expect(open.mesh).toBe('linkerd');
    expect(open.licence.usd_per_year).toBeNull();
    expect(open.money.usd_per_year).toBeNull();
    expect(open.missing).toContain('kubernetes.clusters');
    expect(open.assumptions.join(' ')).toMatch(/verify with the vendor/);
  });

  it('leaves an unpublished licence price out of the total and says so', () => {
    const c = costOf(variant(acme(), { 'kubernetes.provider': 'gke', 'kubernetes.clusters': 1, 'platform_team.engineers': 1, 'leadership.annual_budget_usd': 10000000 }));
    expect(c.mesh).toBe('gcp-cloud-service-mesh');
    expect(c.licence).toMatchObject({ charge: 'unpublished', usd_per_year: null });
    expect(c.money.excludes).toEqual(['licence']);
    // Far under budget, but a total without the licence is a floor.
    expect(c.money.against_budget).toBe('may-exceed');
  });

  it('matches a hand computation for a per-node mesh where no mTLS is required (Cilium, its CNI, on 180 nodes)', () => {
    const c = costOf(variant(acme(), { 'security.mandate': 'none' }));
    expect(c.mesh).toBe('cilium');
    // 180 nodes x 100-500 millicores = 18-90 vCPU; x 128-512 MiB = 22.5-90 GiB.
    // 18 x 8760 x 0.04 + 22.5 x 8760 x 0.005 = 6307.2 + 985.5; 90 x 8760 x 0.04 + 90 x 8760 x 0.005 = 31536 + 3942.
    expect(c.compute).toEqual({ per: 'node', count: 180, vcpu: [18, 90], memory_gib: [22.5, 90], usd_per_year: [7300, 35500] });
    expect(c.licence.usd_per_year).toEqual([0, 0]);
    expect(c.money.usd_per_year).toEqual([107300, 235500]);
    // Canaries need layer 7: Cilium routes through a node's Envoy on each side, two proxies a hop,
    // after the eBPF datapath on each node: 4 x (2 x 0.5-1.5 + 2 x 0-0.02) = 4-12.16, shown as 4-12.2.
    expect(c.latency.added_ms).toEqual([4, 12.2]);
    expect(c.basis.estimated).toContain('per-node footprint');
  });

  it('explains a per-node mesh with layer 4 features only: no proxy on the path, only the kernel datapath, priced', () => {
    const c = costOf(variant(acme(), { 'security.mandate': 'none', 'traffic.canary': 'none', 'traffic.header_routing': false }));
    expect(c.mesh).toBe('cilium');
    expect(c.latency.proxies_per_hop).toBe(0);
    // 4 hops x 2 passes x 0-0.02 ms.
    expect(c.latency.added_ms).toEqual([0, 0.2]);
    expect(c.assumptions.join(' ')).toMatch(/No proxy is on the path for layer 4 only: the kernel carries the traffic, with 2 passes through the eBPF datapath at 0-0.02 ms each \(our estimate: eBPF programs/);
  });

  it('names the costs it cannot price (seed 002 §16): telemetry for every mesh, start-up latency for sidecars', () => {
    expect(costOf(acme()).to_measure.map((m) => m.item)).toEqual(['Telemetry volume', 'Pod start-up latency']);
    expect(costOf(variant(acme(), { 'security.mandate': 'none' })).to_measure.map((m) => m.item)).toEqual(['Telemetry volume']);
  });

  it('takes the rates from the questionnaire when given', () => {
    const c = costOf(variant(acme(), { costs: { vcpu_hour_usd: 0.08, gib_hour_usd: 0.01, engineer_year_usd: 100000 } }));
    expect(c.compute.usd_per_year).toEqual([27100, 104600]);
    expect(c.people.usd_per_year).toEqual([50000, 100000]);
    expect(c.assumptions.join(' ')).toContain('0.08 USD per vCPU-hour');
    expect(c.basis.estimated).not.toContain('rates');
    // One rate given leaves the others the project's estimate, and the assumption says so.
    const one = costOf(variant(acme(), { costs: { engineer_year_usd: 100000 } }));
    expect(one.basis.estimated).toContain('rates');
    expect(one.assumptions.join(' ')).toContain('all year round (our estimate)');
    const half = costOf(variant(acme(), { costs: { vcpu_hour_usd: 0.08 } }));
    expect(half.assumptions.join(' ')).toContain('all year round (your costs section and our estimate)');
  });

  it('prices a per-node data plane by nodes, with its assumption printed', () => {
    const c = costOf(variant(neutral(), { 'traffic.header_routing': true, kubernetes: { pods: 5000, nodes: 200, clusters: 1 } }));
    expect(c.mesh).toBe('istio-ambient');
    // 200 nodes x 100-500 millicores = 20-100 vCPU; x 128-512 MiB = 25-100 GiB.
    expect(c.compute).toMatchObject({ per: 'node', count: 200, vcpu: [20, 100], memory_gib: [25, 100] });
    expect(c.assumptions.join(' ')).toMatch(/our estimate/);
    // Header routing is layer 7, so ambient adds a waypoint: three proxies a hop.
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
    expect(c.missing).toEqual(['kubernetes.pods', 'kubernetes.clusters', 'org.employees', 'services.call_depth', 'traffic.latency_budget_ms']);
  });

  it('prices a heavier mesh with more people', () => {
    const light = costOf(acme());
    const heavy = costOf(variant(acme(), { 'traffic.fault_injection': true, 'kubernetes.non_kubernetes_workloads': true }));
    expect(heavy.people.fte[1]).toBeGreaterThan(light.people.fte[1]);
  });
});

describe('prices the catalogue does not hold', () => {
  it('a managed mesh is billed on its provider\'s price list, never called unpublished; Linkerd\'s line says its price has no current source', () => {
    const gke = assessText(yamlOf(variant(acme(), { 'kubernetes.provider': 'gke', 'platform_team.engineers': 2 })));
    expect(gke.recommendation!.mesh).toBe('gcp-cloud-service-mesh');
    const words = [licenceWhat(gke.cost!.licence), gke.cost!.licence.note ?? '', ...gke.cost!.assumptions].join(' ');
    expect(words).toMatch(/billed by the provider: see its price list/);
    expect(words).toMatch(/GKE Enterprise customers are not billed separately/);
    expect(words).not.toMatch(/not published/);
    const linkerd = assessText(yamlOf(acme())).cost!.licence;
    expect(linkerd.note).toMatch(/in effect from May 2024 .*No current source confirms Buoyant's unit, per cluster or per pod, or a price/);
  });
});

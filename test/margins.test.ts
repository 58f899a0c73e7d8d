// Reproductions at the margin of the verdict: confidence that is true, unknown incident causes
// never read as zero, a verdict monotone in the pain a mesh addresses, and the single-language
// rule as product.md reconciles it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acme, NO_INCIDENTS, variant, yamlOf } from './fixtures.js';
import { summarize } from '../src/render/summary/summary.js';
import { summaryMarkdown } from '../src/render/summary/summary-markdown.js';
import { assessText } from './assessing.js';

const LARGE_FLEET = `version: 1
org: { name: "Large fleet, few incidents" }
services: { count: 2974, languages: [go, kotlin, python] }
platform_team: { exists: true, owns_on_call: true }
incidents: { causes: { service_communication: 0, ownership: 4 } }
leadership: { accepts_standing_cost: true, annual_budget_usd: 600000 }
governance: { config_as_code: true, rehearsed_rollback: true }
`;

const NORTHWIND = `version: 1
org: { name: "Northwind Freight", employees: 1200 }
services: { count: 140, expected_count_12m: 170, languages: [java, kotlin, go, python, typescript], architecture: microservices, protocols: [http, grpc, messaging], call_depth: 6 }
kubernetes: { in_use: true, clusters: 4, pods: 3200, nodes: 180, maturity: operational, network_policy: some, cni: aws-vpc-cni, hosting: managed, provider: eks, non_kubernetes_workloads: false }
platform_team: { exists: true, engineers: 6, owns_on_call: true, funded: true, publishes_slos: false, mesh_experience: some }
security: { mandate: planned, frameworks: [soc2, iso27001], mtls_today: none, service_authz: per-service }
traffic: { deploys_per_week: 60, canary: wanted, header_routing: false, fault_injection: false, retries: per-team, north_south_only: false, latency_budget_ms: 800, overhead_benchmarked: false }
observability: { metrics: shared-library, tracing: partial, service_graph: false }
incidents: { period_months: 12, causes: { service_communication: 9, certificates: 2, release_traffic: 5, database: 7, deploy_pipeline: 4, ownership: 3, capacity: 2, application: 14, other: 3 } }
leadership: { accepts_standing_cost: true, annual_budget_usd: 350000 }
governance: { config_as_code: true, staged_config_rollout: true, rehearsed_rollback: true, runbooks: true }
existing: { mesh: none, api_gateway: true, ingress: ingress }
costs: { engineer_year_usd: 180000 }
`;

const set = (path: string, value: string) => ({ path, value });

describe('an incident cause left out is unknown, not zero', () => {
  it('five database incidents alone on a ready profile do not say the pain is elsewhere, and the causes become the question', () => {
    const a = assessText(yamlOf(variant(acme(), { 'incidents.causes': { database: 5 } })));
    expect(a.gates).not.toContain('pain-elsewhere');
    // Medium, not low: no plausible change moves the adopt (every flip is a fact), but the causes
    // left out could still be answered so that the pain is elsewhere.
    expect(a.confidence).toBe('medium');
    expect(a.flips.map((f) => f.kind)).toEqual(a.flips.map(() => 'fact'));
    const causes = a.unknowns.find((u) => u.rules.includes('pain-elsewhere'));
    expect(causes?.path).toMatch(/^incidents\.causes/);
  });

  it('with every cause answered, the same incidents elsewhere do keep adopt away', () => {
    const a = assessText(yamlOf(variant(acme(), { 'incidents.causes': { ...NO_INCIDENTS, database: 5 } })));
    expect(a.gates).toContain('pain-elsewhere');
    expect(a.reasons.find((r) => r.rule === 'pain-elsewhere')?.message).toContain('database');
  });
});

describe('more pain a mesh addresses never makes a mesh less advisable', () => {
  it('one more service-communication incident keeps a large fleet at adopt', () => {
    expect(assessText(LARGE_FLEET).verdict).toBe('adopt');
    const more = assessText(LARGE_FLEET, [set('incidents.causes.service_communication', '1')]);
    expect(more.verdict).toBe('adopt');
    expect(more.gates).not.toContain('pain-elsewhere');
  });
});

describe('confidence is true at the margin', () => {
  it('a defer that one more timeout incident turns into adopt is low, and that flip is listed', () => {
    const a = assessText(NORTHWIND);
    expect([a.verdict, a.confidence]).toEqual(['defer', 'low']);
    expect(a.flips).toContainEqual({ changes: [{ path: 'incidents.causes.service_communication', value: 10, was: 9 }], verdict: 'adopt', kind: 'answer' });
    expect(assessText(NORTHWIND, [set('incidents.causes.service_communication', '10')]).verdict).toBe('adopt');
    expect(assessText(NORTHWIND, [set('incidents.causes.application', '12')]).verdict).toBe('adopt');
  });
});

describe('a single language, as product.md reconciles seed 000 §5 with seed 001', () => {
  const goOnly = (changes: Record<string, unknown> = {}) => yamlOf(variant(acme(), { 'services.languages': ['go'], ...changes }));

  it('a fleet-wide mandate over dozens of services lifts the gate: adopt, with need lowered and the trade-off named', () => {
    const a = assessText(goOnly());
    const polyglot = assessText(yamlOf(acme()));
    expect(a.verdict).toBe('adopt');
    expect(a.gates).not.toContain('single-language-unmandated');
    expect(a.scores.need).toBeLessThan(polyglot.scores.need);
    expect(a.risks.map((r) => r.rule)).toContain('single-language-trade-off');
    expect(summaryMarkdown(summarize(a))).toContain('mTLS library');
  });

  it('a regulated single-language fleet with its ownership unshown defers rather than being sent to cheaper tools', () => {
    // Monzo in 2017: 150 services in Go; with a mandate answered, the single language no longer decides.
    const text = readFileSync('cases/monzo-2017.yaml', 'utf8');
    expect(assessText(text).verdict).toBe('alternative');
    const mandated = assessText(text, [set('security.mandate', 'required')]);
    expect(mandated.verdict).toBe('defer');
    expect(mandated.gates).not.toContain('single-language-unmandated');
  });

  it('without the mandate, or with fewer than 20 services, one language keeps adopt away', () => {
    expect(assessText(goOnly({ 'security.mandate': 'planned' })).gates).toContain('single-language-unmandated');
    expect(assessText(goOnly({ 'services.count': 19 })).gates).toContain('single-language-unmandated');
  });

  it('a mandate left unanswered leaves the gate undecided: low confidence, and the mandate is the question', () => {
    const a = assessText(goOnly({ 'security.mandate': undefined }));
    expect(a.gates).not.toContain('single-language-unmandated');
    expect(a.confidence).toBe('low');
    expect(a.unknowns.find((u) => u.path === 'security.mandate')?.rules).toContain('single-language-unmandated');
    expect(a.flips).toContainEqual(expect.objectContaining({ changes: [expect.objectContaining({ path: 'security.mandate', was: null })] }));
  });
});

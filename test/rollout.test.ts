import { describe, expect, it } from 'vitest';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText, citesASource } from './helpers.js';

const assessed = (changes: Record<string, unknown>, base = acme()) => assessText(yamlOf(variant(base, changes)));
const firstUseCase = (changes: Record<string, unknown>) => assessed(changes).rollout.find((p) => p.use_case)!.use_case!.id;

describe('the rollout plan (seed 002 §17, seed 000 §6)', () => {
  it('gives every phase a goal, an exit criterion and a rollback, in order', () => {
    const a = assessed({});
    expect(a.verdict).toBe('adopt');
    expect(a.rollout.map((p) => p.id)).toEqual(['baseline', 'first-use-case', 'permissive', 'enforce', 'traffic', 'paved-road']);
    for (const p of a.rollout) {
      expect(p.exit.length).toBeGreaterThan(20);
      expect(p.rollback.length).toBeGreaterThan(15);
      expect(p.source).toMatch(citesASource());
    }
  });

  it.each([
    ['a compliance mandate', { 'security.mandate': 'required' }, 'mtls-two-services'],
    ['a canary need and no mandate', { 'security.mandate': 'none', 'traffic.canary': 'required' }, 'canary-one-service'],
    ['observability gaps only', { 'security.mandate': 'none', 'traffic.canary': 'none' }, 'telemetry-one-domain'],
    ['no single driver', { 'security.mandate': 'none', 'traffic.canary': 'none', observability: { metrics: 'uniform', tracing: 'uniform', service_graph: true } }, 'authz-one-api'],
  ])('starts from the strongest driver: %s', (_name, changes, expected) => {
    expect(firstUseCase(changes)).toBe(expected);
  });

  // Seed 002 §22, "no runbook, no strict mesh enforcement": runbooks hold the enforce phase, and
  // product.md keeps the answer "no" a gate on the verdict too.
  it('holds strict enforcement until runbooks exist, and only that phase', () => {
    const waits = (changes: Record<string, unknown>) => {
      const a = assessed(changes);
      expect(a.rollout.filter((p) => p.blocked_until).map((p) => p.id)).toEqual(['enforce']);
      return { verdict: a.verdict, gates: a.gates, blocked: a.rollout.find((p) => p.id === 'enforce')!.blocked_until! };
    };
    expect(waits({ 'governance.runbooks': true }).blocked).toMatchObject({ status: 'met', evidence: [{ path: 'governance.runbooks', value: true }], questions: [] });
    const none = waits({ 'governance.runbooks': false });
    expect(none.blocked).toMatchObject({ status: 'not-met', evidence: [{ path: 'governance.runbooks', value: false }], questions: [] });
    expect(none.gates).toContain('no-runbooks');
    expect(none.verdict).toBe('defer');
    expect(waits({ 'governance.runbooks': undefined }).blocked).toMatchObject({ status: 'unanswered', evidence: [], questions: ['Do runbooks exist for platform failures?'] });
  });

  it('is the plan for when ready on defer, and absent for alternative', () => {
    const defer = assessed({ 'platform_team.exists': false });
    expect(defer.verdict).toBe('defer');
    expect(defer.rollout.length).toBeGreaterThan(0);
    const alternative = assessText(yamlOf(variant(neutral(), { 'services.count': 8, 'services.languages': ['go'] })));
    expect(alternative.verdict).toBe('alternative');
    expect(alternative.rollout).toEqual([]);
    expect(alternative.checklist).toEqual([]);
  });
});

describe('the production-readiness checklist (seed 002 §24)', () => {
  it('reads each status from the answers', () => {
    const status = (changes: Record<string, unknown>, id: string) => assessed(changes).checklist.find((c) => c.id === id)!.status;
    expect(status({ 'governance.runbooks': true }, 'runbooks')).toBe('met');
    expect(status({ 'governance.runbooks': false }, 'runbooks')).toBe('not-met');
    expect(status({ 'governance.runbooks': undefined }, 'runbooks')).toBe('unanswered');
    expect(status({}, 'baseline-benchmark')).toBe('check-by-hand');
  });

  // Issue: an item is met only by the answer that says it, never by a neighbouring one.
  it('meets an item only with the answer that says it', () => {
    const item = (changes: Record<string, unknown>, id: string) => assessed(changes).checklist.find((c) => c.id === id)!;
    const undecided = { 'governance.responsibilities_matrix': undefined, 'governance.upgrade_strategy': undefined };
    // A platform team on call and a rehearsed rollback settle neither item.
    expect(assessed(undecided).reasons.map((r) => r.rule)).toEqual(expect.arrayContaining(['platform-owns-on-call', 'rehearsed-rollback']));
    expect(item(undecided, 'ownership')).toMatchObject({ status: 'unanswered', evidence: [], questions: [expect.stringMatching(/platform, application and security teams are each responsible/)] });
    expect(item(undecided, 'upgrade-plan')).toMatchObject({ status: 'unanswered', evidence: [], questions: [expect.stringMatching(/upgrading the control plane and the proxies/)] });
    expect(item({ 'governance.responsibilities_matrix': true }, 'ownership')).toMatchObject({ status: 'met', evidence: [{ path: 'governance.responsibilities_matrix', value: true }], questions: [] });
    expect(item({ 'governance.responsibilities_matrix': false }, 'ownership').status).toBe('not-met');
    expect(item({ 'governance.upgrade_strategy': true }, 'upgrade-plan').status).toBe('met');
    expect(item({ 'governance.upgrade_strategy': false }, 'upgrade-plan')).toMatchObject({ status: 'not-met', questions: [] });
    // No answer says that retry rules or dashboards are what the items ask: they are checked by hand.
    for (const retries of ['none', 'per-team', 'shared-library']) expect(item({ 'traffic.retries': retries }, 'traffic-rules')).toMatchObject({ status: 'check-by-hand', evidence: [], questions: [] });
    expect(item({ observability: { metrics: 'uniform', tracing: 'uniform', service_graph: true } }, 'observability').status).toBe('check-by-hand');
  });

  it('lists all thirteen areas of the seed', () => {
    expect(assessed({}).checklist).toHaveLength(13);
  });

  it('carries the runbook questions (seed 002 §22) to answer before strict enforcement', () => {
    const runbook = assessed({}).runbook;
    expect(runbook).toHaveLength(10);
    expect(runbook.map((q) => q.question)).toContain('How do we detect retry storms?');
  });
});

describe('risks (each tied to the answers)', () => {
  const risks = (changes: Record<string, unknown>, base = neutral()) => assessed(changes, base).risks.map((r) => r.rule);

  it.each([
    ['retry stacking when applications retry', { 'traffic.retries': 'per-team' }, 'retry-stacking', /27/],
    ['the latency budget', { 'traffic.latency_budget_ms': 60, 'services.call_depth': 4 }, 'latency-budget-tight', /15 ms a hop/],
    ['fleet-wide blast radius without rehearsed rollback', { 'governance.rehearsed_rollback': false }, 'fleet-wide-blast-radius', /whole fleet/],
    ['strict mTLS before permissive', { security: { mandate: 'required', mtls_today: 'partial' } }, 'strict-mtls-too-early', /permissive/i],
    ['telemetry cardinality', { 'services.count': 120 }, 'telemetry-cardinality', /120 services/],
    ['sidecar resource starvation', { 'kubernetes.pods': 900 }, 'sidecar-resource-starvation', /900 pods/],
    ['version skew', { 'kubernetes.clusters': 4 }, 'version-skew', /4\s+clusters/],
  ])('%s', (_name, changes, rule, text) => {
    const a = assessed(changes, neutral());
    const risk = a.risks.find((r) => r.rule === rule);
    expect(risk).toBeDefined();
    expect(`${risk!.message} ${risk!.mitigation}`).toMatch(text);
    expect(risk!.mitigation).not.toBeNull();
    expect(risks({})).not.toContain(rule);
  });

});

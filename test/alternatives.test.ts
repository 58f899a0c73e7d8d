import { describe, expect, it } from 'vitest';
import { NO_INCIDENTS, acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText, citesASource } from './helpers.js';

const ids = (changes: Record<string, unknown>, base = neutral()) => assessText(yamlOf(variant(base, changes))).alternatives.map((a) => a.id);

/**
 * Seed 002 §4, "when not to use a service mesh": every situation in the table, as answers, and
 * the better first move the tool must name for it.
 */
const SEED_002_S4: [situation: string, answers: Record<string, unknown>, firstMove: string][] = [
  ['only north-south routing', { 'traffic.north_south_only': true }, 'gateway-at-the-edge'],
  ['only namespace isolation', { 'kubernetes.network_policy': 'none' }, 'network-policy'],
  ['only app metrics', { 'observability.metrics': 'per-team' }, 'opentelemetry'],
  ['five services and one language', { 'services.count': 5, 'services.languages': ['go'] }, 'shared-libraries-and-gateway'],
  ['the team cannot operate Kubernetes basics yet', { kubernetes: { in_use: true, maturity: 'basic' } }, 'platform-maturity-first'],
  ['the latency budget is extremely tight', { 'traffic.latency_budget_ms': 20, 'services.call_depth': 4 }, 'measure-latency-first'],
  ['the ownership model is unclear', { 'platform_team.owns_on_call': false }, 'ownership-first'],
  ['a mesh is expected to fix bad service design', { 'traffic.retries': 'none' }, 'resilience-library'],
];

describe('seed 002 §4: each situation gets its better first move', () => {
  it.each(SEED_002_S4)('%s', (_situation, answers, firstMove) => {
    expect(ids(answers)).toContain(firstMove);
    expect(ids({})).not.toContain(firstMove);
  });
});

describe('the alternatives catalogue', () => {
  it('seed 004: a handful of services gets NetworkPolicy plus application TLS and tracing', () => {
    const handful = assessText(yamlOf(variant(neutral(), { 'services.count': 4 }))).alternatives.find((a) => a.id === 'handful-of-services');
    expect(handful?.tool).toMatch(/NetworkPolicy.*TLS.*tracing/);
    expect(ids({ 'services.count': 11 })).not.toContain('handful-of-services');
  });

  it('a handful ends where the handful gate ends: 9 services are one for both, 10 for neither', () => {
    for (const [count, handful] of [[9, true], [10, false]] as const) {
      const a = assessText(yamlOf(variant(neutral(), { 'services.count': count })));
      expect(a.gates.includes('handful-of-services'), `gate at ${count}`).toBe(handful);
      expect(a.alternatives.some((x) => x.id === 'handful-of-services'), `alternative at ${count}`).toBe(handful);
    }
  });

  it('always keeps library-and-gateway on the table, whatever the verdict (seed 000 §10)', () => {
    for (const base of [neutral(), acme()]) expect(ids({}, base)).toContain('library-and-gateway');
  });

  it('names the real top incident source when the pain is elsewhere', () => {
    const a = assessText(yamlOf(variant(neutral(), { 'incidents.causes': { ...NO_INCIDENTS, service_communication: 1, database: 9, application: 3 } })));
    const fix = a.alternatives.find((x) => x.id === 'fix-the-top-incident-source');
    expect(fix?.tool).toContain('database');
    expect(fix?.why).toContain('8%');
  });

  it('gives every alternative a tool, a reason, a limit, its evidence and a source', () => {
    const text = yamlOf(acme());
    const lines = text.split('\n');
    const canaryLine = lines.findIndex((l) => l.trim().startsWith('canary:')) + 1;
    const canaryCol = lines[canaryLine - 1]!.indexOf('canary:') + 'canary: '.length + 1;
    const a = assessText(text);
    for (const alt of a.alternatives) {
      expect(alt.tool.length).toBeGreaterThan(10);
      expect(alt.why).not.toMatch(/[{}]|not answered/);
      expect(alt.enough_until.length).toBeGreaterThan(10);
      expect(alt.source).toMatch(citesASource());
    }
    expect(a.alternatives.find((x) => x.id === 'canary-at-the-gateway')?.evidence).toEqual([{ path: 'traffic.canary', value: 'required', line: canaryLine, col: canaryCol }]);
  });

  it('for an alternative verdict, covers each need the organisation states', () => {
    const a = assessText(yamlOf(variant(neutral(), {
      'services.count': 8,
      'services.languages': ['go'],
      'security.mandate': 'nice-to-have',
      'traffic.canary': 'wanted',
      'observability.tracing': 'none',
      'traffic.retries': 'per-team',
    })));
    expect(a.verdict).toBe('alternative');
    expect(a.alternatives.map((x) => x.id)).toEqual(expect.arrayContaining(['platform-certificates', 'canary-at-the-gateway', 'opentelemetry', 'resilience-library', 'shared-libraries-and-gateway']));
  });
});

/**
 * Seed 001's red flags, each applied to an organisation that would otherwise adopt: none of them
 * may leave the verdict at adopt, and each must be named by the rule that encodes it.
 */
const SEED_001_RED_FLAGS: [flag: string, answers: Record<string, unknown>, rule: string][] = [
  ['small number of services (< 10)', { 'services.count': 8, 'services.languages': ['go', 'java'], 'security.mandate': 'nice-to-have' }, 'too-few-services'],
  ['team new to Kubernetes', { 'kubernetes.maturity': 'basic' }, 'kubernetes-not-mature'],
  ['limited operational capacity', { platform_team: { exists: true, engineers: 1, owns_on_call: false, funded: false } }, 'platform-team-too-small'],
  ['not actually using the features', { security: { mandate: 'none' }, traffic: { canary: 'none', header_routing: false, deploys_per_week: 2, retries: 'shared-library' }, observability: { metrics: 'uniform', tracing: 'uniform', service_graph: true }, incidents: undefined }, 'static-routing'],
];

describe("seed 001's red flags turn an adopt into something else", () => {
  it.each(SEED_001_RED_FLAGS)('%s', (_flag, answers, rule) => {
    expect(assessText(yamlOf(acme())).verdict).toBe('adopt');
    const a = assessText(yamlOf(variant(acme(), answers)));
    expect(a.verdict).not.toBe('adopt');
    expect(a.reasons.map((r) => r.rule)).toContain(rule);
  });
});

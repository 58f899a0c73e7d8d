import { describe, expect, it } from 'vitest';
import { NO_INCIDENTS, neutral, variant, yamlOf } from './fixtures.js';
import { assessText } from './helpers.js';

/**
 * Seed 000 §5, the go / no-go signals table, row by row. Each side of a row is a change to a
 * neutral questionnaire, the rules it must fire, and which way it must move the assessment.
 */
const TABLE: { row: string; adopt: Record<string, unknown>; adoptRules: string[]; defer: Record<string, unknown>; deferRules: string[] }[] = [
  {
    row: 'fleet size and languages',
    adopt: { 'services.count': 60, 'services.languages': ['go', 'java', 'python', 'rust'] },
    adoptRules: ['fleet-scale-polyglot'],
    defer: { 'services.count': 15, 'services.languages': ['go', 'java'], 'security.mandate': 'none' },
    deferRules: ['too-few-services', 'small-fleet-no-mandate'],
  },
  {
    row: 'who owns cross-cutting concerns',
    adopt: { platform_team: { exists: true, funded: true, owns_on_call: true } },
    adoptRules: ['funded-platform-team', 'platform-owns-on-call'],
    defer: { platform_team: { exists: false } },
    deferRules: ['no-platform-team'],
  },
  {
    row: 'security forcing function',
    adopt: { 'security.mandate': 'required' },
    adoptRules: ['compliance-mandate'],
    defer: { 'security.mandate': 'nice-to-have' },
    deferRules: ['no-compliance-forcing-function'],
  },
  {
    row: 'traffic shifting',
    adopt: { traffic: { canary: 'wanted', deploys_per_week: 30, fault_injection: true } },
    adoptRules: ['frequent-traffic-shifting'],
    defer: { traffic: { deploys_per_week: 2, canary: 'none', header_routing: false } },
    deferRules: ['static-routing'],
  },
  {
    row: 'observability',
    adopt: { observability: { metrics: 'per-team', tracing: 'partial', service_graph: false } },
    adoptRules: ['observability-gaps'],
    defer: { observability: { metrics: 'shared-library', tracing: 'uniform', service_graph: true } },
    deferRules: ['observability-solved'],
  },
  {
    row: 'leadership appetite',
    adopt: { 'leadership.accepts_standing_cost': true },
    adoptRules: ['leadership-accepts-standing-cost'],
    defer: { 'leadership.accepts_standing_cost': false },
    deferRules: ['no-appetite-for-standing-cost'],
  },
];

const total = (a: ReturnType<typeof assessText>) => a.scores.need + a.scores.readiness;
const fired = (a: ReturnType<typeof assessText>) => a.reasons.map((r) => r.rule);

describe('seed 000 §5 signals table', () => {
  const base = assessText(yamlOf(neutral()));

  it.each(TABLE)('adopt column, $row: fires $adoptRules and raises need or readiness', ({ adopt, adoptRules }) => {
    const a = assessText(yamlOf(variant(neutral(), adopt)));
    for (const rule of adoptRules) expect(fired(a)).toContain(rule);
    expect(total(a)).toBeGreaterThan(total(base));
  });

  it.each(TABLE)('defer column, $row: fires $deferRules and lowers a score or blocks adopt', ({ defer, deferRules }) => {
    const a = assessText(yamlOf(variant(neutral(), defer)));
    for (const rule of deferRules) expect(fired(a)).toContain(rule);
    const gated = a.reasons.some((r) => r.effect.kind === 'gate');
    expect(gated || total(a) < total(base)).toBe(true);
  });
});

describe('seed 000 §5 org-premature conditions', () => {
  const CONDITIONS: [string, Record<string, unknown>, string][] = [
    ['too few services', { 'services.count': 9 }, 'too-few-services'],
    ['no platform team', { platform_team: { exists: false } }, 'no-platform-team'],
    ['the pain is elsewhere', { 'incidents.causes': { ...NO_INCIDENTS, database: 7, deploy_pipeline: 3, ownership: 2, service_communication: 1 } }, 'pain-elsewhere'],
    ['monolith', { 'services.architecture': 'modular-monolith' }, 'monolith-estate'],
    ['single-language shop', { 'services.languages': ['java'] }, 'single-language'],
    ['no compliance forcing function', { 'security.mandate': 'none' }, 'no-compliance-forcing-function'],
  ];

  it.each(CONDITIONS)('%s counts against a mesh', (_name, changes, rule) => {
    const a = assessText(yamlOf(variant(neutral(), changes)));
    const reason = a.reasons.find((r) => r.rule === rule);
    expect(reason).toBeDefined();
    expect(reason!.effect.kind === 'gate' || (reason!.effect.kind === 'score' && reason!.effect.points < 0)).toBe(true);
  });
});

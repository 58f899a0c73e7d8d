import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from './helpers.js';

type Data = Record<string, unknown>;

/** The spec's full example: every field answered, verdict adopt. */
export const acme = (): Data => parse(readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8')) as Data;

/** Only the required fields, chosen so that no rule fires and neither score is clamped. */
export const neutral = (): Data => ({
  version: 1,
  org: { name: 'Neutral Co' },
  services: { count: 30, languages: ['go', 'java', 'python'] },
  platform_team: { exists: true },
});

/** A copy of `data` with dotted paths set; undefined deletes the key. */
export function variant(data: Data, changes: Record<string, unknown>): Data {
  const copy = structuredClone(data);
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    let node = copy;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Data;
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete node[last];
    else node[last] = value;
  }
  return copy;
}

export const yamlOf = (data: Data): string => stringify(data);

/**
 * One fixture per rule: the base it starts from and the answers that make the rule fire there.
 * Scoring rules start from `neutral`, gates and risks from `acme`, so removing the rule visibly
 * changes the scores, the verdict or the risks named.
 */
export const RULE_FIXTURES: Record<string, { base: 'neutral' | 'acme'; changes: Record<string, unknown> }> = {
  'too-few-services': { base: 'neutral', changes: { 'services.count': 12 } },
  'pain-elsewhere': { base: 'neutral', changes: { 'incidents.causes': { service_communication: 1, database: 8, application: 4 } } },
  'monolith-estate': { base: 'neutral', changes: { 'services.architecture': 'monolith' } },
  'few-languages': { base: 'neutral', changes: { 'services.languages': ['go'] } },
  'no-compliance-forcing-function': { base: 'neutral', changes: { 'security.mandate': 'none' } },
  'fleet-scale-polyglot': { base: 'neutral', changes: { 'services.count': 80 } },
  'funded-platform-team': { base: 'neutral', changes: { 'platform_team.funded': true } },
  'platform-owns-on-call': { base: 'neutral', changes: { 'platform_team.owns_on_call': true } },
  'platform-without-on-call': { base: 'neutral', changes: { 'platform_team.owns_on_call': false } },
  'platform-unfunded': { base: 'neutral', changes: { 'platform_team.funded': false } },
  'compliance-mandate': { base: 'neutral', changes: { 'security.mandate': 'required' } },
  'compliance-mandate-planned': { base: 'neutral', changes: { 'security.mandate': 'planned' } },
  'frequent-traffic-shifting': { base: 'neutral', changes: { 'traffic.canary': 'required' } },
  'static-routing': { base: 'neutral', changes: { traffic: { deploys_per_week: 1, canary: 'none', header_routing: false } } },
  'observability-gaps': { base: 'neutral', changes: { 'observability.metrics': 'per-team' } },
  'observability-solved': { base: 'neutral', changes: { observability: { metrics: 'uniform', tracing: 'uniform' } } },
  'leadership-accepts-standing-cost': { base: 'neutral', changes: { 'leadership.accepts_standing_cost': true } },
  'mesh-addressable-pain': { base: 'neutral', changes: { 'incidents.causes': { service_communication: 6, certificates: 2, database: 1 } } },
  'kubernetes-operational': { base: 'neutral', changes: { kubernetes: { in_use: true, maturity: 'operational' } } },
  'no-platform-team': { base: 'acme', changes: { platform_team: { exists: false } } },
  'no-appetite-for-standing-cost': { base: 'acme', changes: { 'leadership.accepts_standing_cost': false } },
  'kubernetes-not-mature': { base: 'acme', changes: { 'kubernetes.maturity': 'basic' } },
  'small-fleet-no-mandate': { base: 'acme', changes: { 'services.count': 12, 'services.languages': ['go'], 'security.mandate': 'none' } },
  'edge-routing-only': { base: 'acme', changes: { 'traffic.north_south_only': true } },
  'latency-budget-tight': { base: 'acme', changes: { 'traffic.latency_budget_ms': 40 } },
};

export const fixture = (rule: string): Data => {
  const f = RULE_FIXTURES[rule]!;
  return variant(f.base === 'acme' ? acme() : neutral(), f.changes);
};

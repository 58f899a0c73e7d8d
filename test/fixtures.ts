import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT } from './assessing.js';

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

/** Every incident cause answered, none recorded: a cause left out is unknown, not zero. */
export const NO_INCIDENTS = { service_communication: 0, certificates: 0, release_traffic: 0, database: 0, deploy_pipeline: 0, ownership: 0, capacity: 0, application: 0, other: 0 };

/** `neutral` with no platform team, for the rule that a platform team's existence fires. */
const ownerless = (): Data => variant(neutral(), { 'platform_team.exists': false });

const BASES = { neutral, acme, ownerless };
type Base = keyof typeof BASES;
export const baseOf = (rule: string): Data => BASES[RULE_FIXTURES[rule]!.base]();

/**
 * One fixture per rule: the base it starts from and the answers that make the rule fire there.
 * Scoring rules and most risks start from `neutral`, gates from `acme` (where a gate changes the
 * verdict), so removing the rule visibly changes the scores, the verdict or the risks named.
 */
export const RULE_FIXTURES: Record<string, { base: Base; changes: Record<string, unknown> }> = {
  'too-few-services': { base: 'neutral', changes: { 'services.count': 12 } },
  'pain-elsewhere': { base: 'neutral', changes: { 'incidents.causes': { ...NO_INCIDENTS, service_communication: 1, database: 8, application: 4 } } },
  'monolith-estate': { base: 'neutral', changes: { 'services.architecture': 'monolith' } },
  'handful-of-services': { base: 'acme', changes: { 'services.count': 8 } },
  'single-language': { base: 'acme', changes: { 'services.languages': ['go'], 'security.mandate': 'planned' } },
  'single-language-under-mandate': { base: 'acme', changes: { 'services.languages': ['go'] } },
  'single-language-unmandated': { base: 'acme', changes: { 'services.languages': ['go'], 'security.mandate': 'planned' } },
  'single-language-trade-off': { base: 'acme', changes: { 'services.languages': ['go'] } },
  'platform-team-in-place': { base: 'ownerless', changes: { 'platform_team.exists': true } },
  'config-applied-at-once': { base: 'acme', changes: { 'governance.staged_config_rollout': false } },
  'rollback-untested': { base: 'acme', changes: { 'governance.rehearsed_rollback': false } },
  'latency-unmeasured': { base: 'acme', changes: { 'traffic.latency_budget_ms': 40 } },
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
  'mesh-addressable-pain': { base: 'neutral', changes: { 'incidents.causes': { ...NO_INCIDENTS, service_communication: 6, certificates: 2, database: 1 } } },
  'kubernetes-operational': { base: 'neutral', changes: { kubernetes: { in_use: true, maturity: 'operational' } } },
  'fleet-growing': { base: 'neutral', changes: { 'services.expected_count_12m': 60 } },
  'mtls-already-everywhere': { base: 'neutral', changes: { 'security.mtls_today': 'everywhere' } },
  'mtls-gap-under-mandate': { base: 'neutral', changes: { security: { mandate: 'planned', mtls_today: 'none' } } },
  'regulated-frameworks': { base: 'neutral', changes: { 'security.frameworks': ['soc2', 'HIPAA'] } },
  'authz-per-service': { base: 'neutral', changes: { 'security.service_authz': 'per-service' } },
  'request-aware-routing': { base: 'neutral', changes: { 'traffic.header_routing': true } },
  'frequent-deploys': { base: 'neutral', changes: { 'traffic.deploys_per_week': 30 } },
  'retries-per-team': { base: 'neutral', changes: { 'traffic.retries': 'per-team' } },
  'retries-shared-library': { base: 'neutral', changes: { 'traffic.retries': 'shared-library' } },
  'non-http-protocols': { base: 'neutral', changes: { 'services.protocols': ['tcp', 'messaging'] } },
  'platform-team-too-small': { base: 'neutral', changes: { 'platform_team.engineers': 2 } },
  'platform-team-staffed': { base: 'neutral', changes: { 'platform_team.engineers': 5 } },
  'platform-publishes-slos': { base: 'neutral', changes: { 'platform_team.publishes_slos': true } },
  'platform-without-slos': { base: 'neutral', changes: { 'platform_team.publishes_slos': false } },
  'mesh-experience': { base: 'neutral', changes: { 'platform_team.mesh_experience': 'some' } },
  'no-mesh-experience': { base: 'neutral', changes: { 'platform_team.mesh_experience': 'none' } },
  'kubernetes-advanced': { base: 'neutral', changes: { kubernetes: { in_use: true, maturity: 'advanced' } } },
  'network-policy-default-deny': { base: 'neutral', changes: { 'kubernetes.network_policy': 'default-deny' } },
  'no-network-policy': { base: 'neutral', changes: { 'kubernetes.network_policy': 'none' } },
  'config-as-code': { base: 'neutral', changes: { 'governance.config_as_code': true } },
  'config-by-hand': { base: 'neutral', changes: { 'governance.config_as_code': false } },
  'staged-config-rollout': { base: 'neutral', changes: { 'governance.staged_config_rollout': true } },
  'rehearsed-rollback': { base: 'neutral', changes: { 'governance.rehearsed_rollback': true } },
  'config-ownership-scoped': { base: 'neutral', changes: { 'governance.scoped_config_ownership': true } },
  'config-ownership-unscoped': { base: 'acme', changes: { 'governance.scoped_config_ownership': false } },
  'kill-switch-validated': { base: 'neutral', changes: { 'governance.validated_kill_switch': true } },
  'no-kill-switch': { base: 'acme', changes: { 'governance.validated_kill_switch': false } },
  'no-runbooks': { base: 'neutral', changes: { 'governance.runbooks': false } },
  'platform-budget-named': { base: 'neutral', changes: { 'leadership.annual_budget_usd': 300000 } },
  'workloads-outside-kubernetes': { base: 'neutral', changes: { 'kubernetes.non_kubernetes_workloads': true } },
  'retry-stacking': { base: 'neutral', changes: { 'traffic.retries': 'shared-library' } },
  'existing-app-mesh-unsupported': { base: 'neutral', changes: { 'existing.mesh': 'aws-app-mesh' } },
  'existing-osm-archived': { base: 'neutral', changes: { 'existing.mesh': 'open-service-mesh' } },
  'fleet-wide-blast-radius': { base: 'neutral', changes: { 'governance.staged_config_rollout': false } },
  'strict-mtls-too-early': { base: 'neutral', changes: { security: { mandate: 'required', mtls_today: 'none' } } },
  'telemetry-cardinality': { base: 'neutral', changes: { 'services.count': 60 } },
  'sidecar-resource-starvation': { base: 'neutral', changes: { 'kubernetes.pods': 400 } },
  'version-skew': { base: 'neutral', changes: { 'kubernetes.clusters': 3 } },
  'non-http-policy-gap': { base: 'neutral', changes: { 'services.protocols': ['http', 'tcp'] } },
  'no-platform-team': { base: 'acme', changes: { platform_team: { exists: false } } },
  'no-appetite-for-standing-cost': { base: 'acme', changes: { 'leadership.accepts_standing_cost': false } },
  'kubernetes-not-mature': { base: 'acme', changes: { 'kubernetes.maturity': 'basic' } },
  'small-fleet-no-mandate': { base: 'acme', changes: { 'services.count': 12, 'services.languages': ['go'], 'security.mandate': 'none' } },
  'edge-routing-only': { base: 'acme', changes: { 'traffic.north_south_only': true } },
  'latency-budget-tight': { base: 'acme', changes: { 'traffic.latency_budget_ms': 60 } },
};

export const fixture = (rule: string): Data => variant(baseOf(rule), RULE_FIXTURES[rule]!.changes);

/**
 * The built-in rules' tests in the format of mesh-assess test, made from the fixtures above:
 * each rule fires on its fixture and stays quiet on the fixture's base. rubrics/builtin.test.yaml
 * holds this text; a test keeps the two the same.
 */
export function builtinTestsYaml(): string {
  const flow = (v: unknown) => stringify(v, { flow: true, lineWidth: 0 }).trim();
  const source = (base: Base) => (base === 'acme' ? ['    file: ../examples/acme-payments.yaml'] : [`    questionnaire: ${flow(BASES[base]())}`]);
  // A change that sets a whole mapping (a section, or incident counts) is no answer --set can give:
  // that fixture is written out whole.
  const settable = (f: (typeof RULE_FIXTURES)[string]) => Object.values(f.changes).every((v) => v === null || typeof v !== 'object' || Array.isArray(v));
  const tests = Object.entries(RULE_FIXTURES).flatMap(([id, f]) => [
    `  - name: ${id} fires on its fixture`,
    ...(settable(f) ? [...source(f.base), `    set: ${flow(f.changes)}`] : [`    questionnaire: ${flow(fixture(id))}`]),
    `    expect: { fires: [${id}] }`,
    `  - name: ${id} stays quiet on the fixture's base`,
    ...source(f.base),
    `    expect: { not_fires: [${id}] }`,
  ]);
  return [
    "# The built-in rules' tests: mesh-assess test rubrics (npm test runs it). Each rule fires on its",
    "# fixture and stays quiet on the fixture's base, so every rule is covered. Made from",
    '# test/fixtures.ts by builtinTestsYaml(); a test keeps the two the same.',
    'tests:',
    ...tests,
    '',
  ].join('\n');
}

/**
 * product.md, "Hard rules stay hard": each condition, answered on an otherwise strong profile
 * (the acme example, adopt with high confidence), keeps the verdict from adopt.
 */
export const HARD: [rule: string, changes: Record<string, unknown>, verdict: 'defer' | 'alternative'][] = [
  ['handful-of-services', { 'services.count': 8 }, 'alternative'],
  ['small-fleet-no-mandate', { 'services.count': 15, 'services.languages': ['go', 'java'], 'security.mandate': 'none' }, 'alternative'],
  ['no-platform-team', { 'platform_team.exists': false }, 'defer'],
  ['platform-unfunded', { 'platform_team.funded': false }, 'defer'],
  ['platform-without-on-call', { 'platform_team.owns_on_call': false }, 'defer'],
  ['pain-elsewhere', { 'incidents.causes': { ...NO_INCIDENTS, service_communication: 1, database: 9, deploy_pipeline: 4, ownership: 3 } }, 'defer'],
  ['monolith-estate', { 'services.architecture': 'monolith' }, 'defer'],
  ['single-language-unmandated', { 'services.languages': ['java'], 'security.mandate': 'planned' }, 'defer'],
  ['config-by-hand', { 'governance.config_as_code': false }, 'defer'],
  ['config-applied-at-once', { 'governance.staged_config_rollout': false }, 'defer'],
  ['rollback-untested', { 'governance.rehearsed_rollback': false }, 'defer'],
  ['no-runbooks', { 'governance.runbooks': false }, 'defer'],
  ['config-ownership-unscoped', { 'governance.scoped_config_ownership': false }, 'defer'],
  ['no-kill-switch', { 'governance.validated_kill_switch': false }, 'defer'],
  ['latency-unmeasured', { 'traffic.latency_budget_ms': 20, 'services.call_depth': 10 }, 'defer'],
  ['no-appetite-for-standing-cost', { 'leadership.accepts_standing_cost': false }, 'defer'],
  ['kubernetes-not-mature', { 'kubernetes.maturity': 'basic' }, 'defer'],
  ['edge-routing-only', { 'traffic.north_south_only': true }, 'alternative'],
];

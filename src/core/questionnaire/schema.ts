import * as z from 'zod';
import { once } from '../lazy/once.js';

/**
 * Bounds that no real organisation reaches, so that no count or price can overflow the cost
 * model into Infinity (and every integer accepted is exact, far below 2^53).
 */
export const MAX_COUNT = 10_000_000;
export const MAX_USD = 1_000_000_000_000;

/** A date as YYYY-MM-DD that exists on the calendar (no month 13, no 31 April, no year 0). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return y >= 1900 && days !== undefined && d >= 1 && d <= days;
}

export const ARCHITECTURES = ['monolith', 'modular-monolith', 'mixed', 'microservices'] as const;
export const PROTOCOLS = ['http', 'grpc', 'tcp', 'messaging', 'other'] as const;
export const MATURITY = ['none', 'basic', 'operational', 'advanced'] as const;
/** The mesh that runs today; aws-app-mesh and open-service-mesh were added in 1.1, so that an organisation on either hears it must move. */
export const MESHES = ['none', 'istio', 'linkerd', 'consul', 'kuma', 'cilium', 'aws-app-mesh', 'open-service-mesh', 'other'] as const;
/** Where the clusters run, which decides which provider-managed meshes exist (added in 1.1). */
export const PROVIDERS = ['eks', 'gke', 'aks', 'openshift', 'on-prem', 'other'] as const;

/** Incident causes a mesh can prevent; the rest it does not touch. */
export const MESH_ADDRESSABLE_CAUSES = ['service_communication', 'certificates', 'release_traffic'] as const;
export const OTHER_CAUSES = ['database', 'deploy_pipeline', 'ownership', 'capacity', 'application', 'other'] as const;

/**
 * The questionnaire, format version 1 (shared spec: questionnaire.md), as a zod schema.
 * Every object is strict: an unknown key is an error, never silently dropped.
 * Each field's description is the question the report asks when the answer is missing.
 * Built by questionnaireSchemas.
 */
function build() {
  const ask = <T extends z.ZodType>(schema: T, question: string) =>
    schema.optional().meta({ description: question });

  const count = (question: string) => ask(z.int().min(0).max(MAX_COUNT), question);
  const money = (question: string) => ask(z.number().min(0).max(MAX_USD), question);
  const flag = (question: string) => ask(z.boolean(), question);
  const oneOf = <const T extends readonly [string, ...string[]]>(values: T, question: string) =>
    ask(z.enum(values), question);

  /** A date answer; fields.ts words its expectation from this very schema. */
  const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine(isCalendarDate);

  const causes = z.strictObject({
    service_communication: count('How many incidents were timeouts, retry storms or cascading failures between services?'),
    certificates: count('How many incidents were expired or mis-issued certificates or TLS handshake failures?'),
    release_traffic: count('How many incidents were bad releases that a canary or traffic shift would have contained?'),
    database: count('How many incidents were caused by databases?'),
    deploy_pipeline: count('How many incidents were caused by the deploy pipeline?'),
    ownership: count('How many incidents happened because nobody clearly owned the failing part?'),
    capacity: count('How many incidents were capacity problems?'),
    application: count('How many incidents were bugs in business logic?'),
    other: count('How many incidents had another cause?'),
  });

  const questionnaire = z.strictObject({
    version: z.literal(1).meta({ description: 'Which format version is this file written in? (1)' }),
    org: z.strictObject({
      name: z.string().min(1).meta({ description: 'What is the organisation called?' }),
      employees: count('How many people does the organisation employ (some mesh licences are priced by company size)?'),
      assessed_on: ask(calendarDate, 'On what date (YYYY-MM-DD) were these answers given?'),
      contact: ask(z.string(), 'Who should be contacted about this assessment?'),
    }).meta({ description: 'Which organisation is assessed (org.name is required)?' }),
    services: z.strictObject({
      count: z.int().min(0).max(MAX_COUNT).meta({ description: 'How many deployable services call each other?' }),
      expected_count_12m: count('How many services do you expect in twelve months?'),
      languages: z.array(z.string().min(1)).min(1).meta({ description: 'In which languages is service code written?' }),
      architecture: oneOf(ARCHITECTURES, 'Is the estate a monolith, a modular monolith, mixed, or microservices?'),
      protocols: ask(z.array(z.enum(PROTOCOLS)), 'Which protocols do services speak to each other (http, grpc, tcp, messaging, other)?'),
      call_depth: count('How many synchronous hops does a typical user request make?'),
    }).meta({ description: 'How many services are there, and in which languages (services.count and services.languages are required)?' }),
    kubernetes: ask(
      z.strictObject({
        in_use: flag('Do services run on Kubernetes?'),
        clusters: count('How many Kubernetes clusters run services?'),
        pods: count('How many pods run across all clusters?'),
        nodes: count('How many nodes run across all clusters?'),
        maturity: oneOf(MATURITY, 'Can teams debug Services, DNS, readiness and NetworkPolicy themselves (none, basic, operational, advanced)?'),
        network_policy: oneOf(['none', 'some', 'default-deny'], 'Is NetworkPolicy absent, used in places, or default-deny?'),
        cni: ask(z.string(), 'Which CNI plugin do the clusters use?'),
        hosting: oneOf(['managed', 'self-managed'], 'Are the clusters managed by a provider or self-managed?'),
        provider: oneOf(PROVIDERS, 'Where do the clusters run (eks, gke, aks, openshift, on-prem, other)?'),
        non_kubernetes_workloads: flag('Would VMs or bare-metal workloads have to join the mesh?'),
      }),
      'Do services run on Kubernetes, and how mature is its use?',
    ),
    platform_team: z.strictObject({
      exists: z.boolean().meta({ description: 'Is there a team whose job is the shared platform?' }),
      engineers: count('How many full-time engineers does the platform team have?'),
      owns_on_call: flag('Does the platform team carry a pager for the platform?'),
      funded: flag('Does the platform team have a standing budget line, not a side project?'),
      publishes_slos: flag('Does the platform team publish SLOs for what it runs?'),
      mesh_experience: oneOf(['none', 'some', 'deep'], 'How much hands-on mesh experience does the platform team have (none, some, deep)?'),
    }).meta({ description: 'Is there a platform team (platform_team.exists is required)?' }),
    security: ask(
      z.strictObject({
        mandate: oneOf(['none', 'nice-to-have', 'planned', 'required'], 'Is fleet-wide encryption in transit or zero-trust mandated (none, nice-to-have, planned, required)?'),
        frameworks: ask(z.array(z.string().min(1)), 'Which compliance frameworks apply (pci-dss, hipaa, soc2, ...)?'),
        mtls_today: oneOf(['none', 'partial', 'library', 'everywhere'], 'How much service-to-service traffic uses mutual TLS today?'),
        service_authz: oneOf(['none', 'per-service', 'central'], 'How is service-to-service authorization done today?'),
      }),
      'Is there a security or compliance mandate for encryption in transit?',
    ),
    traffic: ask(
      z.strictObject({
        deploys_per_week: count('How many production deploys happen in a typical week?'),
        canary: oneOf(['none', 'wanted', 'required'], 'Do releases need percentage traffic shifting between versions (none, wanted, required)?'),
        header_routing: flag('Do you need to route by header, path or user?'),
        fault_injection: flag('Do you need to inject faults between services?'),
        // Added in 1.1: the one traffic feature of seed 002 §9 that tells the meshes apart and had no question.
        mirroring: flag('Do you need to copy live requests to another version (mirroring) before it takes traffic?'),
        retries: oneOf(['none', 'per-team', 'shared-library'], 'How are retries and timeouts done today (none, per-team, shared-library)?'),
        north_south_only: flag('Is the only routing need at the edge (ingress)?'),
        latency_budget_ms: count('What is the p99 latency budget of a user request, end to end, in milliseconds?'),
        overhead_benchmarked: flag('Has a before/after benchmark on representative traffic shown that the proxies\' added latency fits the budget?'),
      }),
      'What traffic control do releases and services need?',
    ),
    observability: ask(
      z.strictObject({
        metrics: oneOf(['none', 'per-team', 'shared-library', 'uniform'], 'How are service metrics produced today (none, per-team, shared-library, uniform)?'),
        tracing: oneOf(['none', 'partial', 'uniform'], 'How much of the fleet emits distributed traces (none, partial, uniform)?'),
        service_graph: flag('Can you see today which service calls which?'),
      }),
      'How observable is service-to-service traffic today?',
    ),
    incidents: ask(
      z.strictObject({
        period_months: count('Over how many months were incidents counted?'),
        causes: ask(causes, 'How many incidents of each cause happened in the period?'),
      }),
      'What caused the incidents of the last year?',
    ),
    leadership: ask(
      z.strictObject({
        accepts_standing_cost: flag('Will leadership accept a permanent platform cost in people and compute?'),
        annual_budget_usd: money('What annual budget (USD) could a mesh programme have?'),
      }),
      'Will leadership carry a standing platform cost?',
    ),
    governance: ask(
      z.strictObject({
        config_as_code: flag('Is network and cluster configuration reviewed in git?'),
        staged_config_rollout: flag('Are configuration changes canaried rather than applied fleet-wide at once?'),
        rehearsed_rollback: flag('Has the platform team rehearsed rolling back platform changes?'),
        runbooks: flag('Do runbooks exist for platform failures?'),
        // Added in 1.1: seed 000 §9's other two non-negotiable controls, and the two answers the
        // readiness checklist's ownership and upgrade-plan items stand on (seed 002 §18, §24).
        scoped_config_ownership: flag('Is it written down that fleet-wide traffic and security policy belongs to the platform team, and each service\'s own settings (timeouts, canary weights) to its team within reviewed guardrails?'),
        validated_kill_switch: flag('Can the platform team switch a misbehaving fleet-wide traffic layer off, or let it fail open, with a kill switch proven in a drill?'),
        upgrade_strategy: flag('Is there a written strategy for upgrading the control plane and the proxies (order, supported version skew, how to go back)?'),
        responsibilities_matrix: flag('Is it written down what the platform, application and security teams are each responsible for (a responsibilities matrix such as RACI)?'),
      }),
      'How are platform configuration changes governed?',
    ),
    existing: ask(
      z.strictObject({
        mesh: oneOf(MESHES, 'Which mesh, if any, runs today?'),
        api_gateway: flag('Is there an API gateway?'),
        ingress: oneOf(['none', 'ingress', 'gateway-api'], 'How does traffic enter the clusters (none, ingress, gateway-api)?'),
      }),
      'What traffic infrastructure exists already?',
    ),
    costs: ask(
      z.strictObject({
        vcpu_hour_usd: money('What does one vCPU-hour cost you, in USD?'),
        gib_hour_usd: money('What does one GiB of memory per hour cost you, in USD?'),
        engineer_year_usd: money('What does one engineer cost per year, in USD?'),
      }),
      'Which cost rates should replace the defaults?',
    ),
  });
  return { questionnaire, calendarDate };
}

type Schemas = ReturnType<typeof build>;

/**
 * The questionnaire's zod schema (and the date answer's, which fields.ts words its expectation
 * from), built on first use: building it costs a cold start more than a check of a valid file
 * against its plain-data copy (shape.ts), which is all most runs need.
 */
export const questionnaireSchemas: () => Schemas = once(build);

/** A questionnaire that passed validation. */
export type Questionnaire = z.infer<Schemas['questionnaire']>;

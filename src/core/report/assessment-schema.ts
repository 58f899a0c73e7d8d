import * as z from 'zod';
import type { Assessment } from './assessment.js';
import type { ResolvedConfig, RubricIdentity } from './run.js';
import { FEATURE_STATUSES } from './assessment.js';
import { AXES, GATES, SEVERITIES } from '../rubric/schema.js';

import { ASSESSMENT_SCHEMA_VERSION } from './assessment-version.js';

export { ASSESSMENT_SCHEMA_VERSION };

/** The zod schema of the JSON output; built on first use, by the schema command and the tests. */
export function assessmentSchema() {
  const value = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()).readonly()]).describe('an answer: a string, number, boolean or list of strings');
  const range = z.tuple([z.number(), z.number()]).describe('a range, [low, high]');
  const evidence = z.strictObject({
    path: z.string().describe('the questionnaire field'),
    value,
    line: z.number().int().nullable().describe('where the answer stands; null when it came from --set'),
    col: z.number().int().nullable(),
    discovered: z.array(z.string()).readonly().optional().describe('where a discovered answer came from, as mesh-assess discover wrote it above the answer: "from cluster prod.json: 412 pods in 3 namespaces" (since 1.6.0)'),
  });
  const effect = z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('score'), axis: z.enum(AXES), points: z.number() }),
    z.strictObject({ kind: z.literal('gate'), cap: z.enum(GATES), axis: z.enum(AXES).optional(), points: z.number().optional() }),
    z.strictObject({ kind: z.literal('risk'), severity: z.enum(SEVERITIES).describe('how much the risk matters (since 1.5.0)') }),
    z.strictObject({ kind: z.literal('axis'), axis: z.enum(AXES), score: z.number(), threshold: z.number(), met: z.boolean() }),
  ]);
  const reason = z.strictObject({
    rule: z.string().describe('the rubric rule id; mesh-assess explain RULE tells what it is'),
    title: z.string(),
    message: z.string(),
    effect,
    weight: z.number(),
    evidence: z.array(evidence),
    remedy: z.string().optional(),
    source: z.string().describe('the source the rule comes from, by title and section'),
  });
  const verdict = z.enum(['adopt', 'defer', 'alternative']);
  const meshOption = z.strictObject({
    id: z.string(),
    name: z.string(),
    status: z.enum(['recommended', 'eligible', 'lacks-features', 'unavailable', 'preview', 'end-of-support']),
    operating_weight: z.number(),
    score: z.number().nullable(),
    adjustments: z.array(z.string()),
    missing: z.array(z.string()),
    why_not: z.string(),
    note: z.string(),
  });
  const recommendation = z.strictObject({
    mesh: z.string().nullable().describe('null when no mesh covers the requirements'),
    name: z.string().nullable(),
    mode: z.string().nullable(),
    data_plane: z.enum(['sidecar', 'per-node']).nullable(),
    operating_weight: z.number().nullable(),
    required_features: z.array(z.strictObject({ id: z.string(), title: z.string() })),
    facts: z.array(z.strictObject({ feature: z.string(), status: z.enum(FEATURE_STATUSES), label: z.string().optional(), note: z.string().optional(), source: z.string(), as_of: z.string() })),
    why: z.array(z.string()),
    considered: z.array(meshOption),
    as_of: z.string().describe('the month the mesh facts were last checked, YYYY-MM'),
  });
  const cost = z.strictObject({
    mesh: z.string(),
    compute: z.strictObject({ per: z.enum(['pod', 'node']), count: z.number().nullable(), vcpu: range.nullable(), memory_gib: range.nullable(), usd_per_year: range.nullable() }),
    people: z.strictObject({ fte: range, usd_per_year: range }),
    licence: z.strictObject({
      terms: z.string(),
      charge: z.enum(['none', 'per-unit', 'unpublished']),
      usd_per_year: range.nullable(),
      per: z.literal('cluster').nullable(),
      count: z.number().nullable(),
      free_below_employees: z.number().nullable(),
      note: z.string().nullable(),
      source: z.string(),
      as_of: z.string(),
    }),
    money: z.strictObject({ usd_per_year: range.nullable(), budget_usd: z.number().nullable(), against_budget: z.enum(['within', 'may-exceed', 'exceeds']).nullable(), excludes: z.array(z.literal('licence')) }),
    latency: z.strictObject({
      proxies_per_hop: z.number(),
      per_proxy_ms: range,
      call_depth: z.number().nullable(),
      added_ms: range.nullable().describe('typical added latency over the call depth, not a p99'),
      budget_ms: z.number().nullable(),
      share_of_budget: range.nullable(),
      slo_p99_ms: z.number().nullable().describe("the mesh SLO's bound on added latency at p99 (Service Mesh — Staff §2)"),
      exceeds_slo: z.boolean().nullable().describe("whether added_ms's upper end reaches slo_p99_ms; null while either is unknown"),
    }),
    assumptions: z.array(z.string()),
    basis: z.strictObject({ cpu_millicores: range, memory_mib: range, vcpu_hour_usd: z.number(), gib_hour_usd: z.number(), engineer_year_usd: z.number(), estimated: z.array(z.string()), cited: z.array(z.string()) }),
    to_measure: z.array(z.strictObject({ item: z.string(), measure: z.string(), source: z.string() })),
    missing: z.array(z.string()),
  });
  const waiver = z.strictObject({ rule: z.string(), reason: z.string(), owner: z.string(), expires: z.string(), files: z.array(z.string()).optional() });
  return z
    .strictObject({
      schemaVersion: z.literal(ASSESSMENT_SCHEMA_VERSION).describe('the version of this shape (semver): minor versions only add'),
      config: z
        .strictObject({
          file: z.string().nullable().describe('the configuration file read; null when none was'),
          from_file: z.array(z.string()).describe('the options the configuration file set, since the command line did not'),
          format: z.string(),
          'fail-on': z.array(z.string()),
          extend: z.array(z.string()),
          rubrics: z.string().nullable(),
          detail: z.boolean(),
          'waiver-max-days': z.number().int().describe('how far ahead a waiver may end'),
          waivers: z.array(waiver),
          unused_waivers: z.array(waiver).describe('waivers that accepted no finding of this run'),
          expired_waivers: z.array(waiver).describe('waivers past their last day, whose findings count again'),
        })
        .nullable()
        .describe('the options the run used, the command line merged over the configuration file; paths from the working directory'),
      rubric: z
        .strictObject({
          set: z.string().describe('"built-in", or the directory that replaced the built-in rubric set'),
          replaced: z.boolean(),
          extend: z.array(z.string()).describe('directories whose rules were added to the set'),
          digest: z.string().describe('SHA-256 of every rubric file of the set, names and texts, in hex'),
          thresholds: z.strictObject({ need: z.number(), readiness: z.number() }),
          builtin_thresholds: z.strictObject({ need: z.number(), readiness: z.number() }).nullable().describe("the built-in set's thresholds when the run's differ from them; null when they are the same"),
        })
        .nullable()
        .describe('the rubric set the run used'),
      org: z.string(),
      file: z.string().describe('the questionnaire as named on the command line; <stdin> for standard input'),
      verdict,
      confidence: z.enum(['high', 'medium', 'low']),
      scores: z.strictObject({ need: z.number(), readiness: z.number(), thresholds: z.strictObject({ need: z.number(), readiness: z.number() }) }),
      gates: z.array(z.string()).describe('the ids of the gates that fired'),
      reasons: z.array(reason).describe('in the order that decided the verdict; risks last'),
      unknowns: z.array(z.strictObject({ path: z.string(), question: z.string(), rules: z.array(z.string()), line: z.number().int(), col: z.number().int() })).describe('answers left out that rules wanted, most at stake first'),
      toAdopt: z.array(z.strictObject({ path: z.string(), value, message: z.string(), rule: z.string() })).describe('the answer changes that, all applied, give adopt; empty for adopt'),
      flips: z
        .array(
          z.strictObject({
            changes: z.array(z.strictObject({ path: z.string(), value, was: value.nullable() })),
            verdict,
            kind: z
              .enum(['answer', 'fact'])
              .describe('answer: every change answers an open question or moves a number by at most the plausible margin (a quarter, at least one unit); fact: some change makes a fact of the organisation different (another answer to an answered question, or a number moved further). Answers come first (since 1.5.0)'),
          }),
        )
        .describe('the smallest sets of answer changes that change the verdict, answers before facts; was is null for a question left unanswered'),
      recommendation: recommendation.nullable(),
      alternatives: z.array(z.strictObject({ id: z.string(), need: z.string(), tool: z.string(), why: z.string(), enough_until: z.string(), always: z.boolean(), evidence: z.array(evidence), source: z.string() })),
      cost: cost.nullable(),
      risks: z.array(
        z.strictObject({
          rule: z.string(),
          title: z.string(),
          message: z.string(),
          mitigation: z.string().nullable(),
          severity: z
            .strictObject({ level: z.enum(SEVERITIES), reason: z.string(), source: z.string() })
            .describe('how much the risk matters, from the rubric, why, and where that judgement comes from; --fail-on risk fails on high ones, risk:any on all (since 1.5.0)'),
          evidence: z.array(evidence),
          source: z.string(),
        }),
      ),
      rollout: z.array(
        z.strictObject({
          id: z.string(),
          title: z.string(),
          goal: z.string(),
          use_case: z.strictObject({ id: z.string(), use_case: z.string(), why: z.string() }).optional(),
          exit: z.string(),
          rollback: z.string(),
          blocked_until: z
            .strictObject({ requirement: z.string(), status: z.enum(['met', 'not-met', 'unanswered']), evidence: z.array(evidence), questions: z.array(z.string()).describe('the questions whose answers would settle it, when unanswered') })
            .optional()
            .describe('what must hold before the phase starts, and whether it does here'),
          source: z.string(),
        }),
      ),
      checklist: z.array(
        z.strictObject({
          id: z.string(),
          area: z.string(),
          requirement: z.string(),
          status: z.enum(['met', 'not-met', 'unanswered', 'check-by-hand']),
          evidence: z.array(evidence),
          questions: z.array(z.string()).describe('for an unanswered item, the questions whose answers would settle it; otherwise empty'),
          source: z.string(),
        }),
      ),
      runbook: z.array(z.strictObject({ question: z.string(), why: z.string() })),
      revisit: z.strictObject({ after_months: z.number(), on: z.string().nullable() }).nullable(),
      waivers: z
        .array(z.strictObject({ rule: z.string(), reason: z.string(), owner: z.string(), expires: z.string().describe('YYYY-MM-DD, the last day it applies'), status: z.enum(['active', 'expiring']).describe('expiring: 30 days or fewer left') }))
        .describe('findings accepted on purpose by a waiver of the configuration: still reported, no longer counted by --fail-on; the verdict is unchanged'),
      comparison: z
        .strictObject({
          baseline: z.string().describe('the file the baseline assessment named'),
          verdict: z.strictObject({ was: verdict, now: verdict }),
          need: z.strictObject({ was: z.number(), now: z.number(), delta: z.number() }),
          readiness: z.strictObject({ was: z.number(), now: z.number(), delta: z.number() }),
          appeared: z.array(z.string()).describe('rules that fire now and did not then'),
          went: z.array(z.string()).describe('rules that fired then and do not now'),
          gates_appeared: z.array(z.string()),
          gates_went: z.array(z.string()),
          answered: z.array(z.string()).describe('questions open then and answered since'),
          regression: z.boolean().describe('the verdict moved away from adopt, or readiness fell'),
        })
        .nullable()
        .describe('how the assessment moved since the one given with --baseline; null without one'),
    })
    .describe('One assessment, as mesh-assess --format json prints it; several files named give an array of these.');
}

/** The JSON output as a consumer reads it: the assessment with its schema version first. */
export type VersionedAssessment = { schemaVersion: typeof ASSESSMENT_SCHEMA_VERSION; config: ResolvedConfig | null; rubric: RubricIdentity | null } & Assessment;

// The schema and the type are held to each other both ways: a field added to one and not the
// other fails the build.
type Schema = z.infer<ReturnType<typeof assessmentSchema>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Same<Schema, VersionedAssessment> = true;
void agree;

/** The JSON Schema of the JSON output (draft 7), generated from the zod schema so the two cannot drift. */
export function assessmentJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(assessmentSchema(), { target: 'draft-07' }) as Record<string, unknown>;
  return { $schema, title: `mesh-assess assessment, JSON output version ${ASSESSMENT_SCHEMA_VERSION}`, ...rest };
}

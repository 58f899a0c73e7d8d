import type { Value } from '../questionnaire/derive.js';
import type { Evidence } from '../rubric/reason-text.js';
import type { Axis, Gate, SeverityLevel } from '../rubric/schema.js';

export const VERDICTS = ['adopt', 'defer', 'alternative'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Confidence = 'high' | 'medium' | 'low';

/** A questionnaire answer a reason used, and where it stands (null when it came from --set). */
export type { Evidence };

/**
 * How far a mesh's project supports a feature, in the catalogue's words (meshes.yaml says what
 * each means). Only `ga` satisfies a feature the organisation requires.
 */
export const FEATURE_STATUSES = ['ga', 'beta', 'deprecated', 'enterprise', 'unsupported'] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

/**
 * Which way a reason pushed: points on an axis, a cap on the verdict (with points on an axis too
 * for a gate that leans the verdict), a named risk, or where an axis stands against its threshold.
 */
export type ReasonEffect =
  | { kind: 'score'; axis: Axis; points: number }
  | { kind: 'gate'; cap: Gate; axis?: Axis; points?: number }
  | { kind: 'risk'; severity: SeverityLevel }
  | { kind: 'axis'; axis: Axis; score: number; threshold: number; met: boolean };

export interface Reason {
  rule: string;
  title: string;
  message: string;
  effect: ReasonEffect;
  weight: number;
  evidence: Evidence[];
  remedy?: string;
  source: string;
}

/** An answer left out that could have changed the outcome, and the rules that wanted it. */
export interface Unknown {
  path: string;
  question: string;
  rules: string[];
  /** Where the answer would go: its section if present, else the top of the file. */
  line: number;
  col: number;
}

/** One answer change of the set that, applied together, makes the verdict adopt. */
export interface AdoptChange {
  path: string;
  value: Value;
  message: string;
  rule: string;
}

/**
 * What a flip asks of the reader: `answer` when every change answers an open question or moves a
 * number within the plausible margin (what confidence weighs, product.md), so checking the answers
 * may find it; `fact` when some change makes a fact of the organisation different (another answer
 * to a question already answered, or a number moved further than that margin).
 */
export type FlipKind = 'answer' | 'fact';

/** A set of answer changes that, applied together, give another verdict. */
export interface Flip {
  /** `was` is null for a question left unanswered. */
  changes: { path: string; value: Value; was: Value | null }[];
  verdict: Verdict;
  kind: FlipKind;
}

/** The whole result of an assessment; the JSON output is this object. */
export interface Assessment {
  org: string;
  file: string;
  verdict: Verdict;
  confidence: Confidence;
  scores: { need: number; readiness: number; thresholds: { need: number; readiness: number } };
  gates: string[];
  reasons: Reason[];
  unknowns: Unknown[];
  toAdopt: AdoptChange[];
  /** The smallest sets of answer changes that change the verdict, cheapest first, at most five. */
  flips: Flip[];
  recommendation: Recommendation | null;
  alternatives: AlternativeAdvice[];
  cost: Cost | null;
  risks: Risk[];
  /** For adopt, and for defer as the plan once ready; empty for alternative. */
  rollout: Phase[];
  checklist: CheckItem[];
  runbook: { question: string; why: string }[];
  /** When to look at the decision again: months by verdict, and the date when org.assessed_on is known. */
  revisit: { after_months: number; on: string | null } | null;
  /** Findings accepted on purpose (the waivers of the run's configuration that apply here): still reported, no longer counted by --fail-on. */
  waivers: AppliedWaiver[];
  /** How it moved since the assessment given with --baseline; null without one. */
  comparison: Comparison | null;
}

/** A low-high range. */
export type Range = [number, number];

/** A cheaper tool for a need this organisation has, and when it stops being enough. */
export interface AlternativeAdvice {
  id: string;
  need: string;
  tool: string;
  why: string;
  enough_until: string;
  /** On the table whatever the answers (its catalogue entry has no condition). */
  always: boolean;
  evidence: Evidence[];
  source: string;
}

/** How one mesh of the catalogue fared against this organisation's requirements. */
export interface MeshOption {
  id: string;
  name: string;
  status: 'recommended' | 'eligible' | 'lacks-features' | 'unavailable' | 'preview' | 'end-of-support';
  operating_weight: number;
  /** Operating weight after the preferences that hold; null when the mesh was ruled out. */
  score: number | null;
  /** The preferences that held here, each with its reason. */
  adjustments: string[];
  missing: string[];
  /** Why it was not the recommendation; empty for the recommended mesh. */
  why_not: string;
  note: string;
}

/** The least mesh that covers the required features, and why; mesh is null when none does. */
export interface Recommendation {
  mesh: string | null;
  name: string | null;
  mode: string | null;
  data_plane: 'sidecar' | 'per-node' | null;
  operating_weight: number | null;
  required_features: { id: string; title: string }[];
  /** What the recommended mesh's project documents for each required feature, with its source. */
  facts: { feature: string; status: FeatureStatus; label?: string; note?: string; source: string; as_of: string }[];
  why: string[];
  considered: MeshOption[];
  /** The month the catalogue's mesh facts were last checked (YYYY-MM). */
  as_of: string;
}

/** The standing cost of the recommended mesh, as ranges, with what they assume. */
export interface Cost {
  mesh: string;
  compute: { per: 'pod' | 'node'; count: number | null; vcpu: Range | null; memory_gib: Range | null; usd_per_year: Range | null };
  people: { fte: Range; usd_per_year: Range };
  /**
   * The licence for production use: [0, 0] when free here, the price times the units, or null
   * when the vendor publishes no price or a count it depends on is unknown.
   */
  licence: { terms: string; charge: 'none' | 'per-unit' | 'unpublished'; usd_per_year: Range | null; per: 'cluster' | null; count: number | null; free_below_employees: number | null; note: string | null; source: string; as_of: string };
  /** The total leaves out what `excludes` names (an unpublished licence price). */
  money: { usd_per_year: Range | null; budget_usd: number | null; against_budget: 'within' | 'may-exceed' | 'exceeds' | null; excludes: 'licence'[] };
  latency: {
    proxies_per_hop: number;
    per_proxy_ms: Range;
    call_depth: number | null;
    added_ms: Range | null;
    budget_ms: number | null;
    share_of_budget: Range | null;
    /** The mesh SLO's p99 bound on added latency (seed 000 §2), when the cost model has one. */
    slo_p99_ms: number | null;
    /** Whether the modelled figure's upper end reaches that bound; null while either is unknown. The model's figure is typical, not p99. */
    exceeds_slo: boolean | null;
  };
  assumptions: string[];
  /** The figures the ranges rest on, for readers who state them their own way. */
  basis: { cpu_millicores: Range; memory_mib: Range; vcpu_hour_usd: number; gib_hour_usd: number; engineer_year_usd: number; estimated: string[]; cited: string[] };
  /** Costs the model cannot price, to measure before and after (seed 002 §16). */
  to_measure: { item: string; measure: string; source: string }[];
  /** Answers that would complete the figures. */
  missing: string[];
}

/** A risk the organisation would have to manage with a mesh. */
export interface Risk {
  rule: string;
  title: string;
  message: string;
  mitigation: string | null;
  /** How much it matters, from the rubric, with the reason and its source: `--fail-on risk` fails on high ones. */
  severity: { level: SeverityLevel; reason: string; source: string };
  evidence: Evidence[];
  source: string;
}

/** One reversible step of the rollout, with its exit criterion and its rollback. */
export interface Phase {
  id: string;
  title: string;
  goal: string;
  use_case?: { id: string; use_case: string; why: string };
  exit: string;
  rollback: string;
  /** What must hold before the phase starts, and whether it does here; absent when the phase waits for nothing. */
  blocked_until?: Precondition;
  source: string;
}

/** A condition a step waits for, read from the answers; `questions` are those whose answers would settle it, when unanswered. */
export interface Precondition {
  requirement: string;
  status: 'met' | 'not-met' | 'unanswered';
  evidence: Evidence[];
  questions: string[];
}

/** One production-readiness item and where this organisation stands on it. */
export interface CheckItem {
  id: string;
  area: string;
  requirement: string;
  status: 'met' | 'not-met' | 'unanswered' | 'check-by-hand';
  evidence: Evidence[];
  /** For an unanswered item, the questions whose answers would settle it; otherwise empty. */
  questions: string[];
  source: string;
}

/** A waiver that applies to a rule that fired in an assessment; expiring when 30 days or fewer are left. */
export interface AppliedWaiver {
  rule: string;
  reason: string;
  owner: string;
  expires: string;
  status: 'active' | 'expiring';
}

/** How an assessment moved since its baseline. */
export interface Comparison {
  /** The baseline's file, as it named it. */
  baseline: string;
  verdict: { was: Verdict; now: Verdict };
  need: { was: number; now: number; delta: number };
  readiness: { was: number; now: number; delta: number };
  /** Rules that fired now and not then, and the reverse; hard rules (gates) among them named again. */
  appeared: string[];
  went: string[];
  gates_appeared: string[];
  gates_went: string[];
  /** Questions open then and answered since (a question no longer asked, but still unanswered, is not among them). */
  answered: string[];
  /** The verdict moved away from adopt, or readiness fell: what --fail-on regression fails on. */
  regression: boolean;
}

import type { Value } from './questionnaire/derive.js';
import type { Axis, Gate } from './rubric/schema.js';

export const VERDICTS = ['adopt', 'defer', 'alternative'] as const;
export type Verdict = (typeof VERDICTS)[number];
export type Confidence = 'high' | 'medium' | 'low';

/** A questionnaire answer a reason used, and the line it stands on (null when it came from --set). */
export interface Evidence {
  path: string;
  value: Value;
  line: number | null;
}

/** Which way a fired rule pushed: points on an axis, a cap on the verdict, or a named risk. */
export type ReasonEffect =
  | { kind: 'score'; axis: Axis; points: number }
  | { kind: 'gate'; cap: Gate }
  | { kind: 'risk' };

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
}

/** One answer change of the set that, applied together, makes the verdict adopt. */
export interface AdoptChange {
  path: string;
  value: Value;
  message: string;
  rule: string;
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
}

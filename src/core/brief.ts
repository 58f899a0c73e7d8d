import type { Assessment } from './assessment.js';

/** What a portfolio shows of an assessment: one row. */
export interface Brief {
  org: string;
  file: string;
  verdict: Assessment['verdict'];
  confidence: Assessment['confidence'];
  scores: { need: number; readiness: number };
  mesh: string | null;
}

export const briefOf = (a: Assessment): Brief => ({
  org: a.org,
  file: a.file,
  verdict: a.verdict,
  confidence: a.confidence,
  scores: { need: a.scores.need, readiness: a.scores.readiness },
  mesh: a.recommendation?.mesh ?? null,
});

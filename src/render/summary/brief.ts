import type { Assessment } from '../../core/report/assessment.js';

/** What a portfolio shows of an assessment: one row. */
export interface Brief {
  org: string;
  file: string;
  verdict: Assessment['verdict'];
  confidence: Assessment['confidence'];
  scores: { need: number; readiness: number };
  /** The mesh to pick, now (adopt) or once ready (defer); null for alternative. */
  mesh: string | null;
}

export const briefOf = (a: Assessment): Brief => ({
  org: a.org,
  file: a.file,
  verdict: a.verdict,
  confidence: a.confidence,
  scores: { need: a.scores.need, readiness: a.scores.readiness },
  // A mesh is recommended only when one is to be adopted, now or once ready.
  mesh: a.verdict === 'alternative' ? null : (a.recommendation?.mesh ?? null),
});

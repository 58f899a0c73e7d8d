/** A case of the library: the questionnaire's text and what its header says. */
export interface LibraryCase {
  file: string;
  name: string;
  text: string;
  expected: 'adopt' | 'defer' | 'alternative';
  outcome: 'adopted' | 'deferred' | 'removed' | 'cheaper-tools';
  disputed: string | null;
}
export const VERDICTS: readonly string[];
export const OUTCOMES: readonly string[];
export function readCases(dir?: string): LibraryCase[];
export function recordedAgreement(readme: string): { agreed: number; of: number } | null;
export function recordedOutcomeAgreement(readme: string): { agreed: number; of: number } | null;
export function outcomeAgrees(outcome: LibraryCase['outcome'], assessment: { verdict: string; flips: { verdict: string; changes: { path: string; was: unknown }[] }[] }): boolean;

import type { Knowledge } from '../knowledge/schema.js';
import type { Rule, Scoring } from './schema.js';

/** A loaded, checked rubric set: the rules, how much each counts, and the seeds' other knowledge. */
export interface Rubric {
  rules: Rule[];
  scoring: Scoring;
  knowledge: Knowledge;
  /** Where each rule is defined: its rubric file, as the set was read, and the line of its id. */
  origins?: Record<string, { file: string; line: number }>;
  /** SHA-256 of the files the set was read from (rubricDigest), which runs report. */
  digest?: string;
}

// What tests need to assess questionnaires in this process, and nothing more: the built-in rubric,
// the examples, a questionnaire's text assessed. helpers.ts adds the CLI; a test that needs only
// these imports them from here, so that loading it does not load the whole CLI (five times the
// modules), which the mutation run pays again for every mutant.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment } from '../src/core/report/assessment.js';
import { assess } from '../src/core/decision/assess.js';
import { loadQuestionnaire, type Override } from '../src/core/questionnaire/load.js';
import { loadRubric, type RubricFile } from '../src/core/rubric/load.js';
import type { Rubric } from '../src/core/rubric/rubric.js';

export const ROOT = join(import.meta.dirname, '..');

/** The parts of a scoring.yaml besides its weights, for tests that write small rubric sets. */
export const SCORING_HEAD = [
  'prior: { need: 50, readiness: 50 }',
  'thresholds: { need: 50, readiness: 60 }',
  'confidence: { borderline_share: 0.25 }',
  'axes:',
  ...['need', 'readiness'].map((a) => `  ${a}: { id: ${a}-score, title: ${a}, met: "{score} met", short: "{score} short", none: none, open: "{count} open", source: { document: test, section: "1" } }`),
].join('\n');
export function rubricFiles(dir = join(ROOT, 'rubrics')): RubricFile[] {
  // The built-in files are named as the package holds them, as the CLI names them.
  const named = (n: string) => (dir === join(ROOT, 'rubrics') ? `rubrics/${n}` : join(dir, n));
  return readdirSync(dir)
    .filter((n) => n.endsWith('.yaml') && !n.endsWith('.test.yaml'))
    .sort()
    .map((n) => ({ name: named(n), text: readFileSync(join(dir, n), 'utf8') }));
}

let builtin: Rubric | undefined;
export function rubric(): Rubric {
  if (!builtin) {
    const r = loadRubric(rubricFiles());
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    builtin = r.value;
  }
  return builtin;
}

/** Assesses YAML text with the built-in rubric; throws if the text is invalid. */
export function assessText(text: string, overrides: Override[] = [], r: Rubric = rubric()): Assessment {
  const q = loadQuestionnaire('q.yaml', text, overrides);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return assess(q.value, r);
}

export const examples = () =>
  readdirSync(join(ROOT, 'examples'))
    .filter((n) => n.endsWith('.yaml'))
    .sort()
    .map((n) => join('examples', n));

// Small rubric sets for the pin tests: a few rules whose points and gates are chosen so that one
// line of the decision code decides the outcome. Built through loadRubric, as a company's own
// rubric files would be.
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { loadRubric } from '../src/core/rubric/load.js';
import type { Rubric } from '../src/core/rubric/rubric.js';
import { formatProblem } from '../src/core/text/problem.js';
import { assess } from '../src/core/decision/assess.js';
import type { Assessment } from '../src/core/report/assessment.js';
import { SCORING_HEAD } from './assessing.js';

/** One rule of a test rubric, written as its YAML fields would be. */
export interface TestRule {
  id: string;
  when: string;
  effect: string;
  weight: number;
  remedy?: string;
}

/** A rubric of these rules, with the built-in thresholds (need 50, readiness 70) unless told otherwise. */
export function testRubric(rules: readonly TestRule[], thresholds = { need: 50, readiness: 70 }): Rubric {
  const body = rules
    .map((r) =>
      [
        `  - id: ${r.id}`,
        `    title: ${r.id}`,
        `    when: ${r.when}`,
        `    effect: ${r.effect}`,
        `    reason: ${r.id} holds`,
        ...(r.remedy ? [`    remedy: ${r.remedy}`] : []),
        '    source: { document: test, section: "1" }',
      ].join('\n'),
    )
    .join('\n');
  const head = SCORING_HEAD.replace('thresholds: { need: 50, readiness: 60 }', `thresholds: { need: ${thresholds.need}, readiness: ${thresholds.readiness} }`);
  const scoring = `${head}\nweights:\n${rules.map((r) => `  ${r.id}: ${r.weight}`).join('\n')}\n`;
  const loaded = loadRubric([{ name: 'rules.yaml', text: `rules:\n${body}\n` }, { name: 'scoring.yaml', text: scoring }]);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
}

/** A questionnaire's YAML assessed against a test rubric. */
export function assessWith(r: Rubric, text: string): Assessment {
  const q = loadQuestionnaire('q.yaml', text);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return assess(q.value, r);
}

/** The required answers and whatever else is given, as questionnaire YAML. */
export const questionnaire = (...lines: string[]) =>
  ['version: 1', 'org: { name: Pin Co }', ...lines].join('\n') + '\n';

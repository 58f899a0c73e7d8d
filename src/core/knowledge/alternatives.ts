import type { AlternativeAdvice } from '../report/assessment.js';
import { evaluate } from '../rubric/condition.js';
import type { Answers } from '../questionnaire/derive.js';
import type { Position } from '../yaml/yaml-source.js';
import { cite } from '../text/format.js';
import { evidenceOf, fillTemplate } from '../rubric/reason-text.js';
import type { Alternative } from './schema.js';

/** The cheaper tools for the needs this organisation has, in catalogue order. */
export function alternativesFor(list: readonly Alternative[], answers: Answers, positions: ReadonlyMap<string, Position>): AlternativeAdvice[] {
  return list
    .filter((a) => !a.when || evaluate(a.when, answers) === true)
    .map((a) => ({
      id: a.id,
      need: a.need,
      tool: fillTemplate(a.tool, answers),
      why: fillTemplate(a.why, answers).trim(),
      enough_until: a.enough_until,
      always: a.when === undefined,
      evidence: evidenceOf(a.when, answers, positions),
      source: cite(a.source),
    }));
}

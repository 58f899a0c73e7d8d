// A questionnaire with answer changes written into it, for tests that check what the planner and
// the search lay over the answers (answersWith) against the questionnaire rewritten.
import type { Questionnaire } from '../src/core/questionnaire/schema.js';
import { questionnaireShape } from '../src/core/questionnaire/shape-of.js';
import { conforms } from '../src/core/questionnaire/shape.js';
import type { Change } from '../src/core/rubric/schema.js';

/** The questionnaire with the changes written in, unchecked; what a change passes through is copied, the rest shared. */
function written(q: Questionnaire, changes: readonly Change[]): Questionnaire {
  const copy: Record<string, unknown> = { ...q };
  for (const c of changes) {
    const keys = c.path.split('.');
    let node = copy;
    for (const k of keys.slice(0, -1)) {
      const child = node[k];
      node[k] = typeof child === 'object' && child !== null && !Array.isArray(child) ? { ...child } : {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]!] = c.value;
  }
  return copy as Questionnaire;
}

/** The questionnaire with the changes applied, or undefined if the result is not valid. */
export function applyChanges(q: Questionnaire, changes: readonly Change[]): Questionnaire | undefined {
  return conforms(questionnaireShape(), written(q, changes))?.value as Questionnaire | undefined;
}

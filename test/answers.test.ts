import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersOf, answersWith } from '../src/core/questionnaire/derive.js';
import { fields } from '../src/core/questionnaire/fields.js';
import type { Questionnaire } from '../src/core/questionnaire/schema.js';
import { applyChanges } from './apply-changes.js';
import { questionnaire } from './arbitraries.js';
import { rubric } from './assessing.js';

// Planning reads the answers with remedies laid over them instead of rewriting the questionnaire;
// the two must agree on every answer and every derived quantity.
const remedies = rubric().rules.flatMap((r) => r.remedy?.set ?? []);
// No remedy touches what a derived quantity comes from today; these changes do, so that a rubric
// whose remedies did would be planned correctly too.
const CAUSES = ['service_communication', 'certificates', 'release_traffic', 'database', 'deploy_pipeline', 'ownership', 'capacity', 'application', 'other'];
const sourceChange = fc.oneof(
  fc.record({ path: fc.constantFrom(...CAUSES.map((c) => `incidents.causes.${c}`)), value: fc.nat({ max: 20 }) }),
  fc.record({ path: fc.constant('services.languages'), value: fc.uniqueArray(fc.constantFrom('go', 'Go', 'java', 'rust'), { minLength: 1 }) }),
  fc.record({ path: fc.constantFrom('traffic.latency_budget_ms', 'services.call_depth'), value: fc.nat({ max: 500 }) }),
);

describe('answers with changes laid over them', () => {
  it('agree with the answers of the questionnaire with the changes written in', () => {
    fc.assert(
      fc.property(questionnaire, fc.subarray(remedies, { maxLength: 6 }), fc.array(sourceChange, { maxLength: 4 }), fc.boolean(), (data, picked, more, noIncidents) => {
        const changes = [...picked, ...more];
        // Without the incidents section, a change to a cause makes the incident counts known.
        const { incidents: _, ...rest } = data;
        const q = (noIncidents ? rest : data) as unknown as Questionnaire;
        const written = applyChanges(q, changes);
        expect(written).toBeDefined();
        const laid = answersWith(answersOf(q), changes);
        const rewritten = answersOf(written!);
        for (const path of fields().keys()) expect(laid.get(path), path).toStrictEqual(rewritten.get(path));
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });
});

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { assess } from '../src/core/assess.js';
import type { Assessment } from '../src/core/assessment.js';
import { applyChanges } from '../src/core/to-adopt.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import type { Questionnaire } from '../src/core/questionnaire/schema.js';
import type { Change } from '../src/core/rubric/schema.js';
import { mutated, questionnaire } from './arbitraries.js';
import { memoryIo, rubric } from './helpers.js';

/** Cases across the four properties: a few hundred in `npm test`, 10,000 in `npm run fuzz`. */
const TOTAL = Number(process.env.FUZZ_CASES ?? 600);
const RUNS = Math.ceil(TOTAL / 4);
// A long fuzz run needs more than vitest's five seconds a test.
const TIMEOUT = 10_000 + RUNS * 60;
let cases = 0;
afterAll(() => {
  // Reached only when every property held: a failure stops fast-check with its counterexample.
  console.log(`fuzz: ${cases} cases, 0 failures`);
});

const load = (data: unknown) => {
  const q = loadQuestionnaire('q.yaml', stringify(data));
  if (!q.ok) throw new Error(`generated an invalid questionnaire: ${JSON.stringify(q.problems)}`);
  return q.value;
};
const assessData = (data: unknown): Assessment => assess(load(data), rubric());
const MANDATES = ['none', 'nice-to-have', 'planned', 'required'] as const;

describe('properties of the assessment, on random valid questionnaires', () => {
  it('assess never throws, and its invariants hold', () => {
    fc.assert(
      fc.property(questionnaire, (data) => {
        cases++;
        const a = assessData(data);
        const q = data as unknown as Questionnaire;
        // No platform team never gives adopt.
        if (q.platform_team.exists === false) expect(a.verdict).not.toBe('adopt');
        // The JSON is the same twice.
        expect(JSON.stringify(assessData(data))).toBe(JSON.stringify(a));
        // toAdopt, applied, gives adopt.
        if (a.toAdopt.length > 0) {
          const changed = applyChanges(q, a.toAdopt as Change[]);
          expect(changed).toBeDefined();
          expect(assessData(changed).verdict).toBe('adopt');
        }
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  }, TIMEOUT);

  it('more services never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.nat({ max: 200 }), (data, more) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const bigger = { ...q, services: { ...q.services, count: q.services.count + more } };
        expect(assessData(bigger).scores.need).toBeGreaterThanOrEqual(assessData(q).scores.need);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  }, TIMEOUT);

  it('a stronger mandate never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.integer({ min: 0, max: 2 }), (data, from) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const at = (m: (typeof MANDATES)[number]) => assessData({ ...q, security: { ...q.security, mandate: m } }).scores.need;
        expect(at(MANDATES[from + 1]!)).toBeGreaterThanOrEqual(at(MANDATES[from]!));
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
  }, TIMEOUT);
});

describe('random mutations of valid YAML', () => {
  it('give exit 0 or 2 and nothing else, never a throw', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        cases++;
        const { io, out } = memoryIo();
        out.written.set('fuzz.yaml', text);
        const code = main(['--format', 'json', 'fuzz.yaml'], io);
        expect([0, 2]).toContain(code);
        if (code === 0) expect(() => JSON.parse(out.stdout)).not.toThrow();
        else expect(out.stderr).toMatch(/^fuzz.yaml(:\d+:\d+)? /);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
  }, TIMEOUT);
});

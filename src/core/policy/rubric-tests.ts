import * as z from 'zod';
import { stringify } from 'yaml';
import { assess } from '../decision/assess.js';
import type { Assessment } from '../report/assessment.js';
import type { Problem, Result } from '../text/problem.js';
import { loadQuestionnaire, type LoadedQuestionnaire, type Override } from '../questionnaire/load.js';
import { parseFile } from '../rubric/parse.js';
import type { Rubric } from '../rubric/rubric.js';
import { locate, type Source } from '../yaml/yaml-source.js';

/** One rubric test: a questionnaire (inline or a file), answers set on top, and what must follow. */
export interface RubricTest {
  name: string;
  questionnaire?: Record<string, unknown>;
  file?: string;
  set?: Record<string, unknown>;
  expect: { verdict?: 'adopt' | 'defer' | 'alternative'; confidence?: 'high' | 'medium' | 'low'; fires?: string[]; not_fires?: string[] };
}

const testsSchema = () =>
  z.strictObject({
    tests: z
      .array(
        z
          .strictObject({
            name: z.string().min(1),
            questionnaire: z.record(z.string(), z.unknown()).optional(),
            file: z.string().min(1).optional(),
            set: z.record(z.string(), z.unknown()).optional(),
            expect: z
              .strictObject({
                verdict: z.enum(['adopt', 'defer', 'alternative']).optional(),
                confidence: z.enum(['high', 'medium', 'low']).optional(),
                fires: z.array(z.string()).optional(),
                not_fires: z.array(z.string()).optional(),
              })
              .refine((e) => Object.keys(e).length > 0, 'expect at least one of verdict, confidence, fires, not_fires'),
          })
          .refine((t) => (t.questionnaire === undefined) !== (t.file === undefined), 'give the questionnaire inline (questionnaire:) or as a file (file:), one of the two'),
      )
      .min(1),
  });

/** A test file, validated as strictly as a rubric: every problem located. */
export function parseTests(name: string, text: string): Result<{ tests: RubricTest[]; source: Source }> {
  const parsed = parseFile({ name, text }, testsSchema());
  if (!parsed.ok) return parsed;
  return { ok: true, value: { tests: (parsed.value.value as { tests: RubricTest[] }).tests, source: parsed.value.source } };
}

/** Rules named in expectations that the rubric set lacks: a typo would make a test pass for nothing. */
export function unknownRules(tests: readonly RubricTest[], source: Source, rubric: Rubric): Problem[] {
  const ids = new Set(rubric.rules.map((r) => r.id));
  return tests.flatMap((t, i) =>
    (['fires', 'not_fires'] as const).flatMap((k) =>
      (t.expect[k] ?? []).flatMap((id, j) => (ids.has(id) ? [] : [{ file: source.file, ...locate(source, ['tests', i, 'expect', k, j]), path: `tests.${i}.expect.${k}.${j}`, message: `no rule "${id}" in this rubric set` }])),
    ),
  );
}

/** What a test's run came to: the rules that fired, and each expectation that did not hold. */
export interface TestOutcome {
  test: RubricTest;
  line: number;
  fired: string[];
  failures: string[];
}

const firedRules = (a: Assessment) => [...new Set([...a.reasons.map((r) => r.rule), ...a.risks.map((r) => r.rule)])];

/**
 * Runs one test file's tests against a rubric set. `read` gives a questionnaire file's text, by a
 * path relative to the test file; a questionnaire that does not load is a failure of its test.
 */
export function runTests(tests: readonly RubricTest[], source: Source, rubric: Rubric, read: (file: string) => { text: string; name: string } | { error: string }): TestOutcome[] {
  return tests.map((test, i) => {
    const line = locate(source, ['tests', i])?.line ?? 1;
    const set: Override[] = Object.entries(test.set ?? {}).map(([path, value]) => ({ path, value: stringify(value, { flow: true }).trim() }));
    let loaded: Result<LoadedQuestionnaire>;
    if (test.file !== undefined) {
      const got = read(test.file);
      loaded = 'error' in got ? { ok: false, problems: [{ file: test.file, path: '', message: got.error }] } : loadQuestionnaire(got.name, got.text, set);
    } else {
      loaded = loadQuestionnaire(`${source.file}: test "${test.name}"`, JSON.stringify(test.questionnaire), set);
    }
    if (!loaded.ok) return { test, line, fired: [], failures: loaded.problems.map((p) => `the questionnaire does not load: ${p.path ? `${p.path}: ` : ''}${p.message}`) };
    const a = assess(loaded.value, rubric);
    const fired = firedRules(a);
    const e = test.expect;
    const failures = [
      ...(e.verdict && a.verdict !== e.verdict ? [`expected verdict ${e.verdict}, got ${a.verdict}`] : []),
      ...(e.confidence && a.confidence !== e.confidence ? [`expected confidence ${e.confidence}, got ${a.confidence}`] : []),
      ...(e.fires ?? []).filter((id) => !fired.includes(id)).map((id) => `expected ${id} to fire; it did not (fired: ${fired.join(', ') || 'none'})`),
      ...(e.not_fires ?? []).filter((id) => fired.includes(id)).map((id) => `expected ${id} not to fire; it did`),
    ];
    return { test, line, fired, failures };
  });
}

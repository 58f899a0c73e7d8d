import { dirname, isAbsolute, join, resolve } from 'node:path';
import { visible } from '../../core/text/safe-text.js';
import type { Problem } from '../../core/text/problem.js';
import { parseTests, runTests, unknownRules, type RubricTest } from '../../core/policy/rubric-tests.js';
import { locate, type Source } from '../../core/yaml/yaml-source.js';
import { namedOutside, resolvesInside, trustRoot } from '../files/repo-path.js';
import { reportProblems } from './assess-command.js';
import { EXIT, type Io } from '../io.js';
import { rubricFor } from '../config/rubric-set.js';

export interface TestOptions {
  rubrics?: string;
  coverage: boolean;
}

/**
 * The questionnaire files a test file names that resolve, after following links, outside its
 * repository: a test file is committed, so a pull request could otherwise make a run read any file
 * the runner can and echo what it finds.
 */
function filesOutside(io: Io, file: string, tests: readonly RubricTest[], source: Source): Problem[] {
  const named = tests.flatMap((t, i) => (t.file === undefined ? [] : [{ i, value: t.file }]));
  return namedOutside(io, file, named).map(({ i, value }) => ({
    file,
    ...locate(source, ['tests', i, 'file']),
    path: `tests.${i}.file`,
    message: `"${value}" is outside the repository, and a test may name only questionnaires inside it`,
    suggestion: 'copy the questionnaire into the repository, or give it inline (questionnaire:)',
  }));
}

/**
 * Runs the rubric tests (*.test.yaml) of each directory against the built-in rubric (or
 * --rubrics) extended by the rules in that directory. Exit 1 when a test fails or, with coverage,
 * a rule of the directory is fired by no test; exit 2 when a test file or a rubric is invalid.
 */
export function testRubrics(io: Io, dirs: readonly string[], opts: TestOptions): number {
  let failed = false;
  for (const dir of dirs.length > 0 ? dirs : ['.']) {
    const listed = io.listTestFiles?.(dir) ?? { error: 'cannot list test files here' };
    if ('error' in listed || listed.files.length === 0) {
      reportProblems(io, [{ file: dir, path: '', message: 'error' in listed ? listed.error : 'no rubric tests here (files named *.test.yaml)', suggestion: 'name a directory of rules and their *.test.yaml files' }]);
      return EXIT.badInput;
    }
    const own = io.listRubricFiles(dir);
    // The directory of the base set itself (the built-in rubrics/, or --rubrics) is tested as the base.
    const isBase = resolve(opts.rubrics ?? io.builtinRubrics) === resolve(dir);
    const extend = !isBase && 'files' in own && own.files.length > 0 ? [dir] : [];
    const rubric = rubricFor(io, { rubrics: opts.rubrics, extend });
    const base = rubricFor(io, { rubrics: opts.rubrics, extend: [] });
    if (!rubric.ok || !base.ok) {
      reportProblems(io, [...(rubric.ok ? [] : rubric.problems), ...(base.ok ? [] : base.problems)]);
      return EXIT.badInput;
    }
    // The rules this directory defines: all of them when it is the base set, else what it adds.
    const baseIds = new Set(base.value.rules.map((r) => r.id));
    const defined = rubric.value.rules.map((r) => r.id).filter((id) => isBase || !baseIds.has(id));
    const fired = new Set<string>();
    let count = 0;
    let failures = 0;
    const root = trustRoot(io, dir);
    for (const file of listed.files) {
      if (!resolvesInside(io, file, root)) {
        reportProblems(io, [{ file, path: '', message: 'this test file links outside the repository', suggestion: 'keep rubric tests inside the repository, as files rather than links out of it' }]);
        return EXIT.badInput;
      }
      const read = io.readText(file);
      if ('error' in read) {
        reportProblems(io, [{ file, path: '', message: read.error }]);
        return EXIT.badInput;
      }
      const parsed = parseTests(file, read.text);
      const problems = parsed.ok ? [...filesOutside(io, file, parsed.value.tests, parsed.value.source), ...unknownRules(parsed.value.tests, parsed.value.source, rubric.value)] : parsed.problems;
      if (!parsed.ok || problems.length > 0) {
        reportProblems(io, problems);
        return EXIT.badInput;
      }
      const fromTest = (q: string) => {
        const path = isAbsolute(q) ? q : join(dirname(file), q);
        const got = io.readText(path);
        return 'error' in got ? { error: `${path}: ${got.error}` } : { text: got.text, name: path };
      };
      for (const outcome of runTests(parsed.value.tests, parsed.value.source, rubric.value, fromTest)) {
        count += 1;
        outcome.fired.forEach((id) => fired.add(id));
        if (outcome.failures.length === 0) continue;
        failures += 1;
        io.stderr(outcome.failures.map((f) => `${visible(`${file}:${outcome.line} test "${outcome.test.name}": ${f}`)}\n`).join(''));
      }
    }
    const untested = opts.coverage ? defined.filter((id) => !fired.has(id)) : [];
    if (untested.length > 0) io.stderr(`${visible(`${dir}: no test fires ${untested.join(', ')}; add a test for each, or run with --no-coverage`)}\n`);
    const coverage = opts.coverage ? `; ${defined.length - untested.length} of ${defined.length} rules defined here fired by a test` : '';
    io.stdout(`${visible(dir)}: ${count} tests, ${failures} failed${coverage}\n`);
    if (failures > 0 || untested.length > 0) failed = true;
  }
  return failed ? EXIT.gateFailed : EXIT.ok;
}

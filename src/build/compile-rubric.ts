import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatProblem } from '../core/text/problem.js';
import { loadRubric } from '../core/rubric/load.js';

/**
 * Build step: validates the built-in rubric YAML exactly as a run would and prints it as JSON, so
 * a run of the built-in set starts from data already checked. Exits 1 with every problem when
 * the rubric is invalid, which fails the build.
 */
const dir = process.argv[2] ?? 'rubrics';
const files = readdirSync(dir)
  // The rules' tests (*.test.yaml) live beside them and are not rules.
  .filter((n) => n.endsWith('.yaml') && !n.endsWith('.test.yaml'))
  .sort()
  .map((n) => ({ name: join(dir, n), text: readFileSync(join(dir, n), 'utf8') }));
const rubric = loadRubric(files);
if (!rubric.ok) {
  process.stderr.write(`${rubric.problems.map(formatProblem).join('\n')}\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(`${JSON.stringify(rubric.value)}\n`);
}

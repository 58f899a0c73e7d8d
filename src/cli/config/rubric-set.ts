import type { Problem, Result } from '../../core/text/problem.js';
import { loadRubric, type RubricFile } from '../../core/rubric/load.js';
import type { Rubric } from '../../core/rubric/rubric.js';
import type { Io } from '../io.js';
import { readProblem } from '../read-problem.js';
import { resolvesInside, trustRoot } from '../files/repo-path.js';

/** Which rubric set to use: the built-in one or another, plus extensions. */
export interface RubricOptions {
  rubrics?: string;
  extend: string[];
}

/**
 * The rubric files of a directory, read. The built-in set's files are named as the package holds
 * them (rubrics/need.yaml), wherever it is installed; others as their path was given.
 */
function readRubrics(io: Io, dir: string): { files: RubricFile[] } | { problems: Problem[] } {
  const builtin = dir === io.builtinRubrics;
  const listed = io.listRubricFiles(dir);
  if ('error' in listed) return { problems: [{ file: dir, path: '', message: listed.error, suggestion: 'point --rubrics at a directory of rubric YAML files' }] };
  if (listed.files.length === 0) return { problems: [{ file: dir, path: '', message: 'no .yaml rubric files in this directory' }] };
  const files: RubricFile[] = [];
  // A rubric directory may come from a pull request: a file in it that links outside its
  // repository is refused, so no run reads (and echoes in its problems) a file from elsewhere.
  const root = builtin ? null : trustRoot(io, dir);
  for (const name of listed.files) {
    if (root !== null && !resolvesInside(io, name, root)) return { problems: [{ file: name, path: '', message: 'this rubric file links outside the repository', suggestion: 'keep rubric files inside the repository, as files rather than links out of it' }] };
    const read = io.readText(name);
    if ('error' in read) return { problems: [readProblem(name, read, 'check the rubric directory')] };
    files.push({ name: builtin ? `rubrics/${name.split(/[\\/]/).pop()}` : name, text: read.text });
  }
  return { files };
}

// Validating a rubric set takes tens of milliseconds; a process that runs main() many times (the
// test suite) reuses the result for files it has already seen, keyed by their names and texts.
const validated = new Map<string, Result<Rubric>>();

/** The rubric set the options name, read and validated. */
export function rubricFor(io: Io, opts: RubricOptions): Result<Rubric> {
  // The built-in set alone was validated when the bundle was built; anything else is checked now.
  const prebuilt = opts.rubrics === undefined && opts.extend.length === 0 ? io.builtinRubric?.() : undefined;
  if (prebuilt) return { ok: true, value: prebuilt };
  const sets = [opts.rubrics ?? io.builtinRubrics, ...opts.extend].map((dir) => readRubrics(io, dir));
  const unreadable = sets.flatMap((s) => ('problems' in s ? s.problems : []));
  if (unreadable.length > 0) return { ok: false, problems: unreadable };
  const [base, ...extensions] = sets.map((s) => ('files' in s ? s.files : []));
  const key = JSON.stringify([base, extensions]);
  const result = validated.get(key) ?? loadRubric(base!, extensions);
  validated.set(key, result);
  return result;
}

import { assess } from '../core/assess.js';
import { briefOf, type Brief } from '../core/brief.js';
import { conditionsMet, type FailOn } from '../core/gate.js';
import type { Problem } from '../core/problem.js';
import { loadQuestionnaire, type Override } from '../core/questionnaire/load.js';
import type { Rubric } from '../core/rubric/schema.js';
import type { Io } from './io.js';
import { readProblem } from './read-problem.js';

/** What the portfolio needs of one file: its row and the --fail-on conditions it meets, or its problems. */
export type PortfolioEntry = { brief: Brief; met: FailOn[] } | { problems: Problem[] };

export function loadFile(io: Io, file: string, set: readonly Override[]) {
  const read = io.readText(file);
  return 'error' in read
    ? { ok: false as const, problems: [readProblem(file, read, 'check the path; examples/ has questionnaires to start from')] }
    : loadQuestionnaire(file, read.text, set);
}

export function portfolioEntry(io: Io, file: string, rubric: Rubric, set: readonly Override[], failOn: readonly FailOn[]): PortfolioEntry {
  const loaded = loadFile(io, file, set);
  if (!loaded.ok) return { problems: loaded.problems };
  const a = assess(loaded.value, rubric);
  return { brief: briefOf(a), met: conditionsMet(a, failOn) };
}

import type * as z from 'zod';
import { sortProblems, type Problem, type Result } from '../problem.js';
import { didYouMean } from '../suggest.js';
import { locate, locateKey, parseSource, type Source } from '../yaml-source.js';
import { checkRules, checkWeights, type Located, type Weight } from './check.js';
import { OPERATORS, ruleSchema, rulesFileSchema, scoringSchema, type Rubric, type Rule, type Scoring } from './schema.js';

/** A rubric file as read from disk: its name (for messages) and its text. */
export interface RubricFile {
  name: string;
  text: string;
}

/** The file that holds weights and verdict thresholds; every other file holds rules. */
export const SCORING_FILE = 'scoring.yaml';

const RULE_KEYS = Object.keys(ruleSchema.shape);
const CONDITION_KEYS = ['all', 'any', 'not', 'path', ...OPERATORS];
const KEYS: Record<string, string[]> = {
  rules: ['rules'],
  rule: RULE_KEYS,
  effect: ['axis', 'direction', 'gate', 'risk'],
  remedy: ['text', 'set'],
  set: ['path', 'value'],
  source: ['document', 'section'],
  scoring: Object.keys(scoringSchema.shape),
  base: ['need', 'readiness'],
  thresholds: ['need', 'readiness'],
  confidence: ['high_max_swing'],
};

function keysFor(scoring: boolean, path: readonly (string | number)[]): string[] {
  if (path.length === 0) return scoring ? KEYS.scoring! : KEYS.rules!;
  const last = path[path.length - 1];
  if (path.includes('when')) return CONDITION_KEYS;
  if (typeof last === 'number') return path[path.length - 2] === 'set' ? KEYS.set! : KEYS.rule!;
  return KEYS[String(last)] ?? [];
}

function issueToProblems(source: Source, scoring: boolean, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const dotted = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file: source.file,
      ...locateKey(source, path, key),
      path: dotted ? `${dotted}.${key}` : key,
      message: `unknown key "${key}"`,
      suggestion: didYouMean(key, keysFor(scoring, path)),
    }));
  }
  const message =
    issue.code === 'invalid_union' && path[path.length - 1] === 'effect'
      ? 'expected an effect: {axis: need|readiness, direction: up|down}, {gate: never-adopt|at-most-alternative} or {risk: true}'
      : issue.message.replace(/^Invalid input: /, '');
  return [{ file: source.file, ...locate(source, path), path: dotted, message }];
}

function parseFile<T>(file: RubricFile, schema: z.ZodType<T>, scoring: boolean): Result<{ value: T; source: Source }> {
  const { source, problems } = parseSource(file.name, file.text);
  if (problems.length > 0) return { ok: false, problems };
  let raw: unknown;
  try {
    raw = source.doc.toJS({ maxAliasCount: 100 });
  } catch {
    return { ok: false, problems: [{ file: file.name, line: 1, col: 1, path: '', message: 'too many YAML aliases' }] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((i) => issueToProblems(source, scoring, i)) };
  return { ok: true, value: { value: parsed.data, source } };
}

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

interface ReadSet {
  rules: Located<Rule>[];
  scoring?: { value: Partial<Scoring>; source: Source };
  problems: Problem[];
}

function readSet(files: readonly RubricFile[], extension: boolean): ReadSet {
  const out: ReadSet = { rules: [], problems: [] };
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of sorted) {
    if (baseName(file.name) === SCORING_FILE) {
      const r = parseFile<Partial<Scoring>>(file, extension ? scoringSchema.partial() : scoringSchema, true);
      if (r.ok) out.scoring = r.value;
      else out.problems.push(...r.problems);
      continue;
    }
    const r = parseFile(file, rulesFileSchema, false);
    if (!r.ok) out.problems.push(...r.problems);
    else r.value.value.rules.forEach((rule, i) => out.rules.push({ value: rule, source: r.value.source, at: ['rules', i] }));
  }
  return out;
}

/**
 * Validates a rubric set as strictly as a questionnaire, every problem in every file at once.
 * `extensions` add rules to the base set; a scoring.yaml in an extension may set weights for its
 * own rules, re-weight the base ones, or replace base, thresholds or confidence.
 */
export function loadRubric(files: readonly RubricFile[], extensions: readonly (readonly RubricFile[])[] = []): Result<Rubric> {
  const sets = [readSet(files, false), ...extensions.map((e) => readSet(e, true))];
  const problems = sets.flatMap((s) => s.problems);
  const rules = sets.flatMap((s) => s.rules);
  const base = sets[0]!.scoring;
  if (!files.some((f) => baseName(f.name) === SCORING_FILE)) {
    problems.push({ file: files[0]?.name ?? 'rubrics', path: '', message: `no ${SCORING_FILE} among the rubric files`, suggestion: 'copy rubrics/scoring.yaml from mesh-assess and adjust the weights' });
  }
  if (files.length > 0 && rules.length === 0 && problems.length === 0) {
    problems.push({ file: files[0]!.name, path: '', message: 'no rule files: a rubric set needs at least one file with rules' });
  }
  const weights = new Map<string, Weight>();
  for (const s of sets) for (const [id, value] of Object.entries(s.scoring?.value.weights ?? {})) weights.set(id, { value, source: s.scoring!.source });
  // Weights are checked against the rules only when every rule file could be read: a file with a
  // schema error contributes no rules, and its weights would all look orphaned.
  const readAll = problems.length === 0;
  problems.push(...checkRules(rules));
  if (base && readAll) problems.push(...checkWeights(rules, weights));
  if (problems.length > 0 || !base) return { ok: false, problems: sortProblems(problems) };
  const scoring = sets.reduce((acc, s) => ({ ...acc, ...s.scoring?.value }), {} as Scoring);
  scoring.weights = Object.fromEntries([...weights].map(([id, w]) => [id, w.value]));
  return { ok: true, value: { rules: rules.map((r) => r.value), scoring } };
}

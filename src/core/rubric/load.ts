import { createHash } from 'node:crypto';
import { checkKnowledge } from '../knowledge/check.js';
import { KNOWLEDGE_FILES, type Knowledge, type SourceList } from '../knowledge/schema.js';
import { sortProblems, type Problem, type Result } from '../text/problem.js';
import { visibleDeep } from '../text/safe-text.js';
import { locate, type Source } from '../yaml/yaml-source.js';
import { checkAxisTexts, checkRules, checkWeights, reporter, type Located, type Weight } from './check.js';
import { parseFile, type RubricFile } from './parse.js';
import { rubricSchemas, type Rule, type Scoring } from './schema.js';
import type { Rubric } from './rubric.js';

export type { RubricFile } from './parse.js';

/** The file that holds weights and verdict thresholds. */
export const SCORING_FILE = 'scoring.yaml';

const baseName = (name: string) => name.split(/[\\/]/).pop() ?? name;

interface ReadSet {
  rules: Located<Rule>[];
  scoring?: { value: Partial<Scoring>; source: Source };
  knowledge: Knowledge;
  problems: Problem[];
}

const isKnowledgeFile = (name: string): name is keyof typeof KNOWLEDGE_FILES => Object.hasOwn(KNOWLEDGE_FILES, name);

function readKnowledge(file: RubricFile, name: keyof typeof KNOWLEDGE_FILES, out: ReadSet): void {
  const { key, schema } = KNOWLEDGE_FILES[name];
  const r = parseFile<unknown>(file, schema());
  if (!r.ok) {
    out.problems.push(...r.problems);
    return;
  }
  const problems = checkKnowledge(key, r.value.value, r.value.source);
  out.problems.push(...problems);
  if (problems.length > 0) return;
  const v = r.value.value as Record<string, unknown>;
  (out.knowledge as Record<string, unknown>)[key] = key === 'alternatives' ? v.alternatives : key === 'sources' ? v.sources : v;
}

function readSet(files: readonly RubricFile[], extension: boolean): ReadSet {
  const out: ReadSet = { rules: [], knowledge: {}, problems: [] };
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const file of sorted) {
    const name = baseName(file.name);
    if (isKnowledgeFile(name)) {
      readKnowledge(file, name, out);
      continue;
    }
    if (name === SCORING_FILE) {
      const { scoringSchema } = rubricSchemas();
      const r = parseFile<Partial<Scoring>>(file, extension ? scoringSchema.partial() : scoringSchema);
      if (r.ok) out.scoring = r.value;
      else out.problems.push(...r.problems);
      continue;
    }
    const r = parseFile(file, rubricSchemas().rulesFileSchema);
    if (!r.ok) out.problems.push(...r.problems);
    else r.value.value.rules.forEach((rule, i) => out.rules.push({ value: rule, source: r.value.source, at: ['rules', i] }));
  }
  return out;
}

/**
 * Validates a rubric set as strictly as a questionnaire, every problem in every file at once.
 * `extensions` add rules to the base set; a scoring.yaml in an extension may set weights for its
 * own rules, re-weight the base ones, or replace base, thresholds or confidence. A knowledge file
 * (alternatives, meshes, cost, rollout) in an extension replaces the base set's file whole.
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
  const axes = [...sets].reverse().find((s) => s.scoring?.value.axes)?.scoring;
  if (axes) checkAxisTexts(axes.value.axes!, reporter(problems, axes.source, []));
  if (problems.length > 0 || !base) return { ok: false, problems: sortProblems(problems) };
  const scoring = sets.reduce((acc, s) => ({ ...acc, ...s.scoring?.value }), {} as Scoring);
  scoring.weights = Object.fromEntries([...weights].map(([id, w]) => [id, w.value]));
  const knowledge = sets.reduce<Knowledge>((acc, s) => ({ ...acc, ...s.knowledge }), {});
  // Rubric text is input too: a custom rubric's controls are made visible like an answer's.
  const origins = Object.fromEntries(rules.map((r) => [r.value.id, { file: r.source.file, line: locate(r.source, [...r.at, 'id'])?.line ?? 1 }]));
  const shown = visibleDeep({ rules: rules.map((r) => rated(r.value)), scoring, knowledge, origins });
  // Every text the tool prints names a source as a reader can find it, never by its internal id.
  const titled = citedByTitle({ rules: shown.rules, scoring: shown.scoring, knowledge: { ...shown.knowledge, sources: undefined } }, shown.knowledge.sources);
  return { ok: true, value: { ...shown, ...titled, knowledge: { ...titled.knowledge, ...(shown.knowledge.sources ? { sources: shown.knowledge.sources } : {}) }, digest: rubricDigest(files, extensions) } };
}

/**
 * The severity a risk gets when its rubric gives none: high, so that a rubric written before risks
 * had a severity keeps its meaning and `--fail-on risk` still fails on it. `explain` shows the reason.
 */
export const UNRATED_RISK = {
  level: 'high',
  reason: 'the rubric gives this risk no severity, so it counts as high and --fail-on risk fails on it; add severity: { level, reason, source } to the rule to rate it',
} as const;

const rated = (rule: Rule): Rule => ('risk' in rule.effect && !rule.severity ? { ...rule, severity: { ...UNRATED_RISK, source: rule.source } } : rule);

/**
 * SHA-256 over every file of a rubric set, in hex: each file's name (without its directory, so the
 * digest does not depend on where the set was read from) and text, the base set first, then each
 * extension in order. Runs print it, so two runs can be seen to have used the same rules.
 */
export function rubricDigest(files: readonly RubricFile[], extensions: readonly (readonly RubricFile[])[] = []): string {
  const hash = createHash('sha256');
  for (const set of [files, ...extensions]) {
    hash.update('set\0');
    for (const f of set) hash.update(`${baseName(f.name)}\0${f.text}\0`);
  }
  return hash.digest('hex');
}

/**
 * A copy of plain data with every mention of a listed source ("seed 001", "Seed 001") replaced by
 * the name a reader can look up (its `cite_as`). Without a source list, the data as it is.
 */
export function citedByTitle<T>(v: T, sources: SourceList | undefined): T {
  if (!sources || sources.length === 0) return v;
  const names = new Map(sources.map((s) => [s.id.toLowerCase(), s.cite_as]));
  const swap = (text: string) => text.replace(/\bseed \d{3}\b/gi, (m) => names.get(m.toLowerCase()) ?? m);
  const walk = (x: unknown): unknown => {
    if (typeof x === 'string') return swap(x);
    if (Array.isArray(x)) return x.map(walk);
    if (x !== null && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
      return Object.fromEntries(Object.entries(x).filter(([, y]) => y !== undefined).map(([k, y]) => [k, walk(y)]));
    }
    return x;
  };
  return walk(v) as T;
}

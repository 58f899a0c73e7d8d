import { provenanceByLine } from './provenance.js';
import { isMap, parse as parseYaml, type Node } from 'yaml';
import type * as z from 'zod';
import { sortProblems, type Problem, type Result } from '../text/problem.js';
import { didYouMean } from '../text/suggest.js';
import { MAX_FILE_BYTES } from '../yaml/limits.js';
import { readPlainYaml } from '../yaml/plain-yaml.js';
import { isVisible, visible, visibleDeep } from '../text/safe-text.js';
import { locate, locateKeys, parseSource, type Position, type Source } from '../yaml/yaml-source.js';
import { answersOf, type Answers } from './derive.js';
import { fields, keysUnder } from './fields.js';
import { questionnaireSchemas, type Questionnaire } from './schema.js';
import { questionnaireShape } from './shape-of.js';
import { conforms } from './shape.js';
import { thousands } from '../text/format.js';

/** A validated questionnaire with its derived quantities and where each answer stands in the file. */
export interface LoadedQuestionnaire {
  file: string;
  data: Questionnaire;
  answers: Answers;
  /** Where each answer stands in the file; absent for answers that came from `--set`. */
  positions: ReadonlyMap<string, Position>;
  /**
   * Where a field of the questionnaire is or would be written: the answer itself, or the nearest
   * section that is present (the top of the file when none is). Unknowns point here.
   */
  anchorOf(path: string): Position;
}

/** A `--set path=value` override, before it is checked. */
export interface Override {
  path: string;
  value: string;
}

const show = (v: unknown) =>
  v === undefined ? 'nothing'
  : v === null ? 'null (an empty value)'
  : typeof v === 'number' && !Number.isFinite(v) ? String(v)
  : typeof v === 'number' && Math.abs(v) > Number.MAX_SAFE_INTEGER ? 'a number beyond 2^53, which cannot be read exactly'
  : clip(JSON.stringify(v) ?? String(v));

/** A value echoed in a message stays short: a wrong file (say, the environment) is not printed whole. */
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}...` : s);
const MAX_ALIASES = 100;

/**
 * Parses, overrides, validates and derives: the whole road from text to a questionnaire. A file in
 * plain YAML without overrides is read by the quick reader; anything else, and every file with a
 * problem, by the full parser, which reports the problems. `plain: false` always takes the full
 * parser (the tests compare the two roads).
 */
export function loadQuestionnaire(file: string, text: string, overrides: readonly Override[] = [], opts: { plain?: boolean } = {}): Result<LoadedQuestionnaire> {
  if (overrides.length === 0 && opts.plain !== false && text.length <= MAX_FILE_BYTES) {
    const plain = readPlainYaml(text);
    const valid = plain && conforms(questionnaireShape(), plain.value);
    // Every key and value the quick reader gives is a piece of the text, unescaped: a text with
    // nothing to make visible has no answer that needs it.
    if (plain && valid) return { ok: true, value: loaded(file, text, valid.value as Questionnaire, (path) => plain.starts.get(path), isVisible(text)) };
  }

  const { source, problems } = parseSource(file, text);
  if (problems.length > 0) return { ok: false, problems };
  const setProblems = applyOverrides(source, overrides);
  if (setProblems.length > 0) return { ok: false, problems: setProblems };

  let raw: unknown;
  try {
    // The parser counts the anchored node as one more expansion: 100 aliases need a limit of 101.
    raw = source.doc.toJS({ maxAliasCount: MAX_ALIASES + 1 });
  } catch {
    return { ok: false, problems: [{ file, line: 1, col: 1, path: '', message: `too many aliases: more than ${MAX_ALIASES} expansions`, suggestion: 'write the values out instead of using YAML aliases' }] };
  }
  const valid = conforms(questionnaireShape(), raw);
  if (valid) return { ok: true, value: loaded(file, text, valid.value as Questionnaire, (path) => startOf(source, path)) };
  // Only zod says what is wrong; its answer stands (the tests hold the quick check to it).
  const parsed = questionnaireSchemas().questionnaire.safeParse(raw);
  if (!parsed.success) {
    // A problem with an answer given by --set is blamed on --set, not on a line of the file.
    const setPaths = overrides.map((o) => o.path);
    const blame = (p: Problem): Problem => (setPaths.some((sp) => p.path === sp || p.path.startsWith(`${sp}.`)) ? { file: '--set', path: p.path, message: p.message, ...(p.suggestion ? { suggestion: p.suggestion } : {}) } : p);
    return { ok: false, problems: unique(sortProblems(parsed.error.issues.flatMap((i) => toProblems(source, raw, i)).map(blame))) };
  }
  return { ok: true, value: loaded(file, text, parsed.data, (path) => startOf(source, path)) };
}

/** One line per problem: two checks failing on the same value (whole, and too large) say it once. */
function unique(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Where the node at a dotted path starts in the file ('' for the whole document), if it is there. */
function startOf(source: Source, path: string): Position | undefined {
  const node = (path === '' ? source.doc.contents : source.doc.getIn(path.split('.'), true)) as Node | null | undefined;
  const offset = node && typeof node === 'object' && 'range' in node ? node.range?.[0] : undefined;
  return offset === undefined ? undefined : source.lines.linePos(offset);
}

/** The questionnaire with its answers and positions, from wherever its nodes start. */
function loaded(file: string, text: string, raw: Questionnaire, start: (path: string) => Position | undefined, visibleAlready = false): LoadedQuestionnaire {
  // Every answer reaches some output: controls in it are made visible once, here.
  const data = visibleAlready ? raw : visibleDeep(raw);
  const answers = answersOf(data);
  const positions = new Map<string, Position>();
  // Answers discover wrote carry its evidence as comments above them: kept with their position.
  const marks = text.includes('# from ') ? provenanceByLine(text) : undefined;
  for (const path of answers.keys()) {
    const at = start(fields().get(path)?.from?.[0] ?? path);
    const discovered = marks?.get(at?.line ?? 0)?.map(visible);
    if (at) positions.set(path, discovered ? { ...at, discovered } : at);
  }
  // An unknown is anchored at its answer or the nearest section written; every field's nearest
  // candidates are an answer (in positions) or a section, so only the sections' starts are kept.
  const sections = new Map<string, Position>();
  for (const path of ['', ...sectionPaths()]) {
    const at = start(path);
    if (at) sections.set(path, at);
  }
  const anchorOf = (path: string): Position => {
    const keys = path.split('.');
    for (let n = keys.length; n > 0; n--) {
      const prefix = keys.slice(0, n).join('.');
      const at = positions.get(prefix) ?? sections.get(prefix);
      if (at) return at;
    }
    return sections.get('') ?? { line: 1, col: 1 };
  };
  return { file, data, answers, positions, anchorOf };
}

let sectionList: string[] | undefined;
const sectionPaths = () => (sectionList ??= [...fields().values()].filter((f) => f.kind === 'section').map((f) => f.path));

function applyOverrides(source: Source, overrides: readonly Override[]): Problem[] {
  const problems: Problem[] = [];
  const settable = [...fields().values()].filter((f) => !f.derived && f.kind !== 'section').map((f) => f.path);
  for (const o of overrides) {
    const where = { file: '--set', path: o.path };
    if (!settable.includes(o.path)) {
      problems.push({ ...where, message: `unknown field "${o.path}"`, suggestion: didYouMean(o.path, settable) ?? 'run with a path such as services.count' });
      continue;
    }
    let value: unknown;
    try {
      value = parseYaml(o.value);
    } catch {
      problems.push({ ...where, message: `cannot read the value ${JSON.stringify(o.value)} as YAML`, suggestion: 'quote it or write it as a flow list like [go, java]' });
      continue;
    }
    const root = source.doc.contents;
    // A new node has no range, so the evidence of an overridden answer carries no file line.
    if (root === null || isMap(root)) source.doc.setIn(o.path.split('.'), source.doc.createNode(value));
  }
  return problems;
}

type Segment = string | number;

function toProblems(source: Source, raw: unknown, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((s): s is Segment => typeof s !== 'symbol');
  const dotted = path.join('.');
  const file = source.file;
  if (issue.code === 'unrecognized_keys') {
    const section = path.filter((s) => typeof s === 'string').join('.');
    const where = locateKeys(source, path, issue.keys);
    return issue.keys.map((key) => ({
      file,
      ...where.get(key),
      path: dotted ? `${dotted}.${key}` : key,
      message: `unknown key "${key}"`,
      suggestion: didYouMean(key, keysUnder(section)) ?? `valid keys here: ${keysUnder(section).join(', ')}`,
    }));
  }
  const value = valueAt(raw, path);
  const pos = locate(source, path);
  if (path.length === 0) {
    // Not echoed: a file that is no questionnaire at all (say, the environment) is not printed.
    const kind = value === null || value === undefined ? 'an empty document' : Array.isArray(value) ? 'a list' : typeof value === 'string' ? `text (${value.length} characters)` : `${typeof value === 'number' ? 'a number' : 'a single value'}`;
    return [{ file, ...pos, path: '', message: `expected a mapping of questionnaire sections, got ${kind}`, suggestion: 'mesh-assess init writes a questionnaire to start from' }];
  }
  const isItem = typeof path[path.length - 1] === 'number';
  const field = fields().get(path.filter((s) => typeof s === 'string').join('.'));
  const expected = isItem ? (field?.options ? `one of ${field.options.join(', ')}` : 'a non-empty name') : (field?.expected ?? 'a valid value');
  const options = isItem || field?.kind === 'enum' ? field?.options : undefined;
  const base = { file, ...pos, path: dotted };
  if (value === undefined) return [{ ...base, message: `required but missing: expected ${expected}`, suggestion: field ? `add it: ${field.question}` : undefined }];
  // A required answer left empty, as `mesh-assess init` writes it: say what to put there.
  if (value === null && !isItem && field?.required) {
    return [{ ...base, message: `required, and left empty: fill in ${expected}`, suggestion: field.question }];
  }
  if (field?.kind === 'list' && !isItem && Array.isArray(value) && value.length === 0 && field.required) {
    return [{ ...base, message: 'expected at least one entry, got an empty list' }];
  }
  const suggestion =
    value === null ? 'leave the key out when the answer is unknown'
    : typeof value === 'string' && options ? didYouMean(value, options)
    : field?.kind === 'count' && typeof value === 'number' ? 'counts are whole numbers, 0 or more'
    : undefined;
  // A number past its bound: say the bound, which no real organisation reaches.
  if (issue.code === 'too_big' && typeof value === 'number' && Number.isFinite(value) && (Math.abs(value) <= Number.MAX_SAFE_INTEGER || !Number.isInteger(value) || field?.kind === 'number')) {
    return [{ ...base, message: `expected at most ${thousands(Number(issue.maximum))}, got ${String(value)}`, suggestion: 'no organisation reaches this; check the number' }];
  }
  return [{ ...base, message: `expected ${expected}, got ${show(value)}`, suggestion }];
}

function valueAt(raw: unknown, path: readonly Segment[]): unknown {
  let node = raw;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<Segment, unknown>)[key];
  }
  return node;
}

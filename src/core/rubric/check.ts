import type { Problem } from '../text/problem.js';
import { fields, type Field } from '../questionnaire/fields.js';
import { conforms } from '../questionnaire/shape.js';
import { didYouMean } from '../text/suggest.js';
import { locate, locateKey, type Source } from '../yaml/yaml-source.js';
import { AXES, OPERATORS, type Condition, type Rule, type Scoring } from './schema.js';

/** A validated value with the file and path it came from, for located messages. */
export interface Located<T> {
  value: T;
  source: Source;
  at: (string | number)[];
}

type Seg = string | number;
/** Records a problem at a path relative to the thing being checked. */
export type Report = (at: Seg[], message: string, suggestion?: string) => void;

const PLACEHOLDER = /\{([a-z0-9_.]+)(?::(percent)|\|([a-z][a-z -]*)\|([a-z][a-z -]*))?\}/g;

/** A placeholder of a rubric text: `{path}`, `{path:percent}`, or `{path|noun|nouns}` for a count and its noun. */
export interface Placeholder {
  text: string;
  path: string;
  format?: string;
  /** The noun for one and for any other number: `{services.language_count|language|languages}`. */
  nouns?: [string, string];
}

/** The placeholders of a reason template, with their optional format. */
export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => ({ text: m[0], path: m[1]!, ...(m[2] ? { format: m[2] } : {}), ...(m[3] ? { nouns: [m[3], m[4]!] as [string, string] } : {}) }));
}

function operandProblem(field: Field, op: string, operand: unknown): string | undefined {
  const numeric = field.kind === 'count' || field.kind === 'number';
  if (op === 'known' || op === 'unknown') return undefined;
  if (['lt', 'lte', 'gt', 'gte'].includes(op)) return numeric ? undefined : `${op} needs a numeric field; ${field.path} is ${field.expected}`;
  if (op === 'contains') {
    if (field.kind === 'text') return typeof operand === 'string' ? undefined : 'contains needs text to look for';
    if (field.kind !== 'list') return `contains needs a list or text field; ${field.path} is ${field.expected}`;
    return field.options && !field.options.includes(String(operand)) ? `${JSON.stringify(operand)} is not one of ${field.options.join(', ')}` : undefined;
  }
  const values = op === 'in' ? (operand as unknown[]) : [operand];
  for (const v of values) {
    const ok =
      field.kind === 'enum' ? field.options!.includes(v as string)
      : field.kind === 'boolean' ? typeof v === 'boolean'
      : numeric ? typeof v === 'number'
      : field.kind === 'list' ? false
      : typeof v === 'string';
    if (!ok) return `${JSON.stringify(v)} cannot be compared with ${field.path}, which is ${field.expected}`;
  }
  return undefined;
}

/** Every path a condition names is a real field, and every operand fits its field. */
export function checkCondition(c: Condition, at: Seg[], report: Report): void {
  if (c.all) c.all.forEach((sub, i) => checkCondition(sub, [...at, 'all', i], report));
  if (c.any) c.any.forEach((sub, i) => checkCondition(sub, [...at, 'any', i], report));
  if (c.not) checkCondition(c.not, [...at, 'not'], report);
  if (c.path === undefined) return;
  const field = fields().get(c.path);
  if (!field || field.kind === 'section') {
    report([...at, 'path'], `"${c.path}" is not a questionnaire field or derived quantity`, didYouMean(c.path, [...fields().keys()]));
    return;
  }
  const op = OPERATORS.find((o) => c[o] !== undefined)!;
  const problem = operandProblem(field, op, c[op]);
  if (problem) report([...at, op], problem);
}

/** Every `{path}` placeholder in a template names a questionnaire field. */
export function checkPlaceholders(template: string, at: Seg[], report: Report): void {
  for (const p of placeholders(template)) {
    const field = fields().get(p.path);
    if (!field) report(at, `placeholder {${p.path}} names no questionnaire field`, didYouMean(p.path, [...fields().keys()]));
    else if (p.nouns && field.kind !== 'count') report(at, `placeholder ${p.text} gives a noun for a count, but ${p.path} is ${field.expected}`, `write {${p.path}}`);
  }
}

/** The placeholders each axis-reason template is filled with (see axisReason). */
const AXIS_PLACEHOLDERS = {
  met: ['score', 'threshold', 'for', 'against'],
  short: ['score', 'threshold', 'for', 'against'],
  none: [],
  open: ['count', 'questions'],
} as const;

/** Every placeholder in the axes' reason templates is one axisReason fills: any other would print as typed. */
export function checkAxisTexts(axes: Scoring['axes'], report: Report): void {
  for (const axis of AXES) {
    for (const [key, allowed] of Object.entries(AXIS_PLACEHOLDERS)) {
      for (const p of placeholders(axes[axis][key as keyof typeof AXIS_PLACEHOLDERS])) {
        if ((allowed as readonly string[]).includes(p.path) && !p.format) continue;
        const offer = allowed.length === 0 ? 'this text takes no placeholders' : `use ${allowed.map((a) => `{${a}}`).join(', ')}`;
        report(['axes', axis, key], `placeholder ${p.text} is not filled in here`, didYouMean(p.path, [...allowed]) ?? offer);
      }
    }
  }
}

/** A report that records problems located in `source`, under the path `base`. */
export function reporter(problems: Problem[], source: Source, base: Seg[]): Report {
  return (at, message, suggestion) => {
    const full = [...base, ...at];
    problems.push({ file: source.file, ...locate(source, full), path: full.join('.'), message, suggestion });
  };
}

function checkRule(rule: Rule, report: Report): void {
  checkCondition(rule.when, ['when'], report);
  checkPlaceholders(rule.reason, ['reason'], report);
  rule.remedy?.set?.forEach((change, i) => {
    const field = fields().get(change.path);
    if (!field || field.derived || field.kind === 'section' || !field.slot) {
      report(['remedy', 'set', i, 'path'], `"${change.path}" is not a questionnaire answer that can be changed`, didYouMean(change.path, [...fields().keys()]));
    } else if (!conforms(field.slot, change.value)) {
      report(['remedy', 'set', i, 'value'], `${JSON.stringify(change.value)} is not a valid answer for ${change.path}: expected ${field.expected}`);
    }
  });
  rule.remedy?.lower?.forEach((path, i) => {
    const field = fields().get(path);
    if (!field || field.derived || (field.kind !== 'count' && field.kind !== 'number')) {
      report(['remedy', 'lower', i], `"${path}" is not a number in the questionnaire that a plan could lower`, didYouMean(path, [...fields().keys()]));
    }
  });
}

/** Checks what a schema cannot: real field paths, operands that fit them, unique ids, valid remedies. */
export function checkRules(rules: readonly Located<Rule>[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Located<Rule>>();
  for (const r of rules) {
    const report = reporter(problems, r.source, r.at);
    const first = seen.get(r.value.id);
    if (first) report(['id'], `duplicate rule id "${r.value.id}"`, `it is first defined in ${first.source.file}`);
    else seen.set(r.value.id, r);
    checkRule(r.value, report);
  }
  return problems;
}

/** A weight and the scoring file that set it last. */
export interface Weight {
  value: number;
  source: Source;
}

/** Every rule has a weight and every weight names a rule. */
export function checkWeights(rules: readonly Located<Rule>[], weights: ReadonlyMap<string, Weight>): Problem[] {
  const ids = rules.map((r) => r.value.id);
  const problems: Problem[] = [];
  for (const r of rules) {
    if (!weights.has(r.value.id)) {
      problems.push({ file: r.source.file, ...locate(r.source, [...r.at, 'id']), path: [...r.at, 'id'].join('.'), message: `rule "${r.value.id}" has no weight in scoring.yaml`, suggestion: `add "${r.value.id}: <1-100>" under weights` });
    }
  }
  for (const [id, { source }] of weights) {
    if (!ids.includes(id)) {
      problems.push({ file: source.file, ...locateKey(source, ['weights'], id), path: `weights.${id}`, message: `weight for "${id}", which is no rule`, suggestion: didYouMean(id, ids) });
    }
  }
  return problems;
}

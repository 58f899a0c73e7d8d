import { pathsOf } from './condition.js';
import { cite } from '../text/format.js';
import { AXES, OPERATORS, type Condition, type SeverityLevel } from './schema.js';
import type { Rubric } from './rubric.js';

/**
 * One rule as its documentation tells it: what it checks in words, the answers it reads, what it
 * does when it fires and how much it counts, what to do about it, and where it comes from. The
 * rule documentation (docs/rules.md), `mesh-assess explain` and SARIF's rule help all read this.
 */
export interface RuleDoc {
  id: string;
  title: string;
  /** The condition in words, or what the rule stands for when it has none. */
  checks: string;
  /** The questionnaire fields the rule reads. */
  reads: string[];
  /** What it does when it fires, in words. */
  does: string;
  kind: 'score' | 'gate' | 'risk' | 'axis' | 'report';
  /** Points on its axis when it fires; 0 for a rule that moves no score. */
  weight: number;
  /** A hard rule keeps the verdict from adopt whatever the scores (product.md). */
  hard: boolean;
  remedy: string | null;
  /** For a risk: how much it matters, why, and the source of that judgement; null for every other rule. */
  severity: { level: SeverityLevel; reason: string; source: string } | null;
  source: string;
  /** The rubric file and line the rule is defined at; null for the rules that are not in a rubric file. */
  defined_at: { file: string; line: number } | null;
}

const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const oneOf = (vs: readonly unknown[]) => (vs.length === 1 ? value(vs[0]) : `${vs.slice(0, -1).map(value).join(', ')} or ${value(vs.at(-1))}`);

const WORDS: Record<(typeof OPERATORS)[number], (operand: unknown) => string> = {
  equals: (v) => `is ${value(v)}`,
  not_equals: (v) => `is not ${value(v)}`,
  lt: (v) => `is below ${value(v)}`,
  lte: (v) => `is at most ${value(v)}`,
  gt: (v) => `is above ${value(v)}`,
  gte: (v) => `is at least ${value(v)}`,
  in: (v) => `is ${oneOf(v as unknown[])}`,
  contains: (v) => `includes ${value(v)}`,
  known: () => 'is answered',
  unknown: () => 'is left unanswered',
};

/** A condition in words: "security.mandate is planned or required and security.mtls_today is none or partial". */
export function conditionWords(c: Condition, nested = false): string {
  const group = (parts: Condition[], joint: string) => {
    const text = parts.map((p) => conditionWords(p, true)).join(` ${joint} `);
    return nested && parts.length > 1 ? `(${text})` : text;
  };
  if (c.all) return group(c.all, 'and');
  if (c.any) return group(c.any, 'or');
  if (c.not) return `not ${conditionWords(c.not, true)}`;
  const op = OPERATORS.find((o) => c[o] !== undefined)!;
  return `${c.path} ${WORDS[op](c[op])}`;
}

/** The rule SARIF files unanswered questions under: not a rubric rule, so it moves nothing. */
export const UNANSWERED_QUESTION: RuleDoc = {
  id: 'unanswered-question',
  title: 'A question that could change the outcome is unanswered',
  checks: 'a questionnaire field that some rule reads is left out',
  reads: [],
  does: 'reports the question and the rules waiting on it; an unanswered question is never counted against adoption or readiness, it lowers confidence',
  kind: 'report',
  weight: 0,
  hard: false,
  remedy: 'Answer the question in the questionnaire, or leave it out while the answer is unknown.',
  severity: null,
  source: 'product.md, "Unknown is not no"',
  defined_at: null,
};

/** The rule SARIF files each --fail-on condition an assessment meets under: what failed the run, not a rubric rule. */
export const FAIL_ON_CONDITION: RuleDoc = {
  id: 'fail-on-condition',
  title: 'A condition the run fails on is met',
  checks: 'whether an assessment meets a condition of the run\'s --fail-on list (or fail-on in the configuration): a verdict, low confidence, a high-severity risk, a cost over budget, a regression',
  reads: [],
  does: 'fails the run with exit 1 and names the condition met; it moves no score',
  kind: 'report',
  weight: 0,
  hard: false,
  remedy: 'Change what the condition names, accept a finding with a waiver, or change the fail-on list where the team reviews it.',
  severity: null,
  source: 'product.md, "The contract of the command line": exit 1 when the gate failed',
  defined_at: null,
};

type Effect = Rubric['rules'][number]['effect'];

function does(e: Effect, weight: number): string {
  const move = (axis: string, direction: string) => `${direction === 'up' ? 'raises' : 'lowers'} ${axis} by ${weight} points`;
  if ('gate' in e) {
    const cap = e.gate === 'never-adopt' ? 'keeps the verdict from adopt' : 'holds the verdict at alternative at most';
    return 'axis' in e ? `${cap}, and ${move(e.axis, e.direction)}` : cap;
  }
  if ('axis' in e) return move(e.axis, e.direction);
  return 'names a risk to manage, in every verdict; it moves no score';
}

/** The documentation of every rule of a rubric set, the two axes first, in rubric order, then the rules of the report: unanswered-question and fail-on-condition. */
export function ruleDocs(r: Rubric): RuleDoc[] {
  const axes = AXES.map((axis): RuleDoc => {
    const a = r.scoring.axes[axis];
    return {
      id: a.id,
      title: a.title,
      checks: `where ${axis} stands against its threshold of ${r.scoring.thresholds[axis]}, from the rules on that axis that fired`,
      reads: [],
      does: `explains ${axis}: met at ${r.scoring.thresholds[axis]} or more`,
      kind: 'axis',
      weight: 0,
      hard: false,
      remedy: null,
      severity: null,
      source: cite(a.source),
      defined_at: null,
    };
  });
  const rules = r.rules.map((rule): RuleDoc => {
    const weight = r.scoring.weights[rule.id] ?? 0;
    const e = rule.effect;
    return {
      id: rule.id,
      title: rule.title,
      checks: conditionWords(rule.when),
      reads: [...pathsOf(rule.when)],
      does: does(e, weight),
      kind: 'gate' in e ? 'gate' : 'axis' in e ? 'score' : 'risk',
      weight,
      hard: 'gate' in e,
      remedy: rule.remedy?.text ?? null,
      severity: rule.severity ? { level: rule.severity.level, reason: rule.severity.reason, source: cite(rule.severity.source) } : null,
      source: cite(rule.source),
      defined_at: r.origins?.[rule.id] ?? null,
    };
  });
  return [...axes, ...rules, UNANSWERED_QUESTION, FAIL_ON_CONDITION];
}

import type { Assessment, Evidence, Reason, ReasonEffect, Unknown } from './assessment.js';
import { pathsOf } from './condition.js';
import { confidenceOf } from './confidence.js';
import { decide, pointsOf } from './decide.js';
import type { Answers, Value } from './questionnaire/derive.js';
import { fields } from './questionnaire/fields.js';
import type { LoadedQuestionnaire } from './questionnaire/load.js';
import { placeholders } from './rubric/check.js';
import type { Rubric, Rule } from './rubric/schema.js';
import { planToAdopt } from './to-adopt.js';

function formatValue(value: Value | undefined, format?: string): string {
  if (value === undefined) return 'not answered';
  if (format === 'percent' && typeof value === 'number') return `${Math.round(value * 100)}%`;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Fills `{path}` and `{path:percent}` in a reason with the answers. */
export function fillTemplate(template: string, answers: Answers): string {
  let out = template;
  for (const p of placeholders(template)) {
    out = out.replace(`{${p.path}${p.format ? `:${p.format}` : ''}}`, formatValue(answers.get(p.path), p.format));
  }
  return out;
}

function effectOf(rule: Rule, rubric: Rubric): ReasonEffect {
  if ('gate' in rule.effect) return { kind: 'gate', cap: rule.effect.gate };
  if ('risk' in rule.effect) return { kind: 'risk' };
  return { kind: 'score', axis: rule.effect.axis, points: pointsOf(rule, rubric) };
}

function reasonOf(rule: Rule, q: LoadedQuestionnaire, rubric: Rubric): Reason {
  const evidence: Evidence[] = pathsOf(rule.when).flatMap((path) => {
    const value = q.answers.get(path);
    return value === undefined ? [] : [{ path, value, line: q.lines.get(path) ?? null }];
  });
  return {
    rule: rule.id,
    title: rule.title,
    message: fillTemplate(rule.reason, q.answers),
    effect: effectOf(rule, rubric),
    weight: rubric.scoring.weights[rule.id] ?? 0,
    evidence,
    ...(rule.remedy ? { remedy: rule.remedy.text } : {}),
    source: `${rule.source.document} ${rule.source.section}`,
  };
}

const rank = (r: Reason) => (r.effect.kind === 'gate' ? 0 : 1);

function unknownsOf(undecided: readonly Rule[], answers: Answers, rubric: Rubric): Unknown[] {
  const byPath = new Map<string, { rules: string[]; weight: number }>();
  for (const rule of undecided) {
    const asked = pathsOf(rule.when).flatMap((p) => fields().get(p)?.from ?? [p]);
    for (const path of [...new Set(asked)].filter((p) => !answers.has(p))) {
      const entry = byPath.get(path) ?? { rules: [], weight: 0 };
      entry.rules.push(rule.id);
      entry.weight += rubric.scoring.weights[rule.id] ?? 0;
      byPath.set(path, entry);
    }
  }
  return [...byPath.entries()]
    .sort(([pa, a], [pb, b]) => b.weight - a.weight || (pa < pb ? -1 : 1))
    .map(([path, e]) => ({ path, question: fields().get(path)?.question ?? path, rules: e.rules }));
}

/** The assessment of one questionnaire against one rubric. Pure: the same inputs give the same object. */
export function assess(q: LoadedQuestionnaire, rubric: Rubric): Assessment {
  const outcome = decide(q.answers, rubric);
  const reasons = outcome.fired
    .map((rule) => reasonOf(rule, q, rubric))
    .sort((a, b) => rank(a) - rank(b) || b.weight - a.weight || (a.rule < b.rule ? -1 : 1));
  return {
    org: q.data.org.name,
    file: q.file,
    verdict: outcome.verdict,
    confidence: confidenceOf(outcome, rubric),
    scores: { need: outcome.need, readiness: outcome.readiness, thresholds: { ...rubric.scoring.thresholds } },
    gates: outcome.fired.filter((r) => 'gate' in r.effect).map((r) => r.id),
    reasons,
    unknowns: unknownsOf(outcome.undecided, q.answers, rubric),
    toAdopt: outcome.verdict === 'adopt' ? [] : planToAdopt(q.data, rubric),
  };
}

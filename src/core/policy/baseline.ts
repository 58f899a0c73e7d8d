import type { Assessment, Comparison, Verdict } from '../report/assessment.js';

export type { Comparison } from '../report/assessment.js';

/** What a comparison needs of an assessment written earlier: any version of the JSON output has these. */
export interface BaselineAssessment {
  file: string;
  verdict: Verdict;
  scores: { need: number; readiness: number };
  gates: string[];
  reasons: { rule: string }[];
  unknowns: { path: string }[];
}


const RANK: Record<Verdict, number> = { alternative: 0, defer: 1, adopt: 2 };

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

/** The comparison of an assessment with the one written earlier for the same questionnaire. */
export function compare(now: Assessment, was: BaselineAssessment, isAnswered: (path: string) => boolean): Comparison {
  const rules = (a: { reasons: { rule: string }[] }) => [...new Set(a.reasons.map((r) => r.rule))];
  const delta = (x: number, y: number) => ({ was: x, now: y, delta: y - x });
  const readiness = delta(was.scores.readiness, now.scores.readiness);
  return {
    baseline: was.file,
    verdict: { was: was.verdict, now: now.verdict },
    need: delta(was.scores.need, now.scores.need),
    readiness,
    appeared: minus(rules(now), rules(was)),
    went: minus(rules(was), rules(now)),
    gates_appeared: minus(now.gates, was.gates),
    gates_went: minus(was.gates, now.gates),
    answered: was.unknowns.map((u) => u.path).filter(isAnswered),
    regression: RANK[now.verdict] < RANK[was.verdict] || readiness.delta < 0,
  };
}

/** One line on how an assessment moved, as the reports print it. */
export function comparisonText(c: Comparison): string {
  const verdict = c.verdict.was === c.verdict.now ? `verdict ${c.verdict.now} as before` : `verdict ${c.verdict.was} -> ${c.verdict.now}`;
  const axis = (name: string, d: Comparison['need']) => `${name} ${d.was} -> ${d.now}${d.delta === 0 ? '' : ` (${d.delta > 0 ? '+' : ''}${d.delta})`}`;
  const list = (label: string, xs: readonly string[]) => (xs.length > 0 ? [`${label}: ${xs.join(', ')}`] : []);
  return [
    verdict,
    axis('need', c.need),
    axis('readiness', c.readiness),
    ...list('hard rules now holding', c.gates_appeared),
    ...list('hard rules lifted', c.gates_went),
    ...list('rules now firing', minus(c.appeared, c.gates_appeared)),
    ...list('rules no longer firing', minus(c.went, c.gates_went)),
    ...list('answered since', c.answered),
  ].join('; ');
}

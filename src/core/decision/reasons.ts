import type { Evidence, Reason, Unknown, Verdict } from '../report/assessment.js';
import { pathsOf } from '../rubric/condition.js';
import type { Outcome } from './decide.js';
import { fields } from '../questionnaire/fields.js';
import type { LoadedQuestionnaire } from '../questionnaire/load.js';
import type { Axis, Rule } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';
import { cite } from '../text/format.js';
import { evidenceOf, fillTemplate } from '../rubric/reason-text.js';

/** Answers left out that undecided rules wanted, most at stake first. */
export function unknownsOf(undecided: readonly Rule[], q: LoadedQuestionnaire, rubric: Rubric): Unknown[] {
  const answers = q.answers;
  const byPath = new Map<string, { rules: string[]; weight: number }>();
  // A section partly answered (some incident causes, not all) asks for what it leaves out.
  const missingUnder = (section: string) => {
    const leaves = [...fields().values()].filter((f) => f.path.startsWith(`${section}.`) && !f.derived && f.kind !== 'section').map((f) => f.path);
    return leaves.some((l) => answers.has(l)) ? leaves.filter((l) => !answers.has(l)) : [section];
  };
  for (const rule of undecided) {
    const asked = pathsOf(rule.when)
      .flatMap((p) => fields().get(p)?.from ?? [p])
      .flatMap((p) => (fields().get(p)?.kind === 'section' ? missingUnder(p) : [p]));
    for (const path of [...new Set(asked)].filter((p) => !answers.has(p))) {
      const entry = byPath.get(path) ?? { rules: [], weight: 0 };
      entry.rules.push(rule.id);
      entry.weight += rubric.scoring.weights[rule.id] ?? 0;
      byPath.set(path, entry);
    }
  }
  return [...byPath.entries()]
    .sort(([pa, a], [pb, b]) => b.weight - a.weight || (pa < pb ? -1 : 1))
    .map(([path, e]) => ({ path, question: fields().get(path)?.question ?? path, rules: e.rules, ...q.anchorOf(path) }));
}

const onAxis = (rule: Rule, axis: Axis) => 'axis' in rule.effect && rule.effect.axis === axis;
const pointsOn = (r: Reason, axis: Axis) => ((r.effect.kind === 'score' || r.effect.kind === 'gate') && r.effect.axis === axis ? (r.effect.points ?? 0) : 0);
const byWeight = (a: Reason, b: Reason) => b.weight - a.weight || (a.rule < b.rule ? -1 : 1);

function titles(rs: readonly Reason[], none: string): string {
  return rs.length === 0 ? none : rs.slice(0, 3).map((r) => r.title.charAt(0).toLowerCase() + r.title.slice(1)).join('; ') + (rs.length > 3 ? `; and ${rs.length - 3} more` : '');
}

/** A template filled with computed values; check.ts makes sure it names no others. */
const fill = (template: string, values: Record<string, string | number>) => fillTemplate(template, { get: (k) => values[k] });

/**
 * Where an axis stands against its threshold, as a reason: what raised and lowered it, and the
 * open questions that could still move it. Its evidence is the answers of the rules that moved it
 * or, when none did, the answers its rules read and found not to hold.
 */
export function axisReason(axis: Axis, outcome: Outcome, fired: readonly Reason[], q: LoadedQuestionnaire, rubric: Rubric): Reason {
  const text = rubric.scoring.axes[axis];
  const score = outcome[axis];
  const threshold = rubric.scoring.thresholds[axis];
  const moved = fired.filter((r) => pointsOn(r, axis) !== 0).sort(byWeight);
  const open = unknownsOf(outcome.undecided.filter((r) => onAxis(r, axis)), q, rubric);
  const met = score >= threshold;
  let message = fill(met ? text.met : text.short, {
    score,
    threshold,
    for: titles(moved.filter((r) => pointsOn(r, axis) > 0), text.none),
    against: titles(moved.filter((r) => pointsOn(r, axis) < 0), text.none),
  });
  if (open.length > 0) message += ` ${fill(text.open, { count: open.length, questions: open.slice(0, 3).map((u) => u.path).join(', ') })}`;
  const read = moved.length > 0 ? moved.flatMap((r) => r.evidence) : rubric.rules.filter((r) => onAxis(r, axis)).flatMap((r) => evidenceOf(r.when, q.answers, q.positions));
  const evidence: Evidence[] = [...new Map(read.map((e) => [e.path, e])).values()];
  return {
    rule: text.id,
    title: text.title,
    message,
    effect: { kind: 'axis', axis, score, threshold, met },
    weight: 0,
    evidence,
    source: cite(text.source),
  };
}

/** The gates that hold the verdict below adopt and say what would lift them: the first steps when no checked set of answers reaches adopt. */
export const liftableGates = (reasons: readonly Reason[]): Reason[] => reasons.filter((r) => r.effect.kind === 'gate' && r.remedy !== undefined);

/**
 * The reasons in the order that explains the verdict: the gates that capped it; the axis that
 * decided it (need for alternative, readiness for defer, both for adopt) and the rules that moved
 * that axis the verdict's way; then the rest by weight; risks last.
 */
export function deciding(reasons: readonly Reason[], verdict: Verdict): Reason[] {
  const axes = reasons.filter((r) => r.effect.kind === 'axis');
  const short = axes.find((r) => r.effect.kind === 'axis' && !r.effect.met && (verdict === 'alternative' ? r.effect.axis === 'need' : r.effect.axis === 'readiness'));
  const decisive = verdict === 'adopt' ? axes : short ? [short] : [];
  const pulled = (r: Reason) => decisive.some((d) => d.effect.kind === 'axis' && Math.sign(pointsOn(r, d.effect.axis)) === (d.effect.met ? 1 : -1));
  const rank = (r: Reason) =>
    r.effect.kind === 'gate' ? 0 : decisive.includes(r) ? 1 : r.effect.kind === 'score' && pulled(r) ? 2 : r.effect.kind === 'risk' ? 4 : 3;
  return [...reasons].sort((a, b) => rank(a) - rank(b) || (a.effect.kind === 'axis' && b.effect.kind === 'axis' ? 0 : byWeight(a, b)));
}

import type { CheckItem, Phase, Precondition } from '../report/assessment.js';
import { evaluate, pathsOf, type Truth } from '../rubric/condition.js';
import type { Answers } from '../questionnaire/derive.js';
import { fields } from '../questionnaire/fields.js';
import type { Position } from '../yaml/yaml-source.js';
import { cite } from '../text/format.js';
import { evidenceOf } from '../rubric/reason-text.js';
import type { Axis, Condition } from '../rubric/schema.js';
import type { RolloutPlan } from './schema.js';

const STATUS = { true: 'met', false: 'not-met', unknown: 'unanswered' } as const;
const statusOf = (t: Truth) => STATUS[String(t) as keyof typeof STATUS];

/** The questions of the answers a condition reads that are left out: what would settle it. */
function questionsOf(c: Condition, answers: Answers): string[] {
  const open = pathsOf(c).filter((p) => answers.get(p) === undefined);
  return [...new Set(open.map((p) => fields().get(p)?.question ?? p))];
}

/** What must hold before a phase starts, read from the answers. */
function precondition(b: { requirement: string; when: Condition }, answers: Answers, positions: ReadonlyMap<string, Position>): Precondition {
  const status = statusOf(evaluate(b.when, answers));
  return { requirement: b.requirement, status, evidence: evidenceOf(b.when, answers, positions), questions: status === 'unanswered' ? questionsOf(b.when, answers) : [] };
}

/** The rollout phases, the first one starting from this organisation's strongest driver. */
export function phasesFor(plan: RolloutPlan, answers: Answers, positions: ReadonlyMap<string, Position>): Phase[] {
  // The last use case has no condition (the loader checks it), so there is always a match.
  const first = plan.first_use_cases.find((u) => !u.when || evaluate(u.when, answers) === true)!;
  return plan.phases.map((p) => ({
    id: p.id,
    title: p.title,
    goal: p.goal.trim(),
    ...(p.starts_with_use_case ? { use_case: { id: first.id, use_case: first.use_case, why: first.why } } : {}),
    exit: p.exit,
    rollback: p.rollback,
    ...(p.blocked_until ? { blocked_until: precondition(p.blocked_until, answers, positions) } : {}),
    source: cite(p.source),
  }));
}

/**
 * The production-readiness checklist with each item's status read from the answers; an item met
 * whenever an axis meets its threshold is met when this assessment's does, whatever else it reads.
 * An item left unanswered names the questions that would settle it.
 */
export function checklistFor(plan: RolloutPlan, answers: Answers, positions: ReadonlyMap<string, Position>, axisMet: Readonly<Record<Axis, boolean>>): CheckItem[] {
  return plan.checklist.map((c) => {
    const status = c.met_when_axis && axisMet[c.met_when_axis] ? 'met' : c.done_when ? statusOf(evaluate(c.done_when, answers)) : 'check-by-hand';
    return {
      id: c.id,
      area: c.area,
      requirement: c.requirement,
      status,
      evidence: evidenceOf(c.done_when, answers, positions),
      questions: status === 'unanswered' && c.done_when ? questionsOf(c.done_when, answers) : [],
      source: cite(c.source),
    };
  });
}

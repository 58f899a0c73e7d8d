import type { CheckItem, Phase } from '../assessment.js';
import { evaluate } from '../condition.js';
import type { Answers } from '../questionnaire/derive.js';
import type { Position } from '../yaml-source.js';
import { cite, evidenceOf } from '../template.js';
import type { Axis } from '../rubric/schema.js';
import type { RolloutPlan } from './schema.js';

/** The rollout phases, the first one starting from this organisation's strongest driver. */
export function phasesFor(plan: RolloutPlan, answers: Answers): Phase[] {
  // The last use case has no condition (the loader checks it), so there is always a match.
  const first = plan.first_use_cases.find((u) => !u.when || evaluate(u.when, answers) === true)!;
  return plan.phases.map((p) => ({
    id: p.id,
    title: p.title,
    goal: p.goal.trim(),
    ...(p.starts_with_use_case ? { use_case: { id: first.id, use_case: first.use_case, why: first.why } } : {}),
    exit: p.exit,
    rollback: p.rollback,
    source: cite(p.source),
  }));
}

const STATUS = { true: 'met', false: 'not-met', unknown: 'unanswered' } as const;

/**
 * The production-readiness checklist with each item's status read from the answers; an item met
 * whenever an axis meets its threshold is met when this assessment's does, whatever else it reads.
 */
export function checklistFor(plan: RolloutPlan, answers: Answers, positions: ReadonlyMap<string, Position>, axisMet: Readonly<Record<Axis, boolean>>): CheckItem[] {
  return plan.checklist.map((c) => ({
    id: c.id,
    area: c.area,
    requirement: c.requirement,
    status: c.met_when_axis && axisMet[c.met_when_axis] ? 'met' : c.done_when ? STATUS[String(evaluate(c.done_when, answers)) as keyof typeof STATUS] : 'check-by-hand',
    evidence: evidenceOf(c.done_when, answers, positions),
    source: cite(c.source),
  }));
}

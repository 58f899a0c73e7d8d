import type { AdoptChange } from '../report/assessment.js';
import { evaluate, pathsOf, type Truth } from '../rubric/condition.js';
import { decide, tally, truthsOf, type Outcome } from './decide.js';
import { fields } from '../questionnaire/fields.js';
import { answersWith, type Answers } from '../questionnaire/derive.js';
import { MAX_PLAN_ROUNDS } from '../yaml/limits.js';
import type { Change, Rule } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';
import { fromMeshChoice, overheadSources } from '../knowledge/latency.js';

type Step = Change & { rule: Rule };

// While planning, remedies are applied to the answers unchecked: the rubric loader has already
// checked every remedy value against its field, and no field's validity depends on another.
// Planning decides again for every set of changes it tries; only the rules that read a changed
// answer, or a quantity derived from one, can come out differently, so only those are evaluated.
export interface Planner {
  answers: Answers;
  rubric: Rubric;
  /** How each rule came out on the answers as written. */
  truths: readonly Truth[];
  /** For each rule, the answers it depends on: what it reads, and what its derived quantities come from. */
  sources: readonly (readonly string[])[];
  /** The rules a change to an answer can affect, by the answer's path; filled as asked. */
  affected: Map<string, readonly number[]>;
}

// What each rule depends on, and so which rules a change can affect, is the same for every
// questionnaire assessed against a rubric: worked out once per rubric.
const dependencies = new WeakMap<Rubric, Pick<Planner, 'sources' | 'affected'>>();

export function plannerFor(answers: Answers, rubric: Rubric, truths: readonly Truth[] = truthsOf(answers, rubric)): Planner {
  let deps = dependencies.get(rubric);
  // Stryker disable next-line ConditionalExpression: a cache
  if (!deps) {
    // A quantity the knowledge derives (the overhead of the mesh the answers recommend) depends on
    // every answer the choice of mesh reads, beyond the questions its field lists.
    // Stryker disable next-line ArrayDeclaration: with no catalogue no rule reads the mesh, so the list is never read
    const knowledge = rubric.knowledge.meshes ? overheadSources(rubric.knowledge.meshes) : [];
    // Stryker disable next-line OptionalChaining,ArrayDeclaration: every path a rule reads is in the catalogue, and the sources of the mesh's figures are in `knowledge` too
    const from = (p: string) => (fromMeshChoice(p) ? [...(fields().get(p)?.from ?? []), ...knowledge] : (fields().get(p)?.from ?? [p]));
    deps = { sources: rubric.rules.map((r) => [...new Set(pathsOf(r.when).flatMap(from))]), affected: new Map() };
    dependencies.set(rubric, deps);
  }
  return { answers, rubric, truths, ...deps };
}

/** The rules (by index) whose truth a change to the answer at `path` can affect. */
export function affectedBy(p: Planner, path: string): readonly number[] {
  let rules = p.affected.get(path);
  // Stryker disable next-line ConditionalExpression: a cache
  if (!rules) {
    // Stryker disable next-line StringLiteral: taking every rule as affected decides more rules again, with the same outcome
    // Stryker disable next-line ConditionalExpression: taking every rule as affected decides more rules again, with the same outcome
    rules = p.sources.flatMap((reads, i) => (reads.some((s) => path === s || path.startsWith(`${s}.`)) ? [i] : []));
    p.affected.set(path, rules);
  }
  return rules;
}

/** The outcome of the rules with the changes applied. */
function outcomeAfter(p: Planner, steps: readonly Change[]): Outcome {
  // Stryker disable next-line ConditionalExpression: a shortcut; with no steps the rules come out as they did
  if (steps.length === 0) return tally(p.truths, p.rubric);
  const answers = answersWith(p.answers, steps);
  const truths = [...p.truths];
  for (const step of steps) for (const i of affectedBy(p, step.path)) truths[i] = evaluate(p.rubric.rules[i]!.when, answers);
  return tally(truths, p.rubric);
}

/** The verdict with the changes applied, deciding again only the rules they can affect. */
export const verdictAfter = (p: Planner, steps: readonly Change[]) => outcomeAfter(p, steps).verdict;

const byWeight = (rubric: Rubric) => (a: Rule, b: Rule) =>
  (rubric.scoring.weights[b.id] ?? 0) - (rubric.scoring.weights[a.id] ?? 0) || (a.id < b.id ? -1 : 1);

/**
 * A remedy that lowers numbers: the largest answered one among them brought down just far enough
 * that the rule no longer fires on top of the steps taken (to zero, and then the next largest, when
 * zero is not enough). Empty when lowering cannot lift the rule.
 */
function loweringSteps(p: Planner, rule: Rule, taken: readonly Step[]): Step[] {
  const now = answersWith(p.answers, taken);
  // Stryker disable next-line ArrayDeclaration,OptionalChaining: loweringSteps is called only for a rule whose remedy lowers numbers
  const answered = (rule.remedy?.lower ?? [])
    .map((path) => ({ path, was: now.get(path) }))
    .filter((x): x is { path: string; was: number } => typeof x.was === 'number' && x.was > 0)
    .sort((a, b) => b.was - a.was);
  const steps: Step[] = [];
  const fires = (extra: readonly Change[]) => evaluate(rule.when, answersWith(p.answers, [...taken, ...extra])) === true;
  for (const { path, was } of answered) {
    const at = (v: number) => [...steps, { path, value: v, rule }];
    if (fires(at(0))) {
      steps.push({ path, value: 0, rule });
      continue;
    }
    // The rule stops firing somewhere between 0 and the answer: the highest such value.
    let lo = 0;
    let hi = was;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (fires(at(mid))) hi = mid;
      else lo = mid;
    }
    steps.push({ path, value: lo, rule });
    return steps;
  }
  return [];
}

/** Remedies that would help now: blockers that fired, then helpers that did not, heaviest first. */
function nextSteps(p: Planner, taken: readonly Step[]): Step[] {
  const { rubric } = p;
  const outcome = outcomeAfter(p, taken);
  const isNew = (c: Change) => !taken.some((s) => s.path === c.path && JSON.stringify(s.value) === JSON.stringify(c.value));
  const lowered = new Map<Rule, Step[]>();
  const lowering = (r: Rule) => {
    // Stryker disable next-line ConditionalExpression: a shortcut; loweringSteps finds nothing to lower without a `lower` list
    if (!r.remedy?.lower) return [];
    // Stryker disable next-line ConditionalExpression: a cache
    if (!lowered.has(r)) lowered.set(r, loweringSteps(p, r, taken));
    return lowered.get(r)!;
  };
  const usable = (r: Rule) => (r.remedy?.set ?? []).some(isNew) || lowering(r).length > 0;
  // A helper counts only if its remedy, on top of the steps taken, really makes it fire.
  // Stryker disable next-line ArrayDeclaration,OptionalChaining: a helper reaches this only when usable, through its `set` changes
  const fires = (r: Rule) => evaluate(r.when, answersWith(p.answers, [...taken, ...(r.remedy?.set ?? [])])) === true;
  const blockers = outcome.fired.filter((r) => ('gate' in r.effect || ('direction' in r.effect && r.effect.direction === 'down')) && usable(r));
  const helpers = rubric.rules.filter((r) => 'direction' in r.effect && r.effect.direction === 'up' && !outcome.fired.includes(r) && usable(r) && fires(r));
  const chosen = blockers.length > 0 ? blockers.sort(byWeight(rubric)) : helpers.sort(byWeight(rubric)).slice(0, 1);
  // Stryker disable next-line OptionalChaining: a rule is chosen only when usable, so it has a remedy
  return chosen.flatMap((rule) => [...(rule.remedy?.set ?? []).filter(isNew).map((c) => ({ ...c, rule })), ...lowering(rule)]);
}

/**
 * Each numeric change brought down to the smallest value some remedy in the rubric uses for
 * that answer that still gives adopt (20 services rather than 50 when 20 is enough), with that
 * remedy's rule, so the message matches the value.
 */
function lowered(p: Planner, steps: Step[]): Step[] {
  const { rubric } = p;
  const out = [...steps];
  out.forEach((step, i) => {
    // Stryker disable next-line ConditionalExpression: a step of another type finds no lower number among the remedies
    if (typeof step.value !== 'number') return;
    const lower = rubric.rules
      .flatMap((rule) => (rule.remedy?.set ?? []).map((c) => ({ ...c, rule })))
      .filter((c) => c.path === step.path && typeof c.value === 'number' && c.value < (step.value as number))
      .sort((a, b) => (a.value as number) - (b.value as number));
    const fit = lower.find((c) => verdictAfter(p, out.map((s, j) => (j === i ? c : s))) === 'adopt');
    if (fit) out[i] = fit;
  });
  return out;
}

/** The answers some remedy in the rubric sets: worked out once per rubric. */
const remediable = new WeakMap<Rubric, readonly string[]>();

// Stryker disable all: a shortcut for speed. When it answers that no plan can lift a gate, the
// planner, run instead, finds none; the one way it can be wrong, answering so where a remedy does
// lift the gate, is pinned in test/pin-to-adopt.test.ts.
/**
 * Whether a gate that fired can never be lifted: it has no remedy, and it reads no answer any
 * remedy changes. Then no plan reaches adopt, and none is looked for.
 */
function lockedGate(p: Planner): boolean {
  let paths = remediable.get(p.rubric);
  // Stryker disable next-line ConditionalExpression: a cache
  if (!paths) {
    paths = [...new Set(p.rubric.rules.flatMap((r) => [...(r.remedy?.set ?? []).map((c) => c.path), ...(r.remedy?.lower ?? [])]))];
    remediable.set(p.rubric, paths);
  }
  const touches = (read: string) => paths.some((c) => c === read || c.startsWith(`${read}.`) || read.startsWith(`${c}.`));
  return p.rubric.rules.some((r, i) => p.truths[i] === true && 'gate' in r.effect && !r.remedy?.set && !r.remedy?.lower && !p.sources[i]!.some(touches));
}
// Stryker restore all

/**
 * The answer changes that, applied together, turn the verdict into adopt: built from the rules'
 * remedies, pruned to what is needed, and checked by deciding again. Empty when no such set is found.
 * `truths`, how each rule came out on the answers, saves evaluating them again when already known.
 */
export function planToAdopt(answers: Answers, rubric: Rubric, truths?: readonly Truth[]): AdoptChange[] {
  const p = plannerFor(answers, rubric, truths);
  // Stryker disable next-line ConditionalExpression: as lockedGate(): the planner finds no plan where it answers yes
  if (lockedGate(p)) return [];
  let steps: Step[] = [];
  // Stryker disable next-line EqualityOperator,MethodExpression: a bound on the rounds; the loop ends first, when a round has no new step
  for (let round = 0; round < Math.min(rubric.rules.length, MAX_PLAN_ROUNDS) && verdictAfter(p, steps) !== 'adopt'; round++) {
    const more = nextSteps(p, steps);
    // Stryker disable next-line ConditionalExpression: a round with no new step leaves the steps as they are, to the bound
    if (more.length === 0) break;
    // A later remedy on the same answer replaces the earlier one (say, 20 services, then 50).
    const merged = more.filter((s, i) => more.findIndex((t) => t.path === s.path) === i);
    steps = [...steps.filter((s) => !merged.some((m) => m.path === s.path)), ...merged];
  }
  if (steps.length === 0 || verdictAfter(p, steps) !== 'adopt') return [];
  // Stryker disable next-line ArithmeticOperator: a first turn one past the end drops no step
  for (let i = steps.length - 1; i >= 0; i--) {
    const without = steps.filter((_, j) => j !== i);
    if (verdictAfter(p, without) === 'adopt') steps = without;
  }
  steps = lowered(p, steps);
  // Checked once more from scratch, every rule evaluated on the changed answers.
  if (decide(answersWith(answers, steps), rubric).verdict !== 'adopt') return [];
  return steps.map((s) => ({ path: s.path, value: s.value, message: s.rule.remedy!.text, rule: s.rule.id }));
}

// The plan to adopt (src/core/decision/to-adopt.ts) on small random rubrics with remedies: gates
// and rules down that remedies lift by setting an answer or lowering numbers, rules up that
// remedies make fire (or, for some, fail to), several remedy values on one number. Each case
// checks what product.md asks of the plan, by deciding every rule again on the changed answers:
// none for an adopt verdict; applied, it gives adopt; without any one change it does not; each
// number is the smallest value a remedy of the rubric gives that still reaches adopt; each change
// names the rule whose remedy it comes from. And a plan is found whenever the remedies of the
// rules that hold adopt back, all applied, reach it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide } from '../src/core/decision/decide.js';
import { answersWith, type Value } from '../src/core/questionnaire/derive.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { assess } from '../src/core/decision/assess.js';
import type { Rubric } from '../src/core/rubric/rubric.js';
import { testRubric, type TestRule } from './pin-rubric.js';

const RUNS = Math.max(300, Math.ceil(Number(process.env.FUZZ_CASES ?? 0) / 10));

const BOOLS = ['traffic.header_routing', 'traffic.fault_injection', 'traffic.mirroring', 'platform_team.publishes_slos', 'platform_team.owns_on_call'] as const;
const NUMBERS = ['services.count', 'traffic.deploys_per_week', 'platform_team.engineers'] as const;

/** A rule and its remedy: on a boolean (the remedy sets it, to the value that turns the rule, or for some the other), or on a number (set to a value, or lowered). */
const rule = fc.oneof(
  fc.record({ path: fc.constantFrom(...BOOLS), is: fc.boolean(), fixes: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }).map(({ path, is, fixes }) => ({
    when: `{ path: ${path}, equals: ${is} }`,
    // A remedy for a rule that holds adopt back turns it off; one for a rule up turns it on: which is which is known only with the effect, so both are offered.
    lift: `{ text: "Set ${path} to ${fixes ? !is : is}.", set: [{ path: ${path}, value: ${fixes ? !is : is} }] }`,
    help: `{ text: "Set ${path} to ${fixes ? is : !is}.", set: [{ path: ${path}, value: ${fixes ? is : !is} }] }`,
  })),
  fc.record({ path: fc.constantFrom(...NUMBERS), n: fc.integer({ min: 2, max: 30 }), lowers: fc.boolean() }).map(({ path, n, lowers }) => ({
    when: `{ path: ${path}, gte: ${n} }`,
    lift: lowers ? `{ text: "Lower ${path}.", lower: [${path}] }` : `{ text: "Set ${path} to ${n - 1}.", set: [{ path: ${path}, value: ${n - 1} }] }`,
    help: `{ text: "Raise ${path} to ${n}.", set: [{ path: ${path}, value: ${n} }] }`,
  })),
);
const effect = fc.constantFrom('{ axis: need, direction: up }', '{ axis: need, direction: down }', '{ axis: readiness, direction: up }', '{ axis: readiness, direction: down }', '{ gate: never-adopt }', '{ gate: at-most-alternative }');
const rules = fc
  .array(fc.record({ r: rule, effect, weight: fc.integer({ min: 1, max: 30 }), remedied: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) }), { minLength: 2, maxLength: 7 })
  .map((rs) =>
    rs.map(({ r, effect: e, weight, remedied }, i): TestRule => ({
      id: `r${i}`,
      when: r.when,
      effect: e,
      weight,
      ...(remedied ? { remedy: e.includes('direction: up') ? r.help : r.lift } : {}),
    })),
  );
const thresholds = fc.record({ need: fc.integer({ min: 30, max: 65 }), readiness: fc.integer({ min: 30, max: 75 }) });

const answers = fc.record({
  count: fc.integer({ min: 1, max: 40 }),
  deploys: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  engineers: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  bools: fc.array(fc.option(fc.boolean(), { nil: undefined }), { minLength: BOOLS.length, maxLength: BOOLS.length }),
});
type Given = typeof answers extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(g: Given): string {
  const entries = (prefix: string, extra: [string, unknown][]) =>
    [...BOOLS.flatMap((p, i) => (p.startsWith(prefix) && g.bools[i] !== undefined ? [[p.slice(prefix.length), g.bools[i]] as [string, unknown]] : [])), ...extra.filter(([, v]) => v !== undefined)].map(([k, v]) => `${k}: ${v}`).join(', ');
  const traffic = entries('traffic.', [['deploys_per_week', g.deploys]]);
  return [
    'version: 1',
    'org: { name: Plan Co }',
    `services: { count: ${g.count}, languages: [go] }`,
    `platform_team: { ${entries('platform_team.', [['exists', true], ['engineers', g.engineers]])} }`,
    ...(traffic ? [`traffic: { ${traffic} }`] : []),
  ].join('\n') + '\n';
}

/** The remedy values of the rubric for an answer: what a number could be brought down to. */
const remedyValues = (r: Rubric, path: string) => r.rules.flatMap((x) => (x.remedy?.set ?? []).filter((c) => c.path === path).map((c) => c.value));

describe('the plan to adopt, against every rule decided again', () => {
  it('is none for adopt, reaches adopt, is minimal and lowered, and is found where the remedies of what holds adopt back reach it', () => {
    let plans = 0;
    let lowered = 0;
    fc.assert(
      fc.property(rules, thresholds, answers, (rs, t, g) => {
        const r = testRubric(rs, t);
        const q = loadQuestionnaire('q.yaml', yamlOf(g));
        if (!q.ok) throw new Error(JSON.stringify(q.problems));
        const given = q.value.answers;
        const verdictOf = (changes: readonly { path: string; value: unknown }[]) => decide(answersWith(given, changes as { path: string; value: Value }[]), r).verdict;
        const a = assess(q.value, r);
        const plan = a.toAdopt;
        const about = `${JSON.stringify(rs)} ${JSON.stringify(t)}\n${yamlOf(g)}${JSON.stringify(plan)}`;
        if (a.verdict === 'adopt') {
          expect(plan, about).toEqual([]);
          return;
        }
        // Found where it should be: every remedy that sets answers, of the rules that fired and
        // hold adopt back and of the rules up that did not fire, applied together, reaching adopt
        // with each rule's remedy changing what it reads as the remedy says.
        const outcome = decide(given, r);
        const holding = r.rules.filter((x, i) => outcome.truths[i] === true && ('gate' in x.effect || ('direction' in x.effect && x.effect.direction === 'down')));
        if (plan.length === 0) {
          const every = holding.flatMap((x) => x.remedy?.set ?? []);
          const lowers = holding.some((x) => x.remedy?.lower);
          const all = new Set(every.map((c) => c.path)).size === every.length;
          if (!lowers && all && every.length > 0 && holding.every((x) => x.remedy?.set) && verdictOf(every) === 'adopt') {
            // With no rule up in the way: the planner lifts every blocker in one round.
            expect(plan, about).not.toEqual([]);
          }
          return;
        }
        plans++;
        expect(verdictOf(plan), about).toBe('adopt');
        for (const c of plan) expect(verdictOf(plan.filter((x) => x !== c)), about).not.toBe('adopt');
        for (const c of plan) {
          const source = r.rules.find((x) => x.id === c.rule)!;
          expect(source, about).toBeDefined();
          expect(c.message, about).toBe(source.remedy!.text);
          const sets = (source.remedy!.set ?? []).some((s) => s.path === c.path && JSON.stringify(s.value) === JSON.stringify(c.value));
          expect(sets || (source.remedy!.lower ?? []).includes(c.path), about).toBe(true);
          if (typeof c.value !== 'number' || !sets) continue;
          // No smaller value a remedy gives this answer reaches adopt with the rest of the plan.
          for (const v of remedyValues(r, c.path)) {
            if (typeof v === 'number' && v < c.value) expect(verdictOf(plan.map((x) => (x === c ? { ...x, value: v } : x))), about).not.toBe('adopt');
          }
          const at = c.value;
          if (remedyValues(r, c.path).some((v) => typeof v === 'number' && v > at)) lowered++;
        }
      }),
      { numRuns: RUNS, seed: 2612073 },
    );
    // The cases reach what they are for: plans, and numbers with a larger remedy value passed over.
    expect(plans).toBeGreaterThan(RUNS / 5);
    expect(lowered).toBeGreaterThan(0);
  }, 60_000);
});

// Pins for the plan to adopt (src/core/decision/to-adopt.ts). The built-in rubric and its
// examples never reach these lines of the planner, so each test gives a small rubric of its own
// whose remedies lead the planner down the one path under test. Need has no rules in these
// rubrics and stays at its prior, 50, the threshold: readiness (threshold 70) decides.
import { describe, expect, it } from 'vitest';
import { planToAdopt } from '../src/core/decision/to-adopt.js';
import { truthsOf } from '../src/core/decision/decide.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import type { Rubric } from '../src/core/rubric/rubric.js';
import { assessWith, questionnaire, testRubric, type TestRule } from './pin-rubric.js';

const up = '{ axis: readiness, direction: up }';
const REQUIRED = ['services: { count: 10, languages: [go, java] }'];

const answersOf = (text: string) => {
  const q = loadQuestionnaire('q.yaml', text);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return q.value.answers;
};

const plan = (r: Rubric, ...lines: string[]) => assessWith(r, questionnaire(...REQUIRED, ...lines)).toAdopt;

describe('a number brought down to the smallest remedy value that still gives adopt', () => {
  // Readiness reaches 55 points upwards. 50 services (30 points) is the heavier helper, so the
  // planner sets it first; 20 services (25 points) alone already gives 50 + 50 x 25/55 = 73.
  const rules: TestRule[] = [
    { id: 'large-fleet', when: '{ path: services.count, gte: 50 }', effect: up, weight: 30, remedy: '{ text: "Grow to 50 services.", set: [{ path: services.count, value: 50 }] }' },
    { id: 'mid-fleet', when: '{ path: services.count, gte: 20 }', effect: up, weight: 25, remedy: '{ text: "Grow to 20 services.", set: [{ path: services.count, value: 20 }] }' },
  ];

  // Mutation pinned: lowered() switched off (its call in planToAdopt removed, or it returning the
  // steps as given), so that the plan asks for 50 services where 20 are enough.
  it('asks for 20 services, with the remedy that says 20, not the 50 first planned', () => {
    const r = testRubric(rules);
    expect(assessWith(r, questionnaire(...REQUIRED, 'platform_team: { exists: true }')).verdict).toBe('defer');
    expect(plan(r, 'platform_team: { exists: true }')).toEqual([{ path: 'services.count', value: 20, message: 'Grow to 20 services.', rule: 'mid-fleet' }]);
  });

  it('keeps 50 when 20 is not enough', () => {
    // With 20 services worth 15 points, 20 alone gives 50 + 50 x 15/45 = 67: short of 70.
    const r = testRubric([rules[0]!, { ...rules[1]!, weight: 15 }]);
    expect(plan(r, 'platform_team: { exists: true }')).toEqual([{ path: 'services.count', value: 50, message: 'Grow to 50 services.', rule: 'large-fleet' }]);
  });
});

describe('a helper whose remedy cannot make its own rule fire', () => {
  // The heaviest helper asks for header routing, but fires only with canaries required as well,
  // which the answers rule out; and header routing set by hand holds adopt away (a gate with no
  // remedy). The on-call rule alone gives 50 + 50 x 30/70 = 71.
  const r = () =>
    testRubric([
      { id: 'routing-at-scale', when: '{ all: [{ path: traffic.header_routing, equals: true }, { path: traffic.canary, equals: required }] }', effect: up, weight: 40, remedy: '{ text: "Route by header.", set: [{ path: traffic.header_routing, value: true }] }' },
      { id: 'headers-by-hand', when: '{ path: traffic.header_routing, equals: true }', effect: '{ gate: never-adopt }', weight: 10 },
      { id: 'owns-on-call', when: '{ path: platform_team.owns_on_call, equals: true }', effect: up, weight: 30, remedy: '{ text: "Put the platform team on call.", set: [{ path: platform_team.owns_on_call, value: true }] }' },
    ]);
  const answers = ['platform_team: { exists: true, owns_on_call: false }', 'traffic: { header_routing: false, canary: none }'];

  // Mutation pinned: in nextSteps(), `&& fires(r)` removed from the helpers, so that the heaviest
  // helper is picked though its remedy leaves it false; here its change trips a gate no remedy
  // lifts, and the plan comes out empty.
  it('is passed over: the plan is the on-call remedy alone', () => {
    expect(assessWith(r(), questionnaire(...REQUIRED, ...answers)).verdict).toBe('defer');
    expect(plan(r(), ...answers)).toEqual([{ path: 'platform_team.owns_on_call', value: true, message: 'Put the platform team on call.', rule: 'owns-on-call' }]);
  });
});

describe('a later remedy on the same answer', () => {
  // 20 services (15 points) is the heavier helper and comes first, but gives only 50 + 50 x 15/50
  // = 65; 50 services (10 points) on top gives 75. The third rule reaches 25 points no remedy offers.
  const rules: TestRule[] = [
    { id: 'mid-fleet', when: '{ path: services.count, gte: 20 }', effect: up, weight: 15, remedy: '{ text: "Grow to 20 services.", set: [{ path: services.count, value: 20 }] }' },
    { id: 'large-fleet', when: '{ path: services.count, gte: 50 }', effect: up, weight: 10, remedy: '{ text: "Grow to 50 services.", set: [{ path: services.count, value: 50 }] }' },
    { id: 'funded', when: '{ path: platform_team.funded, equals: true }', effect: up, weight: 25 },
  ];

  // Mutation pinned: in planToAdopt's rounds, the later step on an answer not replacing the
  // earlier one: the earlier kept in effect (`steps = [...steps, ...merged.filter((m) =>
  // !steps.some((s) => s.path === m.path))]`), so 50 services is never applied and no plan is found.
  // Not pinned, because no output tells it apart: the earlier step merely left in the list
  // (`steps = [...steps, ...merged]`). The later change still wins (answersWith reads the last
  // change to a path), and pruning then always drops the earlier one, whose removal changes no
  // answer; the only other difference, a later remedy re-setting the superseded value being taken
  // as not new, would pin a plan that undoes its own step.
  it('replaces the earlier: 50 services, with its own remedy', () => {
    const r = testRubric(rules);
    expect(plan(r, 'platform_team: { exists: true, funded: false }')).toEqual([{ path: 'services.count', value: 50, message: 'Grow to 50 services.', rule: 'large-fleet' }]);
  });

  // Mutation pinned: the steps of earlier rounds on other answers dropped when a round's steps are
  // merged (`!merged.some(...)` made `merged.some(...)`): a plan that needs two answers keeps both.
  it('leaves the steps on other answers in place', () => {
    const r = testRubric([...rules.slice(0, 2), { ...rules[2]!, remedy: '{ text: "Fund the platform team.", set: [{ path: platform_team.funded, value: true }] }' }, { id: 'slos', when: '{ path: platform_team.publishes_slos, equals: true }', effect: up, weight: 60 }]);
    // Funded (25) and 50 services (25 with 20 on the way) give 50 + 50 x 50/110 = 73.
    expect(plan(r, 'platform_team: { exists: true, funded: false, publishes_slos: false }')).toEqual([
      { path: 'platform_team.funded', value: true, message: 'Fund the platform team.', rule: 'funded' },
      { path: 'services.count', value: 50, message: 'Grow to 50 services.', rule: 'large-fleet' },
    ]);
  });
});

describe('the plan is checked once more from scratch', () => {
  // A gate no remedy touches (no runbooks) and one helper. planToAdopt takes the rules' truths
  // from its caller to save evaluating them again; given truths from before the runbooks went
  // (the gate false), the planner's own bookkeeping sees adopt, and only the check from scratch,
  // every rule evaluated on the changed answers, sees the gate.
  const r = () =>
    testRubric([
      { id: 'no-runbooks', when: '{ path: governance.runbooks, equals: false }', effect: '{ gate: never-adopt }', weight: 10 },
      { id: 'owns-on-call', when: '{ path: platform_team.owns_on_call, equals: true }', effect: up, weight: 30, remedy: '{ text: "Put the platform team on call.", set: [{ path: platform_team.owns_on_call, value: true }] }' },
    ]);
  const text = (runbooks: boolean) => questionnaire(...REQUIRED, 'platform_team: { exists: true, owns_on_call: false }', `governance: { runbooks: ${runbooks} }`);

  // Mutation pinned: planToAdopt's last check (`if (decide(answersWith(answers, steps),
  // rubric).verdict !== 'adopt') return [];`) removed, so that a plan its incremental bookkeeping
  // believes in is returned though it does not reach adopt.
  it('drops a plan that the answers, decided again, do not take to adopt', () => {
    const rubric = r();
    const stale = truthsOf(answersOf(text(true)), rubric);
    expect(planToAdopt(answersOf(text(false)), rubric, stale)).toEqual([]);
  });

  it('keeps it where the truths match the answers', () => {
    const rubric = r();
    const answers = answersOf(text(true));
    expect(planToAdopt(answers, rubric, truthsOf(answers, rubric))).toEqual([{ path: 'platform_team.owns_on_call', value: true, message: 'Put the platform team on call.', rule: 'owns-on-call' }]);
    // With the gate really holding, no plan: the gate has no remedy and reads no remedied answer.
    expect(assessWith(rubric, text(false)).toAdopt).toEqual([]);
  });
});

describe('a remedy that lowers numbers', () => {
  // Readiness: the platform team's 30 points are all it can reach; incidents elsewhere take 20 of
  // them, leaving 50 + 50 x 10/30 = 67, under 70. Without them readiness is 100: adopt.
  const causes = (database: number, capacity: number) =>
    `incidents: { causes: { service_communication: 0, certificates: 0, release_traffic: 0, database: ${database}, deploy_pipeline: 0, ownership: 0, capacity: ${capacity}, application: 0, other: 0 } }`;
  const rubricFor = (when: string) =>
    testRubric([
      { id: 'owned', when: '{ path: platform_team.exists, equals: true }', effect: up, weight: 30 },
      { id: 'pain-elsewhere', when, effect: '{ axis: readiness, direction: down }', weight: 20, remedy: '{ text: "Fix what the mesh does not touch.", lower: [incidents.causes.database, incidents.causes.capacity] }' },
    ]);
  const step = (path: string, value: number) => ({ path, value, message: 'Fix what the mesh does not touch.', rule: 'pain-elsewhere' });

  // Mutations pinned: in loweringSteps(), the answered numbers not taken largest first, the search
  // between 0 and the answer moved off the highest value that lifts the rule (its bounds, its
  // midpoint or its test changed), and a number that reaching 0 does not lift left at its answer
  // instead of set to 0 on the way to the next.
  it('brings the largest to 0 when that is not enough, then the next just far enough', () => {
    const r = rubricFor('{ path: incidents.elsewhere_total, gte: 5 }');
    expect(assessWith(r, questionnaire(...REQUIRED, 'platform_team: { exists: true }', causes(8, 30))).verdict).toBe('defer');
    // Capacity 30 to 0 leaves 8 database incidents, still 5 or more; the database at 4 lifts the rule.
    expect(plan(r, 'platform_team: { exists: true }', causes(8, 30))).toEqual([step('incidents.causes.capacity', 0), step('incidents.causes.database', 4)]);
    // Capacity alone suffices when the database has 3: at most 1 capacity incident.
    expect(plan(r, 'platform_team: { exists: true }', causes(3, 30))).toEqual([step('incidents.causes.capacity', 1)]);
  });

  // Mutations pinned: loweringSteps answering steps when every number at 0 still leaves the rule
  // firing (its final `return []` emptied the other way), and planToAdopt returning a plan that
  // does not reach adopt (`steps.length === 0 ||` and the check after the rounds).
  // Mutation pinned: in loweringSteps(), the filter that keeps answered numbers dropped, so that a
  // cause left unanswered is given a step to 0 (an answer the plan has no ground for), which here
  // lifts a rule that fires while that cause is unknown.
  it('lowers only the numbers answered: a cause left open is never set to 0', () => {
    const r = rubricFor('{ any: [{ path: incidents.causes.database, unknown: true }, { path: incidents.elsewhere_total, gte: 5 }] }');
    const open = `incidents: { causes: { service_communication: 0, certificates: 0, release_traffic: 0, deploy_pipeline: 0, ownership: 0, capacity: 30, application: 0, other: 0 } }`;
    expect(assessWith(r, questionnaire(...REQUIRED, 'platform_team: { exists: true }', open)).verdict).toBe('defer');
    // Lowering capacity alone leaves the database unknown and the rule firing: no plan by lowering.
    expect(plan(r, 'platform_team: { exists: true }', open)).toEqual([]);
    // Once the database is answered, lowering reaches adopt.
    expect(plan(r, 'platform_team: { exists: true }', causes(2, 30))).toEqual([step('incidents.causes.capacity', 2)]);
  });

  it('is no plan when the rule fires with every number at 0', () => {
    const r = rubricFor('{ any: [{ path: incidents.elsewhere_total, gte: 5 }, { path: services.count, gte: 1 }] }');
    expect(plan(r, 'platform_team: { exists: true }', causes(8, 30))).toEqual([]);
  });
});

describe('the smallest of several remedy values', () => {
  // Readiness reaches 70 points upwards: 10 services give 30 (50 + 50 x 30/70 = 71, adopt), 20
  // give 40, 50 give all 70. The heaviest helpers tie at 30 and 50 services comes first by id.
  const rules: TestRule[] = [
    { id: 'large-fleet', when: '{ path: services.count, gte: 50 }', effect: up, weight: 30, remedy: '{ text: "Grow to 50 services.", set: [{ path: services.count, value: 50 }] }' },
    { id: 'mid-fleet', when: '{ path: services.count, gte: 20 }', effect: up, weight: 10, remedy: '{ text: "Grow to 20 services.", set: [{ path: services.count, value: 20 }] }' },
    { id: 'small-fleet', when: '{ path: services.count, gte: 10 }', effect: up, weight: 30, remedy: '{ text: "Grow to 10 services.", set: [{ path: services.count, value: 10 }] }' },
  ];

  // Mutation pinned: in lowered(), the remedy values not sorted smallest first (the comparator's
  // `-` made `+`), so that 20 services, listed first, is taken where 10 is enough.
  it('is tried first: 10 services, though 20 comes first in the rubric', () => {
    const r = testRubric(rules);
    expect(assessWith(r, questionnaire('services: { count: 5, languages: [go, java] }', 'platform_team: { exists: true }')).verdict).toBe('defer');
    expect(assessWith(r, questionnaire('services: { count: 5, languages: [go, java] }', 'platform_team: { exists: true }')).toAdopt).toEqual([{ path: 'services.count', value: 10, message: 'Grow to 10 services.', rule: 'small-fleet' }]);
  });
});


describe('which remedies come first', () => {
  const gate = (id: string, path: string, weight: number): TestRule => ({ id, when: `{ path: ${path}, equals: false }`, effect: '{ gate: never-adopt }', weight, remedy: `{ text: "Turn on ${path}.", set: [{ path: ${path}, value: true }] }` });
  const OWNED: TestRule = { id: 'owned', when: '{ path: platform_team.exists, equals: true }', effect: up, weight: 10 };

  // Mutations pinned: in nextSteps(), the blockers not sorted heaviest first (byWeight's
  // comparator made 0, or the sort dropped), so that the plan lists the lighter gate's change first.
  it('the heavier of two gates first, whatever their order in the rubric', () => {
    const r = testRubric([OWNED, gate('light', 'traffic.mirroring', 5), gate('heavy', 'traffic.fault_injection', 30)]);
    expect(plan(r, 'platform_team: { exists: true }', 'traffic: { mirroring: false, fault_injection: false }').map((c) => c.rule)).toEqual(['heavy', 'light']);
  });

  // Mutation pinned: byWeight's tie broken the other way (or not at all): equal weights go by id.
  it('of two gates of the same weight, the one whose id sorts first', () => {
    const r = testRubric([OWNED, gate('zeta', 'traffic.mirroring', 10), gate('alpha', 'traffic.fault_injection', 10)]);
    expect(plan(r, 'platform_team: { exists: true }', 'traffic: { mirroring: false, fault_injection: false }').map((c) => c.rule)).toEqual(['alpha', 'zeta']);
  });

  // Mutations pinned: the helpers not sorted heaviest first, so that the lighter helper, listed
  // first, is taken: one helper is taken a round.
  it('of two helpers that each reach adopt alone, the heavier; of two that reach it only together, the heavier first', () => {
    const helper = (id: string, path: string, weight: number): TestRule => ({ id, when: `{ path: ${path}, equals: true }`, effect: up, weight, remedy: `{ text: "Turn on ${path}.", set: [{ path: ${path}, value: true }] }` });
    // Readiness reaches 40 points: the heavier alone gives 50 + 50 x 25/40 = 81, the lighter 50 + 50 x 15/40 = 69.
    const r = testRubric([helper('lighter', 'platform_team.owns_on_call', 15), helper('heavier', 'platform_team.publishes_slos', 25)]);
    expect(plan(r, 'platform_team: { exists: true }')).toEqual([{ path: 'platform_team.publishes_slos', value: true, message: 'Turn on platform_team.publishes_slos.', rule: 'heavier' }]);
    // A rule up with no remedy takes readiness's reach to 21 points: 6 alone give 64, 5 and 6 give 76.
    const unremedied: TestRule = { id: 'mirrors', when: '{ path: traffic.mirroring, equals: true }', effect: up, weight: 10 };
    const both = testRubric([helper('lighter', 'platform_team.owns_on_call', 5), helper('heavier', 'platform_team.publishes_slos', 6), unremedied]);
    expect(plan(both, 'platform_team: { exists: true }').map((c) => c.rule)).toEqual(['heavier', 'lighter']);
  });
});

describe('a gate with no remedy of its own', () => {
  // The gate holds while header routing and mirroring are both off; it has no remedy, but the
  // helper's remedy turns header routing on, which lifts it. Readiness: the helpers' 31 points
  // are all it can reach; routing alone gives 98.
  // Mutations pinned: in lockedGate(), the gate taken as one no plan can lift (the answers that
  // remedies change not matched against what the gate reads), so that no plan is looked for.
  it('is lifted by another rule\'s remedy that changes what it reads', () => {
    const r = testRubric([
      { id: 'no-routing', when: '{ all: [{ path: traffic.header_routing, equals: false }, { path: traffic.mirroring, equals: false }] }', effect: '{ gate: never-adopt }', weight: 10 },
      { id: 'routes', when: '{ path: traffic.header_routing, equals: true }', effect: up, weight: 30, remedy: '{ text: "Route by header.", set: [{ path: traffic.header_routing, value: true }] }' },
      { id: 'on-call', when: '{ path: platform_team.owns_on_call, equals: true }', effect: up, weight: 1, remedy: '{ text: "Take on call.", set: [{ path: platform_team.owns_on_call, value: true }] }' },
    ]);
    const a = assessWith(r, questionnaire(...REQUIRED, 'platform_team: { exists: true }', 'traffic: { header_routing: false, mirroring: false }'));
    expect([a.verdict, a.gates]).toEqual(['defer', ['no-routing']]);
    expect(a.toAdopt).toEqual([{ path: 'traffic.header_routing', value: true, message: 'Route by header.', rule: 'routes' }]);
  });

  it('and reading nothing a remedy changes, leaves no plan', () => {
    const r = testRubric([
      { id: 'no-mirroring', when: '{ path: traffic.mirroring, equals: false }', effect: '{ gate: never-adopt }', weight: 10 },
      { id: 'routes', when: '{ path: traffic.header_routing, equals: true }', effect: up, weight: 30, remedy: '{ text: "Route by header.", set: [{ path: traffic.header_routing, value: true }] }' },
    ]);
    expect(plan(r, 'platform_team: { exists: true }', 'traffic: { header_routing: false, mirroring: false }')).toEqual([]);
  });
});

describe('two remedies in one round on the same answer', () => {
  // Two gates fire at 10 services; the heavier's remedy sets 40 services, which lifts both, the
  // lighter's 25, which lifts only its own. Readiness has the team's 10 points: 100.
  // Mutations pinned: in planToAdopt's rounds, the steps of one round not merged by answer (the
  // first, the heavier's, kept), so that the plan sets the answer twice.
  it('gives one step, the heavier rule\'s', () => {
    const OWNED: TestRule = { id: 'owned', when: '{ path: platform_team.exists, equals: true }', effect: up, weight: 10 };
    const r = testRubric([
      OWNED,
      { id: 'under-25', when: '{ path: services.count, lt: 25 }', effect: '{ gate: never-adopt }', weight: 5, remedy: '{ text: "Grow to 25 services.", set: [{ path: services.count, value: 25 }] }' },
      { id: 'under-40', when: '{ path: services.count, lt: 40 }', effect: '{ gate: never-adopt }', weight: 9, remedy: '{ text: "Grow to 40 services.", set: [{ path: services.count, value: 40 }] }' },
    ]);
    expect(assessWith(r, questionnaire('services: { count: 10, languages: [go] }', 'platform_team: { exists: true }')).toAdopt).toEqual([{ path: 'services.count', value: 40, message: 'Grow to 40 services.', rule: 'under-40' }]);
  });
});

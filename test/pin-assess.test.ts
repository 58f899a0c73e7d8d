// Pins for how assess() (src/core/decision/assess.ts) writes what fired into the report: each kind
// of rule's effect as a reason, risks with their mitigation and severity, the cost of the mesh
// recommended, and when to look again.
import { describe, expect, it } from 'vitest';
import { liftableGates } from '../src/core/decision/reasons.js';
import { covers } from '../src/core/knowledge/mesh-choice.js';
import { assessText, rubric as builtin } from './assessing.js';
import { acme, NO_INCIDENTS, variant, yamlOf } from './fixtures.js';
import { assessWith, questionnaire, testRubric } from './pin-rubric.js';

// Need: the fleet's 10 points are all it can reach; the header-routing gate takes 4 of them, so
// need is 50 + 50 * 6 / 10 = 80. Two gates fire, so the verdict is alternative whatever the scores.
const rubric = () =>
  testRubric([
    { id: 'fleet', when: '{ path: services.count, gte: 20 }', effect: '{ axis: need, direction: up }', weight: 10 },
    { id: 'no-team', when: '{ path: platform_team.exists, equals: false }', effect: '{ gate: never-adopt }', weight: 5, remedy: '{ text: Form a platform team., set: [{ path: platform_team.exists, value: true }] }' },
    { id: 'no-headers', when: '{ path: traffic.header_routing, equals: false }', effect: '{ gate: at-most-alternative, axis: need, direction: down }', weight: 4 },
    { id: 'retries', when: '{ path: services.count, gte: 1 }', effect: '{ risk: true }', weight: 2, remedy: '{ text: Budget retries per route. }' },
    { id: 'spread', when: '{ path: services.count, gte: 1 }', effect: '{ risk: true }', weight: 1 },
  ]);
const assessed = () => assessWith(rubric(), questionnaire('services: { count: 30, languages: [go] }', 'platform_team: { exists: false }', 'traffic: { header_routing: false }'));

// The severity a rubric that rates no risk gives each one (UNRATED_RISK in src/core/rubric/load.ts).
const UNRATED = 'the rubric gives this risk no severity, so it counts as high and --fail-on risk fails on it; add severity: { level, reason, source } to the rule to rate it';

describe('the reasons of the rules that fired', () => {
  // Mutations pinned: in effectOf(), the gate test (`'gate' in rule.effect`) and the risk test
  // turned off, so that a gate or a risk is written as a score; a gate's axis and points left out;
  // the reason's remedy and weight left out.
  it('carry each effect as its kind says: a gate, a gate with points, a score, a risk', () => {
    const a = assessed();
    expect([a.verdict, a.scores.need, a.scores.readiness, a.gates]).toEqual(['alternative', 80, 50, ['no-team', 'no-headers']]);
    expect(a.reasons.map((r) => [r.rule, r.effect, r.weight, r.remedy])).toEqual([
      ['no-team', { kind: 'gate', cap: 'never-adopt' }, 5, 'Form a platform team.'],
      ['no-headers', { kind: 'gate', cap: 'at-most-alternative', axis: 'need', points: -4 }, 4, undefined],
      ['fleet', { kind: 'score', axis: 'need', points: 10 }, 10, undefined],
      ['need-score', { kind: 'axis', axis: 'need', score: 80, threshold: 50, met: true }, 0, undefined],
      ['readiness-score', { kind: 'axis', axis: 'readiness', score: 50, threshold: 70, met: false }, 0, undefined],
      ['retries', { kind: 'risk', severity: 'high' }, 2, 'Budget retries per route.'],
      ['spread', { kind: 'risk', severity: 'high' }, 1, undefined],
    ]);
  });

  // Mutations pinned: in riskOf(), the mitigation made null when the rule has a remedy (`??` made
  // `&&`), or the remedy when it has none; the severity object emptied.
  it('risks carry the remedy as their mitigation, or null, and their severity in full', () => {
    const a = assessed();
    expect(a.risks.map((r) => [r.rule, r.title, r.message, r.mitigation, r.severity, r.source])).toEqual([
      ['retries', 'retries', 'retries holds', 'Budget retries per route.', { level: 'high', reason: UNRATED, source: 'test 1' }, 'test 1'],
      ['spread', 'spread', 'spread holds', null, { level: 'high', reason: UNRATED, source: 'test 1' }, 'test 1'],
    ]);
  });
});

describe('the gates a plan could lift', () => {
  // Mutations pinned: liftableGates keeping a gate without a remedy, a score or risk with one, or
  // nothing.
  it('are the gates that fired and have a remedy', () => {
    expect(liftableGates(assessed().reasons).map((r) => r.rule)).toEqual(['no-team']);
  });
});

describe('what the knowledge adds', () => {
  // Mutations pinned: in costFor(), the mesh looked up by another test than its id (`!==`, or
  // always true), so that the cost is of another mesh than the one recommended; in revisitOf(),
  // the months not those of the verdict, the date not moved from assessed_on, or no date
  // given when the questionnaire has none.
  it('the cost is of the mesh recommended, and the revisit date follows the verdict', () => {
    const a = assessText(yamlOf(acme()));
    expect([a.verdict, a.recommendation?.mesh, a.cost?.mesh]).toEqual(['adopt', 'linkerd', 'linkerd']);
    expect(a.revisit).toEqual({ after_months: 6, on: '2027-05-01' });
    const defer = assessText(yamlOf(variant(acme(), { 'leadership.accepts_standing_cost': false })));
    expect([defer.verdict, defer.revisit]).toEqual(['defer', { after_months: 3, on: '2027-02-01' }]);
    const undated = assessText(yamlOf(variant(acme(), { 'org.assessed_on': undefined })));
    expect(undated.revisit).toEqual({ after_months: 6, on: null });
  });

  // Mutations pinned: in costFor(), the test that a mesh was found (`!mesh`) dropped or joined by
  // `&&`, so that the cost of no mesh is worked out (and throws) when the catalogue has none to
  // recommend.
  it('no cost when no mesh in the catalogue covers what is needed', () => {
    const r = builtin();
    const meshes = r.knowledge.meshes!;
    const noFaults = { ...r, knowledge: { ...r.knowledge, meshes: { ...meshes, meshes: meshes.meshes.filter((m) => !covers(m, 'fault-injection')) } } };
    const a = assessText(yamlOf(variant(acme(), { 'traffic.fault_injection': true })), [], noFaults);
    expect([a.recommendation?.mesh, a.cost]).toEqual([null, null]);
  });

  // Mutations pinned: the rollout plan given to an alternative verdict, or withheld from adopt
  // (`outcome.verdict !== 'alternative'` made true or false).
  it('the rollout, checklist and runbook go with adopt and defer, not with alternative', () => {
    const parts = (a: ReturnType<typeof assessText>) => [a.verdict, a.rollout.length, a.checklist.length, a.runbook.length];
    expect(parts(assessText(yamlOf(acme())))).toEqual(['adopt', 6, 13, 10]);
    expect(parts(assessText(yamlOf(variant(acme(), { 'services.count': 8 }))))).toEqual(['alternative', 0, 0, 0]);
  });

  // Mutations pinned: the axes met not handed to the checklist (an empty object, or need read as
  // short), so that an item met whenever need is met is judged by its own answers alone. Here
  // those say no: no mandate required, no canaries required, a quarter of incidents addressable.
  it('an item met whenever need is met is met, whatever its own answers say', () => {
    const a = assessText(yamlOf(variant(acme(), { 'security.mandate': 'planned', 'traffic.canary': 'wanted', 'incidents.causes': { ...NO_INCIDENTS, database: 3, service_communication: 1 } })));
    expect([a.verdict, a.scores.need, a.checklist.find((c) => c.id === 'business-case')?.status]).toEqual(['adopt', 87, 'met']);
  });

  // Mutations pinned: in the axes met handed to the checklist, `>=` made `>` (an axis exactly at
  // its threshold read as short), or an axis always read as met. The built-in checklist has one
  // item met with need; a copy of it here is met with readiness instead. Need is 50 or 100, and
  // readiness 50 or 100, against thresholds of 50 and 100; the items' own answers are open.
  it('an item met with its axis: met at the threshold, judged by its answers when the axis is short', () => {
    const k = builtin().knowledge;
    const item = k.rollout!.checklist.find((c) => c.id === 'business-case')!;
    const small = testRubric(
      [
        { id: 'fleet', when: '{ path: services.count, gte: 20 }', effect: '{ axis: need, direction: up }', weight: 10 },
        { id: 'owned', when: '{ path: platform_team.exists, equals: true }', effect: '{ axis: readiness, direction: up }', weight: 10 },
      ],
      { need: 50, readiness: 100 },
    );
    const r = { ...small, knowledge: { ...k, rollout: { ...k.rollout!, checklist: [item, { ...item, id: 'ready-case', met_when_axis: 'readiness' as const }] } } };
    const statuses = (...lines: string[]) => {
      const a = assessWith(r, questionnaire(...lines));
      return [a.verdict, a.scores.need, a.scores.readiness, ...a.checklist.map((c) => c.status)];
    };
    expect(statuses('services: { count: 5, languages: [go] }', 'platform_team: { exists: true }')).toEqual(['adopt', 50, 100, 'met', 'met']);
    expect(statuses('services: { count: 30, languages: [go] }', 'platform_team: { exists: false }')).toEqual(['defer', 100, 50, 'met', 'unanswered']);
  });

  // Mutation pinned: the plan of an adopt verdict not empty (`[]` made a list with an item).
  it('an adopt verdict has no plan to adopt', () => {
    expect(assessText(yamlOf(acme())).toAdopt).toEqual([]);
  });

  // Mutations pinned: revisitOf answering for a rubric set without a rollout plan, and the
  // recommendation, cost, alternatives, rollout, checklist and runbook made up without the
  // knowledge they come from.
  it('a rubric set without knowledge files adds none of it', () => {
    const a = assessed();
    // Waivers and the comparison come from the command line, later: none yet (`[]` made a list with an item).
    expect([a.waivers, a.comparison]).toEqual([[], null]);
    expect([a.revisit, a.recommendation, a.cost, a.alternatives, a.rollout, a.checklist, a.runbook]).toEqual([null, null, null, [], [], [], []]);
  });
});

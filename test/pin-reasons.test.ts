// Pins for the reasons an assessment gives (src/core/decision/reasons.ts): the open questions and
// their order, each axis's reason with the rules for and against it, and the order that explains
// the verdict. The rubric's axis texts print every value they are given, so that each shows.
import { describe, expect, it } from 'vitest';
import { loadRubric } from '../src/core/rubric/load.js';
import { formatProblem } from '../src/core/text/problem.js';
import { assessWith, questionnaire } from './pin-rubric.js';

const axis = (a: string, id = `${a}-score`) =>
  `  ${a}: { id: ${id}, title: ${a}, met: "${a} {score} of {threshold}; for {for}; against {against}", short: "${a} {score} short of {threshold}; for {for}; against {against}", none: nothing, open: "{count} open: {questions}", source: { document: test, section: "1" } }`;
const RULES: [id: string, title: string, when: string, effect: string, weight: number][] = [
  ['fleet', 'Large fleet', '{ path: services.count, gte: 20 }', '{ axis: need, direction: up }', 10],
  ['tiny', 'Tiny fleet', '{ path: services.count, lt: 10 }', '{ axis: need, direction: down }', 10],
  ['db-pain', 'Database pain', '{ path: incidents.causes.database, gte: 5 }', '{ axis: need, direction: up }', 7],
  ['many-incidents', 'Many incidents', '{ path: incidents.total, gte: 10 }', '{ axis: need, direction: up }', 3],
  ['funded', 'Funded team', '{ path: platform_team.funded, equals: true }', '{ axis: readiness, direction: up }', 30],
  ['on-call', 'On call', '{ path: platform_team.owns_on_call, equals: true }', '{ axis: readiness, direction: up }', 20],
  ['slos', 'Publishes SLOs', '{ path: platform_team.publishes_slos, equals: true }', '{ axis: readiness, direction: up }', 10],
  ['runbooks', 'Runbooks written', '{ path: governance.runbooks, equals: true }', '{ axis: readiness, direction: up }', 5],
  ['thin', 'Thin team', '{ path: platform_team.engineers, lt: 3 }', '{ axis: readiness, direction: down }', 15],
];
function rubric(list = RULES, readinessId = 'readiness-score') {
  const rules = list.map(([id, title, when, effect]) => `  - { id: ${id}, title: ${title}, when: ${when}, effect: ${effect}, reason: ${id} holds, source: { document: test, section: "1" } }`);
  const scoring = ['prior: { need: 50, readiness: 50 }', 'thresholds: { need: 50, readiness: 70 }', 'confidence: { borderline_share: 0.25 }', 'axes:', axis('need'), axis('readiness', readinessId), 'weights:', ...list.map(([id, , , , w]) => `  ${id}: ${w}`)].join('\n');
  const loaded = loadRubric([{ name: 'rules.yaml', text: `rules:\n${rules.join('\n')}\n` }, { name: 'scoring.yaml', text: `${scoring}\n` }]);
  if (!loaded.ok) throw new Error(loaded.problems.map(formatProblem).join('\n'));
  return loaded.value;
}
// Need reaches 20 points upwards, readiness 65.
const team = (engineers: number, funded: boolean, onCall: boolean) => `platform_team: { exists: true, funded: ${funded}, owns_on_call: ${onCall}, publishes_slos: true, engineers: ${engineers} }`;
const assessed = (count: number, ...lines: string[]) => assessWith(rubric(), questionnaire(`services: { count: ${count}, languages: [go] }`, 'governance: { runbooks: true }', ...lines));

describe('the reason of an axis', () => {
  // Mutations pinned: in titles(), more or fewer than three titles, their first letter not
  // lowered, the "and N more" miscounted or always there, `none` not given for an empty side; in
  // axisReason(), the rules for and against swapped or not sorted by weight, the met and short
  // texts swapped, the open questions not counted, or more than three named.
  it('names up to three rules for it and against it, heaviest first, and the questions still open', () => {
    // Readiness: 30 + 20 + 10 + 5 - 15 = 50 points of 65: 50 + 50 x 50/65 = 88. Need: 10 of 20: 75.
    const a = assessed(30, team(2, true, true));
    expect([a.verdict, a.scores.need, a.scores.readiness]).toEqual(['adopt', 75, 88]);
    const message = (id: string) => a.reasons.find((r) => r.rule === id)!.message;
    expect(message('readiness-score')).toBe('readiness 88 of 70; for funded team; on call; publishes SLOs; and 1 more; against thin team');
    expect(message('need-score')).toBe('need 75 of 50; for large fleet; against nothing 2 open: incidents.causes.database, incidents.causes');
    // Readiness: 10 + 5 - 15 = 0 points: 50, short.
    const short = assessed(30, team(2, false, false));
    expect(short.reasons.find((r) => r.rule === 'readiness-score')!.message).toBe('readiness 50 short of 70; for publishes SLOs; runbooks written; against thin team');
  });

  // Mutations pinned: the evidence of the rules that moved the axis replaced by that of every rule
  // on it (or the reverse when none moved), and a path read twice listed twice.
  it('gives as evidence the answers of the rules that moved it, or of every rule on it when none did', () => {
    const a = assessed(30, team(2, true, true));
    const evidence = (id: string) => a.reasons.find((r) => r.rule === id)!.evidence.map((e) => [e.path, e.value]);
    expect(evidence('need-score')).toEqual([['services.count', 30]]);
    // The rules that moved it by weight: funded 30, on call 20, thin 15, SLOs 10, runbooks 5.
    expect(evidence('readiness-score')).toEqual([['platform_team.funded', true], ['platform_team.owns_on_call', true], ['platform_team.engineers', 2], ['platform_team.publishes_slos', true], ['governance.runbooks', true]]);
    // 12 services: neither fleet rule fires; need is 50, its evidence every answer its rules read.
    const none = assessed(12, team(2, true, true));
    expect(none.reasons.find((r) => r.rule === 'need-score')!.evidence.map((e) => [e.path, e.value])).toEqual([['services.count', 12]]);
  });
});

describe('the open questions', () => {
  // Mutations pinned: in unknownsOf(), the order by weight turned round or the tie not broken by
  // path; a section partly answered asking for itself rather than what it leaves out (or for what
  // it leaves out when nothing of it is answered); a rule's weight not added to its question.
  it('are the answers left out that undecided rules read, heaviest first, then by path', () => {
    const a = assessed(30, team(2, true, true));
    expect(a.unknowns.map((u) => [u.path, u.rules])).toEqual([
      ['incidents.causes.database', ['db-pain']],
      ['incidents.causes', ['many-incidents']],
    ]);
    // With the database answered, the total is still open: each cause left out, by path.
    const partial = assessed(30, team(2, true, true), 'incidents: { causes: { database: 2 } }');
    expect(partial.unknowns.map((u) => u.path)).toEqual(['application', 'capacity', 'certificates', 'deploy_pipeline', 'other', 'ownership', 'release_traffic', 'service_communication'].map((c) => `incidents.causes.${c}`));
    expect(partial.unknowns[0]).toMatchObject({ path: 'incidents.causes.application', rules: ['many-incidents'] });
    // The axis names the first three (`open.slice(0, 3)` made `open`).
    expect(partial.reasons.find((r) => r.rule === 'need-score')!.message).toBe('need 75 of 50; for large fleet; against nothing 8 open: incidents.causes.application, incidents.causes.capacity, incidents.causes.certificates');
  });

  // Mutation pinned: the answers a rule asks for not made unique (`[...new Set(asked)]` made
  // `asked`), so that a rule reading two quantities derived from one section is listed twice
  // under it and weighs double.
  it('list a rule once under an answer it reads twice, at its weight', () => {
    const r = rubric([
      ['incident-heavy', 'Incident heavy', '{ all: [{ path: incidents.total, gte: 10 }, { path: incidents.mesh_addressable_share, gte: 0.5 }] }', '{ axis: readiness, direction: up }', 5],
      ['slos', 'Publishes SLOs', '{ path: platform_team.publishes_slos, equals: true }', '{ axis: readiness, direction: up }', 7],
    ]);
    const a = assessWith(r, questionnaire('services: { count: 30, languages: [go] }', 'platform_team: { exists: true }'));
    expect(a.unknowns.map((u) => [u.path, u.rules])).toEqual([
      ['platform_team.publishes_slos', ['slos']],
      ['incidents.causes', ['incident-heavy']],
    ]);
  });
});

describe('the order of the reasons', () => {
  // Mutations pinned: in deciding(), the ranks changed: the deciding axes first (both for adopt,
  // readiness for defer, need for alternative), then the rules that moved them the verdict's way,
  // then the rest by weight and id.
  it.each([
    ['adopt', 30, team(2, true, true), ['need-score', 'readiness-score', 'funded', 'on-call', 'fleet', 'slos', 'runbooks', 'thin']],
    ['defer', 30, team(2, false, false), ['readiness-score', 'thin', 'fleet', 'slos', 'runbooks', 'need-score']],
    ['alternative', 5, team(4, true, true), ['need-score', 'tiny', 'funded', 'on-call', 'slos', 'runbooks', 'readiness-score']],
  ])('%s', (verdict, count, line, order) => {
    const a = assessed(count as number, line as string);
    expect([a.verdict, a.reasons.map((r) => r.rule)]).toEqual([verdict, order]);
  });
});

describe('the rules for and against an axis, more closely', () => {
  const rule = (id: string, title: string, path: string, weight: number, effect = '{ axis: readiness, direction: up }'): (typeof RULES)[number] => [id, title, `{ path: ${path}, equals: true }`, effect, weight];
  const all = 'platform_team: { exists: true, funded: true, owns_on_call: true, publishes_slos: true, engineers: 5 }';

  // Mutations pinned: "and 0 more" added for exactly three rules (`> 3` made `>= 3`); rules of
  // equal weight not ordered by id (the tie's `a.rule < b.rule` turned round or made false), so
  // that the rubric's order shows instead.
  it('three rules: no "and more"; equal weights by id', () => {
    const r = rubric([rule('zeta', 'Zeta', 'platform_team.funded', 10), rule('alpha', 'Alpha', 'platform_team.owns_on_call', 10), rule('mid', 'Mid', 'platform_team.publishes_slos', 10)]);
    const a = assessWith(r, questionnaire('services: { count: 30, languages: [go] }', all));
    expect(a.reasons.find((x) => x.rule === 'readiness-score')!.message).toBe('readiness 100 of 70; for alpha; mid; zeta; against nothing');
    expect(a.reasons.map((x) => x.rule)).toEqual(['need-score', 'readiness-score', 'alpha', 'mid', 'zeta']);
  });

  // Mutations pinned: a gate's points left out of its axis (`r.effect.kind === 'gate'` made false
  // in pointsOn), so that a gate that also lowers readiness is not named against it.
  it('a gate that also moves the axis is named against it', () => {
    const r = rubric([rule('funded', 'Funded', 'platform_team.funded', 30), rule('no-slos', 'No SLOs', 'platform_team.publishes_slos', 10, '{ gate: never-adopt, axis: readiness, direction: down }')]);
    const a = assessWith(r, questionnaire('services: { count: 30, languages: [go] }', all));
    // 30 - 10 points of 30: 50 + 50 x 20/30 = 83.
    expect(a.reasons.find((x) => x.rule === 'readiness-score')!.message).toBe('readiness 83 of 70; for funded; against no SLOs');
  });

  // Mutations pinned: in deciding(), two axis reasons of the same rank ordered by weight and id
  // (the `a.effect.kind === 'axis' && b.effect.kind === 'axis' ? 0` test turned off): need comes
  // before readiness whatever their ids.
  it('need before readiness, whatever their ids', () => {
    const r = rubric([rule('funded', 'Funded', 'platform_team.funded', 30)], 'a-readiness');
    const a = assessWith(r, questionnaire('services: { count: 30, languages: [go] }', all));
    expect([a.verdict, a.reasons.map((x) => x.rule)]).toEqual(['adopt', ['need-score', 'a-readiness', 'funded']]);
  });
});


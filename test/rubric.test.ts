import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/core/text/problem.js';
import { loadRubric, type RubricFile } from '../src/core/rubric/load.js';
import { rubricFiles, SCORING_HEAD } from './helpers.js';

const scoring = (weights: Record<string, number>) => ({
  name: 'scoring.yaml',
  text: `${SCORING_HEAD}\nweights:\n${Object.entries(weights).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`,
});

const rule = (body: string) => ({ name: 'rules.yaml', text: `rules:\n  - id: r1\n    title: T\n    reason: a reason\n    source: { document: d, section: s }\n${body}` });

const problems = (files: RubricFile[]) => {
  const r = loadRubric(files);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(formatProblem);
};

const ok = '    when: { path: services.count, gt: 1 }\n    effect: { axis: need, direction: up }\n';

describe('rubric files', () => {
  it('the built-in set loads', () => {
    expect(loadRubric(rubricFiles()).ok).toBe(true);
  });

  it('a risk written without a severity counts as high, and says so', () => {
    const r = loadRubric([rule('    when: { path: services.count, gt: 1 }\n    effect: { risk: true }\n'), scoring({ r1: 10 })]);
    if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
    expect(r.value.rules[0]!.severity).toEqual({ level: 'high', reason: expect.stringMatching(/gives this risk no severity, so it counts as high/), source: { document: 'd', section: 's' } });
  });

  it('every built-in risk states its own severity', () => {
    const risks = rubricFiles().flatMap((f) => [...f.text.matchAll(/^  - id: (\S+)\n(?:    .*\n)*?    effect: \{ risk: true \}\n(?:    .*\n)*/gm)]);
    expect(risks.length).toBeGreaterThan(3);
    for (const [text, id] of risks) expect(text, id).toMatch(/^    severity:/m);
  });

  it('a minimal valid set loads', () => {
    expect(loadRubric([rule(ok), scoring({ r1: 10 })]).ok).toBe(true);
  });

  it.each([
    ['an unknown key, with a suggestion', `${ok}    sorce: x\n`, 'rules.yaml:8:5 rules.0.sorce: unknown key "sorce"; did you mean source?'],
    ['a path that is no questionnaire field', '    when: { path: services.cuont, gt: 1 }\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:19 rules.0.when.path: "services.cuont" is not a questionnaire field or derived quantity; did you mean services.count?'],
    ['a numeric operator on an enumeration', '    when: { path: kubernetes.maturity, gt: 1 }\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:44 rules.0.when.gt: gt needs a numeric field; kubernetes.maturity is one of none, basic, operational, advanced'],
    ['a value outside an enumeration', '    when: { path: security.mandate, in: [required, mandatory] }\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:41 rules.0.when.in: "mandatory" cannot be compared with security.mandate, which is one of none, nice-to-have, planned, required'],
    ['contains on a number', '    when: { path: services.count, contains: "5" }\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:45 rules.0.when.contains: contains needs a list or text field; services.count is a whole number >= 0'],
    ['two operators in one comparison', '    when: { path: services.count, gt: 1, lt: 5 }\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:11 rules.0.when: a comparison needs exactly one operator (equals, not_equals, lt, lte, gt, gte, in, contains, known, unknown), got lt and gt'],
    ['an empty condition', '    when: {}\n    effect: { axis: need, direction: up }\n', 'rules.yaml:6:11 rules.0.when: a condition needs exactly one of all, any, not or path, got none'],
    ['a bad effect', '    when: { path: services.count, gt: 1 }\n    effect: { axis: need, direction: sideways }\n', 'rules.yaml:7:13 rules.0.effect: expected an effect: {axis: need|readiness, direction: up|down}, {gate: never-adopt|at-most-alternative} or {risk: true}'],
    ['a severity on a rule that is no risk', `${ok}    severity: { level: high, reason: r, source: { document: d, section: s } }\n`, 'rules.yaml:8:15 rules.0.severity: only a risk has a severity; a gate or a score counts through its effect and weight'],
    ['a severity that is no level', '    when: { path: services.count, gt: 1 }\n    effect: { risk: true }\n    severity: { level: critical, reason: r, source: { document: d, section: s } }\n', 'rules.yaml:8:24 rules.0.severity.level: Invalid option: expected one of "high"|"medium"|"low"'],
  ])('rejects %s, located', (_name, body, expected) => {
    expect(problems([rule(body), scoring({ r1: 10 })])).toEqual([expected]);
  });

  it('rejects a reason placeholder that names no field', () => {
    const f = { name: 'rules.yaml', text: rule(ok).text.replace('a reason', '"{services.cont} services"') };
    expect(problems([f, scoring({ r1: 10 })])).toEqual(['rules.yaml:4:13 rules.0.reason: placeholder {services.cont} names no questionnaire field; did you mean services.count?']);
  });

  it('rejects a remedy that would write an invalid answer', () => {
    const body = `${ok}    remedy: { text: t, set: [{ path: services.count, value: -3 }] }\n`;
    expect(problems([rule(body), scoring({ r1: 10 })])[0]).toMatch(/rules.0.remedy.set.0.value: -3 is not a valid answer for services.count: expected a whole number >= 0/);
  });

  it('rejects a remedy on a derived quantity', () => {
    const body = `${ok}    remedy: { text: t, set: [{ path: services.language_count, value: 3 }] }\n`;
    expect(problems([rule(body), scoring({ r1: 10 })])[0]).toMatch(/"services.language_count" is not a questionnaire answer that can be changed/);
  });

  it('rejects duplicate ids across files', () => {
    const second = { ...rule(ok), name: 'more.yaml' };
    expect(problems([rule(ok), second, scoring({ r1: 10 })])).toEqual(['rules.yaml:2:9 rules.0.id: duplicate rule id "r1"; it is first defined in more.yaml']);
  });

  it('rejects a rule without a weight and a weight without a rule', () => {
    expect(problems([rule(ok), scoring({ r2: 10 })])).toEqual([
      'rules.yaml:2:9 rules.0.id: rule "r1" has no weight in scoring.yaml; add "r1: <1-100>" under weights',
      'scoring.yaml:8:3 weights.r2: weight for "r2", which is no rule; did you mean r1?',
    ]);
  });

  it('rejects a weight out of range', () => {
    expect(problems([rule(ok), scoring({ r1: 500 })])[0]).toMatch(/^scoring.yaml:8:7 weights.r1: Too big: expected number to be <=100/);
  });

  it('needs a scoring file and at least one rule', () => {
    expect(problems([rule(ok)])).toEqual(['rules.yaml no scoring.yaml among the rubric files; copy rubrics/scoring.yaml from mesh-assess and adjust the weights']);
    expect(problems([{ name: 'rules.yaml', text: 'rules: []\n' }, scoring({})])[0]).toMatch(/rules.yaml:1:8 rules: Too small: expected array to have >=1 items/);
  });

  it('reports every problem of every file at once', () => {
    const bad = { name: 'rules.yaml', text: rule(`${ok}    extra: 1\n`).text.replace('id: r1', 'id: R1') };
    expect(problems([bad, { name: 'scoring.yaml', text: 'base: 1\n' }]).length).toBeGreaterThanOrEqual(4);
  });

  it('rejects a placeholder the axis reasons do not fill, where it is written', () => {
    const typo = scoring({ r1: 10 });
    // replace() changes the first line only: the need axis.
    typo.text = typo.text.replace('short: "{score} short"', 'short: "{scroe} short"').replace('none: none', 'none: "{count}"');
    expect(problems([rule(ok), typo])).toEqual([
      'scoring.yaml:5:67 axes.need.short: placeholder {scroe} is not filled in here; did you mean score?',
      'scoring.yaml:5:90 axes.need.none: placeholder {count} is not filled in here; this text takes no placeholders',
    ]);
  });

  it('extensions add rules and weights, and are checked against the whole set', () => {
    const base = [rule(ok), scoring({ r1: 10 })];
    const ext = [
      { name: 'ext/more.yaml', text: rule(ok).text.replace('id: r1', 'id: r2') },
      { name: 'ext/scoring.yaml', text: 'weights:\n  r2: 30\n  r1: 5\n' },
    ];
    const r = loadRubric(base, [ext]);
    expect(r.ok && r.value.scoring.weights).toEqual({ r1: 5, r2: 30 });
    expect(r.ok && r.value.scoring.thresholds).toEqual({ need: 50, readiness: 60 });

    const bad = loadRubric(base, [[{ name: 'ext/more.yaml', text: rule(ok).text }, { name: 'ext/scoring.yaml', text: 'weights:\n  r9: 30\n' }]]);
    expect(bad.ok ? [] : bad.problems.map(formatProblem)).toEqual([
      'ext/more.yaml:2:9 rules.0.id: duplicate rule id "r1"; it is first defined in rules.yaml',
      'ext/scoring.yaml:2:3 weights.r9: weight for "r9", which is no rule; did you mean r1?',
    ]);
  });
});

// Pins for rubric tests (src/core/policy/rubric-tests.ts), the files `mesh-assess test` runs: how
// a test file is checked, which rules named in it the rubric lacks, and what each test's run comes
// to. The rubric is small: a large fleet raises need, a platform team raises readiness.
import { describe, expect, it } from 'vitest';
import { parseTests, runTests, unknownRules } from '../src/core/policy/rubric-tests.js';
import { questionnaire, testRubric } from './pin-rubric.js';

// Need 100 with the fleet rule, else 50 (its threshold, met); readiness 100 with the team rule,
// else 50, under 70. So: both, adopt; the fleet alone, defer.
const rubric = () =>
  testRubric([
    { id: 'fleet', when: '{ path: services.count, gte: 20 }', effect: '{ axis: need, direction: up }', weight: 10 },
    { id: 'owned', when: '{ path: platform_team.exists, equals: true }', effect: '{ axis: readiness, direction: up }', weight: 10 },
  ]);

const ORG = "{ version: 1, org: { name: T }, services: { count: 30, languages: [go] }, platform_team: { exists: true } }";

/** A test file's text parsed; throws when it does not parse. */
function parsed(text: string) {
  const r = parseTests('rules.test.yaml', text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const noFiles = () => ({ error: 'no file here' });

describe('a test file is checked', () => {
  // Mutations pinned: the refinement that wants one of an inline questionnaire and a file (either
  // both or neither refused), and the one that wants at least one expectation, each dropped or
  // turned round; the list of tests allowed to be empty.
  it.each([
    ['both a questionnaire and a file', `tests:\n  - name: t\n    questionnaire: ${ORG}\n    file: org.yaml\n    expect: { verdict: adopt }\n`, 'tests.0', 'give the questionnaire inline (questionnaire:) or as a file (file:), one of the two'],
    ['neither', 'tests:\n  - name: t\n    expect: { verdict: adopt }\n', 'tests.0', 'give the questionnaire inline (questionnaire:) or as a file (file:), one of the two'],
    ['an empty expect', `tests:\n  - name: t\n    questionnaire: ${ORG}\n    expect: {}\n`, 'tests.0.expect', 'expect at least one of verdict, confidence, fires, not_fires'],
  ])('%s is refused, located', (_what, text, path, message) => {
    const r = parseTests('rules.test.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.path, p.message])).toEqual([[path, message]]);
  });

  // Mutations pinned: a verdict or confidence the schema allows emptied, so that a test expecting
  // it is refused.
  it('takes each verdict and each confidence', () => {
    const text = (expect: string) => `tests:\n  - name: t\n    questionnaire: ${ORG}\n    expect: ${expect}\n`;
    expect(['adopt', 'defer', 'alternative'].map((v) => parseTests('rules.test.yaml', text(`{ verdict: ${v} }`)).ok)).toEqual([true, true, true]);
    expect(['high', 'medium', 'low'].map((c) => parseTests('rules.test.yaml', text(`{ confidence: ${c} }`)).ok)).toEqual([true, true, true]);
  });

  it('a file without tests is refused; one test with a questionnaire and one expectation is enough', () => {
    expect(parseTests('rules.test.yaml', 'tests: []\n').ok).toBe(false);
    expect(parsed(`tests:\n  - name: t\n    questionnaire: ${ORG}\n    expect: { verdict: adopt }\n`).tests).toEqual([{ name: 't', questionnaire: { version: 1, org: { name: 'T' }, services: { count: 30, languages: ['go'] }, platform_team: { exists: true } }, expect: { verdict: 'adopt' } }]);
  });

  // Mutations pinned: unknownRules looking only at fires (or only at not_fires), reporting the
  // rules the rubric has instead of those it lacks, or locating the problem elsewhere.
  it('names each rule in fires and not_fires that the rubric lacks, where the file names it', () => {
    const { tests, source } = parsed(`tests:\n  - name: t\n    questionnaire: ${ORG}\n    expect: { fires: [fleet, flete], not_fires: [owned, ownd] }\n`);
    expect(unknownRules(tests, source, rubric())).toEqual([
      { file: 'rules.test.yaml', line: 4, col: 30, path: 'tests.0.expect.fires.1', message: 'no rule "flete" in this rubric set' },
      { file: 'rules.test.yaml', line: 4, col: 57, path: 'tests.0.expect.not_fires.1', message: 'no rule "ownd" in this rubric set' },
    ]);
    // A test that names no rules names none the rubric lacks.
    const verdictOnly = parsed(`tests:\n  - name: t\n    questionnaire: ${ORG}\n    expect: { verdict: adopt }\n`);
    expect(unknownRules(verdictOnly.tests, verdictOnly.source, rubric())).toEqual([]);
  });
});

describe('a test run', () => {
  // Mutations pinned: the fired rules read from the reasons only or the risks only; each failure
  // condition made true or dropped (a confidence that matches reported as a failure) (`e.verdict && a.verdict !== e.verdict` made `||`, the fires
  // filter turned round); the test's line taken from elsewhere.
  it('passes when every expectation holds, and lists what fired', () => {
    const { tests, source } = parsed(`tests:\n  - name: both\n    questionnaire: ${ORG}\n    expect: { verdict: adopt, confidence: high, fires: [fleet, owned] }\n  - name: fleet alone\n    questionnaire: ${ORG}\n    set: { platform_team.exists: false }\n    expect: { verdict: defer, fires: [fleet], not_fires: [owned] }\n`);
    const out = runTests(tests, source, rubric(), noFiles);
    expect(out.map((o) => [o.test.name, o.line, o.fired, o.failures])).toEqual([
      ['both', 2, ['need-score', 'readiness-score', 'fleet', 'owned'], []],
      ['fleet alone', 5, ['readiness-score', 'fleet', 'need-score'], []],
    ]);
  });

  // Mutations pinned: each failure's words, and a failure left out or reported when it holds.
  it('says each expectation that does not hold', () => {
    const { tests, source } = parsed(`tests:\n  - name: wrong\n    questionnaire: ${ORG}\n    set: { platform_team.exists: false }\n    expect: { verdict: adopt, confidence: low, fires: [fleet, owned], not_fires: [fleet] }\n`);
    const [out] = runTests(tests, source, rubric(), noFiles);
    expect(out!.failures).toEqual([
      'expected verdict adopt, got defer',
      'expected confidence low, got high',
      'expected owned to fire; it did not (fired: readiness-score, fleet, need-score)',
      'expected fleet not to fire; it did',
    ]);
  });

  // Mutations pinned: the file read by another path than the test names, its problems not shown,
  // or its set answers not applied; a questionnaire that does not load run anyway.
  it('reads a questionnaire file through `read`, and a file that does not load fails its test', () => {
    const { tests, source } = parsed('tests:\n  - name: from a file\n    file: org.yaml\n    set: { services.count: 5 }\n    expect: { not_fires: [fleet] }\n  - name: missing\n    file: gone.yaml\n    expect: { verdict: adopt }\n  - name: invalid\n    file: bad.yaml\n    expect: { verdict: adopt }\n');
    const read = (file: string) =>
      file === 'org.yaml' ? { name: 'policy/org.yaml', text: questionnaire('services: { count: 30, languages: [go] }', 'platform_team: { exists: true }') } : file === 'bad.yaml' ? { name: 'policy/bad.yaml', text: questionnaire('services: { count: many, languages: [go] }', 'platform_team: { exists: true }') } : { error: `cannot read ${file}` };
    const out = runTests(tests, source, rubric(), read);
    expect(out.map((o) => [o.fired, o.failures])).toEqual([
      [['need-score', 'readiness-score', 'owned'], []],
      [[], ['the questionnaire does not load: cannot read gone.yaml']],
      [[], ['the questionnaire does not load: services.count: expected a whole number >= 0, got "many"']],
    ]);
  });
});

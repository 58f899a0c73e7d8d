import { describe, expect, it } from 'vitest';
import { answersOf } from '../src/core/questionnaire/derive.js';
import { DERIVED_PATHS, fields, SHARE_PATHS, VALUE_WORDS } from '../src/core/questionnaire/fields.js';
import { OTHER_CAUSES } from '../src/core/questionnaire/schema.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { formatProblem } from '../src/core/text/problem.js';
import { NO_INCIDENTS, acme, neutral, variant, yamlOf } from './fixtures.js';
import { rubricFiles } from './helpers.js';

const problemsOf = (text: string, overrides: { path: string; value: string }[] = []) => {
  const r = loadQuestionnaire('org.yaml', text, overrides);
  if (r.ok) throw new Error('expected problems');
  return r.problems;
};

/** A wrong value for each kind of field, and words the message must carry. */
const WRONG: Record<string, { value: unknown; expects: RegExp }[]> = {
  count: [
    { value: 'many', expects: /expected a whole number >= 0, got "many"/ },
    { value: -1, expects: /expected a whole number >= 0, got -1/ },
    { value: 2.5, expects: /expected a whole number >= 0, got 2.5/ },
  ],
  number: [{ value: -5, expects: /expected a number >= 0, got -5/ }],
  boolean: [{ value: 'yes', expects: /expected true or false, got "yes"/ }],
  enum: [{ value: 'sometimes', expects: /expected one of .+, got "sometimes"/ }],
  text: [{ value: 42, expects: /expected (text|a real calendar date as YYYY-MM-DD), got 42/ }],
  list: [{ value: 'go', expects: /expected a list of .+, got "go"/ }],
  literal: [{ value: 2, expects: /expected 1, got 2/ }],
};

const leaves = [...fields().values()].filter((f) => !f.derived && f.kind !== 'section');

describe('every questionnaire field', () => {
  const cases = leaves.flatMap((f) => (WRONG[f.kind] ?? []).map((w) => [f.path, f.kind, w] as const));

  it('has at least one wrong-value case', () => {
    for (const f of leaves) expect(WRONG[f.kind], f.path).toBeDefined();
  });

  it.each(cases)('%s (%s) rejects a wrong value at its own line and column', (path, _kind, wrong) => {
    const text = yamlOf(variant(acme(), { [path]: wrong.value }));
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    const p = problems[0]!;
    expect(p.path).toBe(path);
    expect(p.message).toMatch(wrong.expects);
    const line = text.split('\n')[p.line! - 1]!;
    expect(line.slice(0, p.col! - 1)).toMatch(new RegExp(`${path.split('.').pop()}: ?$`));
  });

  it.each(leaves.filter((f) => f.required).map((f) => f.path))('%s is required', (path) => {
    const problems = problemsOf(yamlOf(variant(neutral(), { [path]: undefined })));
    expect(problems.map((p) => p.path)).toContain(path);
    expect(problems[0]!.message).toMatch(/^required but missing: expected /);
  });

  it.each(leaves.filter((f) => !f.required).map((f) => f.path))('%s may be left out', (path) => {
    expect(loadQuestionnaire('org.yaml', yamlOf(variant(acme(), { [path]: undefined }))).ok).toBe(true);
  });
});

describe('unknown keys', () => {
  it.each([
    ['platfrom_team', 'platform_team', 1],
    ['services.cuont', 'count', 9],
    ['kubernetes.maturty', 'maturity', 21],
    ['incidents.causes.databse', 'database', 64],
    ['traffic.latency_budget', 'latency_budget_ms', 51],
  ])('%s is an error with a suggestion', (path, suggestion) => {
    const p = problemsOf(yamlOf(variant(acme(), { [path]: 1 })));
    expect(p).toHaveLength(1);
    expect(p[0]!.path).toBe(path);
    expect(p[0]!.message).toBe(`unknown key "${path.split('.').pop()}"`);
    expect(p[0]!.suggestion).toBe(`did you mean ${suggestion}?`);
  });

  it('reports every problem in the file at once, in file order, located', () => {
    const text = ['version: 1', 'org:', '  name: X', 'services:', '  count: lots', '  languages: [go]', '  colour: blue', 'platform_team:', '  exists: maybe', ''].join('\n');
    expect(problemsOf(text).map(formatProblem)).toEqual([
      'org.yaml:5:10 services.count: expected a whole number >= 0, got "lots"',
      'org.yaml:7:3 services.colour: unknown key "colour"; valid keys here: count, expected_count_12m, languages, architecture, protocols, call_depth',
      'org.yaml:9:11 platform_team.exists: expected true or false, got "maybe"',
    ]);
  });

  it('suggests the closest enumeration value', () => {
    const p = problemsOf(yamlOf(variant(acme(), { 'kubernetes.maturity': 'Operational' })));
    expect(p[0]!.suggestion).toBe('did you mean operational?');
  });

  it('says to leave an unknown answer out rather than empty', () => {
    const p = problemsOf(yamlOf(variant(acme(), { 'security.mandate': null })));
    expect(p[0]!.suggestion).toMatch(/leave the key out/);
  });

  it('checks list items one by one', () => {
    const p = problemsOf(yamlOf(variant(acme(), { 'services.protocols': ['http', 'smtp'] })));
    expect(p[0]!.path).toBe('services.protocols.1');
    expect(p[0]!.message).toMatch(/expected one of http, grpc, tcp, messaging, other, got "smtp"/);
  });
});

describe('broken documents', () => {
  it.each([
    ['invalid YAML', 'version: 1\norg: [a\n', /invalid YAML/],
    ['an empty file', '', /expected a mapping of questionnaire sections/],
    ['a list at the root', '- a\n- b\n', /expected a mapping of questionnaire sections/],
    ['duplicate keys', 'version: 1\nversion: 1\n', /invalid YAML: Map keys must be unique/],
  ])('%s is a located problem', (_name, text, message) => {
    const p = problemsOf(text);
    expect(p[0]!.message).toMatch(message);
    expect(p[0]!.line).toBeGreaterThan(0);
  });

  it('reports __proto__ and constructor keys as unknown keys, without polluting anything', () => {
    const p = problemsOf('version: 1\n__proto__: {polluted: true}\norg: {name: X, constructor: 1}\nservices: {count: 3, languages: [go]}\nplatform_team: {exists: true}\n');
    expect(p.map((x) => x.path)).toEqual(['__proto__', 'org.constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('shows an overflowing number as Infinity, not null', () => {
    const p = problemsOf(yamlOf(neutral()).replace('count: 30', 'count: 1e400'));
    expect(p[0]!.message).toBe('expected a whole number >= 0, got Infinity');
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const p = problemsOf(lines.join('\n'));
    expect(p[0]!.message).toMatch(/alias/);
  });
});

describe('--set overrides', () => {
  it('replace an answer before validation', () => {
    const r = loadQuestionnaire('org.yaml', yamlOf(neutral()), [{ path: 'services.count', value: '75' }]);
    expect(r.ok && r.value.answers.get('services.count')).toBe(75);
    expect(r.ok && r.value.positions.has('services.count')).toBe(false);
  });

  it('create a section that was left out, and parse lists', () => {
    const r = loadQuestionnaire('org.yaml', yamlOf(neutral()), [{ path: 'services.protocols', value: '[http, grpc]' }, { path: 'security.mandate', value: 'required' }]);
    expect(r.ok && r.value.data.security?.mandate).toBe('required');
    expect(r.ok && r.value.data.services.protocols).toEqual(['http', 'grpc']);
  });

  it('are validated like the file', () => {
    const p = problemsOf(yamlOf(neutral()), [{ path: 'services.count', value: 'many' }]);
    expect(p[0]!.message).toMatch(/expected a whole number >= 0, got "many"/);
  });

  it('name an unknown path with a suggestion', () => {
    const p = problemsOf(yamlOf(neutral()), [{ path: 'platfrom_team.exists', value: 'true' }]);
    expect(formatProblem(p[0]!)).toBe('--set platfrom_team.exists: unknown field "platfrom_team.exists"; did you mean platform_team.exists?');
  });
});

describe('derived quantities', () => {
  it('are shares, printed as percentages, exactly where the rubric prints them with :percent', () => {
    // Reports print a share's evidence the way its reason prints it; the two lists must agree.
    const percent = new Set(rubricFiles().flatMap((f) => [...f.text.matchAll(/\{([a-z0-9_.]+):percent\}/g)].map((m) => m[1]!)));
    expect([...percent].sort()).toEqual([...SHARE_PATHS].sort());
    for (const p of SHARE_PATHS) expect(DERIVED_PATHS).toContain(p);
  });

  it('name every incident cause a mesh does not touch in words, for the reasons that print the largest', () => {
    expect(Object.keys(VALUE_WORDS['incidents.top_other_cause']!).sort()).toEqual(OTHER_CAUSES.map((c) => c.replace(/_/g, ' ')).sort());
  });

  const derive = (changes: Record<string, unknown>) => {
    const r = loadQuestionnaire('q.yaml', yamlOf(variant(neutral(), changes)));
    if (!r.ok) throw new Error('invalid');
    return r.value.answers;
  };

  it('count incidents, the mesh-addressable share and the largest other cause', () => {
    const a = answersOf(acme() as never);
    expect(a.get('incidents.total')).toBe(32);
    expect(a.get('incidents.mesh_addressable_share')).toBe(0.5);
    expect(a.get('incidents.top_other_cause')).toBe('application');
  });

  it('leave the share unknown when no incidents are recorded', () => {
    const a = derive({ 'incidents.causes': { ...NO_INCIDENTS } });
    expect(a.get('incidents.total')).toBe(0);
    expect(a.has('incidents.mesh_addressable_share')).toBe(false);
  });

  // questionnaire.md: a cause left out is unknown, not zero.
  it('read a cause left out as unknown: totals known from below, the share as a range', () => {
    const onlyDatabase = derive({ 'incidents.causes': { database: 5 } });
    expect(onlyDatabase.has('incidents.total')).toBe(false);
    expect(onlyDatabase.bounds?.('incidents.total')).toEqual({ lo: 5, hi: Infinity });
    expect(onlyDatabase.bounds?.('incidents.elsewhere_total')).toEqual({ lo: 5, hi: Infinity });
    expect(onlyDatabase.bounds?.('incidents.mesh_addressable_total')).toEqual({ lo: 0, hi: Infinity });
    expect(onlyDatabase.bounds?.('incidents.mesh_addressable_share')).toEqual({ lo: 0, hi: 1 });
    // Every addressable cause answered, some others not: the share can only fall from 2 in 8.
    const addressableKnown = derive({ 'incidents.causes': { service_communication: 2, certificates: 0, release_traffic: 0, database: 6 } });
    expect(addressableKnown.get('incidents.mesh_addressable_total')).toBe(2);
    expect(addressableKnown.bounds?.('incidents.mesh_addressable_share')).toEqual({ lo: 0, hi: 0.25 });
    // Every other cause answered, some addressable not: the share can only rise from 2 in 8.
    const othersKnown = derive({ 'incidents.causes': { service_communication: 2, release_traffic: 0, database: 6, deploy_pipeline: 0, ownership: 0, capacity: 0, application: 0, other: 0 } });
    expect(othersKnown.get('incidents.elsewhere_total')).toBe(6);
    expect(othersKnown.bounds?.('incidents.mesh_addressable_share')).toEqual({ lo: 0.25, hi: 1 });
  });

  it('count distinct languages regardless of case', () => {
    expect(derive({ 'services.languages': ['Go', 'go', 'Java'] }).get('services.language_count')).toBe(2);
  });

  it('divide the latency budget over the call depth only when both are known', () => {
    expect(derive({ 'services.call_depth': 4, 'traffic.latency_budget_ms': 100 }).get('traffic.latency_budget_per_hop_ms')).toBe(25);
    expect(derive({ 'traffic.latency_budget_ms': 100 }).has('traffic.latency_budget_per_hop_ms')).toBe(false);
  });
});

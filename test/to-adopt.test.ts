import { parse } from 'yaml';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/core/report/assessment.js';
import { acme, fixture, RULE_FIXTURES, variant, yamlOf } from './fixtures.js';
import { assess } from '../src/core/decision/assess.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { assessText, examples, json, rubric, run, runMain } from './helpers.js';

const setArgs = (a: Assessment) => a.toAdopt.flatMap((t) => ['--set', `${t.path}=${Array.isArray(t.value) ? `[${t.value.join(', ')}]` : t.value}`]);
/** The verdict after --set overrides, through the same loader the CLI uses, without re-planning. */
const verdictOf = ([file, ...args]: string[]) => {
  const overrides = args.filter((_, i) => i % 2 === 1).map((a) => ({ path: a.slice(0, a.indexOf('=')), value: a.slice(a.indexOf('=') + 1) }));
  const q = loadQuestionnaire(file!, readFileSync(file!, 'utf8'), overrides);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  return assess(q.value, rubric()).verdict;
};

describe('with no checked plan to adopt, every format names what the gates holding the verdict ask for', () => {
  // Every built-in gate can be lifted by some answer: a company gate whose remedy is work alone
  // (no answer expresses it) is the case left, and the report must still say what it asks for.
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-freeze-'));
  writeFileSync(
    join(dir, 'rules.yaml'),
    `rules:
  - id: company-change-freeze
    title: A change freeze holds
    when: { path: services.count, gte: 1 }
    effect: { gate: never-adopt }
    reason: The company's change freeze holds every platform change.
    remedy: { text: "Wait for the change freeze to end, then assess again." }
    source: { document: company change policy, section: "1 Freezes" }
`,
  );
  writeFileSync(join(dir, 'scoring.yaml'), 'weights:\n  company-change-freeze: 50\n');
  // Assessed when a test first asks, once each: nothing is assessed while the file loads.
  const frozen = new Map<string, Assessment>();
  const frozenOf = (file: string) => {
    if (!frozen.has(file)) frozen.set(file, JSON.parse(run(['--format', 'json', '--extend', dir, file]).stdout) as Assessment);
    return frozen.get(file)!;
  };
  /** The examples the freeze holds at defer with no plan: every one the built-in rubric does not already take to alternative. */
  const HELD = ['examples/acme-payments.yaml', 'examples/kubernetes-immature.yaml', 'examples/mixed-style.yaml', 'examples/no-platform-team.yaml', 'examples/no-standing-budget.yaml', 'examples/streaming-latency.yaml'];

  it('holds exactly the examples short of alternative', () => {
    expect(examples().filter((file) => frozenOf(file).verdict === 'defer' && frozenOf(file).toAdopt.length === 0)).toEqual(HELD);
  });

  it.each(HELD)('%s', (file) => {
    const a = frozenOf(file);
    const remedies = a.reasons.filter((r) => r.effect.kind === 'gate' && r.remedy).map((r) => r.remedy!);
    expect(remedies).toContain('Wait for the change freeze to end, then assess again.');
    // The terminal wraps lines: compare with runs of whitespace made one.
    const flat = (s: string) => s.replace(/\s+/g, ' ');
    for (const args of [[file], ['--format', 'markdown', file], ['summary', file]]) {
      const out = flat(run([...args, '--extend', dir]).stdout);
      expect(out).not.toMatch(/the need for a mesh is not there/);
      for (const remedy of remedies.slice(0, 3)) expect(out).toContain(flat(remedy));
    }
  });
});

describe('toAdopt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-'));
  const fixtureFiles = Object.keys(RULE_FIXTURES).map((id) => {
    const file = join(dir, `${id}.yaml`);
    writeFileSync(file, yamlOf(fixture(id)));
    return file;
  });
  const inputs = [...examples(), ...fixtureFiles];
  const planned = new Map<string, Assessment>();
  const planOf = (file: string) => {
    if (!planned.has(file)) planned.set(file, assessText(readFileSync(file, 'utf8')));
    return planned.get(file)!;
  };
  const name = (file: string) => file.split('/').pop()!;
  // Every built-in gate has a remedy or reads an answer one sets, so a plan is found for every
  // defer and alternative: the ones without a plan are exactly the five that adopt already.
  const ADOPTING = ['acme-payments.yaml', 'streaming-latency.yaml', 'single-language-under-mandate.yaml', 'single-language-trade-off.yaml', 'latency-budget-tight.yaml'];
  const withPlan = inputs.filter((file) => !ADOPTING.includes(name(file)));

  it('exists for every example and fixture short of adopt', () => {
    for (const f of ['examples/no-platform-team.yaml', 'examples/kubernetes-immature.yaml', 'examples/no-standing-budget.yaml']) expect(withPlan).toContain(f);
    expect(inputs.filter((file) => planOf(file).toAdopt.length === 0).map((file) => [name(file), planOf(file).verdict])).toEqual(ADOPTING.map((n) => [n, 'adopt']));
    expect(withPlan).toHaveLength(inputs.length - 5);
  });

  it.each(examples().filter((f) => withPlan.includes(f)))('applied to %s through --set on the built CLI, really gives adopt', (file) => {
    const before = json([file]);
    expect(before.verdict).not.toBe('adopt');
    expect(json([file, ...setArgs(before)]).verdict).toBe('adopt');
  });

  it.each(withPlan.map((file) => [name(file), file] as const))('applied to %s through --set, gives adopt; dropping any one change does not', (_name, file) => {
    const plan = planOf(file);
    expect(plan.verdict).not.toBe('adopt');
    expect(verdictOf([file, ...setArgs(plan)])).toBe('adopt');
    for (let i = 0; i < plan.toAdopt.length; i++) {
      const fewer = { ...plan, toAdopt: plan.toAdopt.filter((_, j) => j !== i) };
      expect(verdictOf([file, ...setArgs(fewer)])).not.toBe('adopt');
    }
  });

  it('names the rule and the reason for every change', () => {
    const a = assessText(yamlOf(fixture('no-platform-team')));
    expect(a.toAdopt[0]).toEqual({ path: 'platform_team.exists', value: true, message: expect.stringMatching(/platform team/), rule: 'no-platform-team' });
    for (const t of a.toAdopt) expect(t.message.length).toBeGreaterThan(10);
  });

  it('is empty for adopt, and empty rather than wrong when no remedy reaches adopt', () => {
    expect(assessText(readFileSync('examples/acme-payments.yaml', 'utf8')).toAdopt).toEqual([]);
    // With no remedy that touches the gate's answer, nothing can reach adopt.
    const r = rubric();
    const noRemedy = { ...r, rules: r.rules.map((x) => (['no-appetite-for-standing-cost', 'leadership-accepts-standing-cost'].includes(x.id) ? { ...x, remedy: undefined } : x)) };
    const blocked = assessText(yamlOf(variant(acme(), { 'leadership.accepts_standing_cost': false })), [], noRemedy);
    expect(blocked.verdict).toBe('defer');
    expect(blocked.toAdopt).toEqual([]);
  });
});

describe('toAdopt stays minimal', () => {
  // The startup example without its incidents: the pain-elsewhere gate has no remedy to set.
  const startup = () => assessText(yamlOf(variant(parse(readFileSync('examples/startup-monolith.yaml', 'utf8')) as Record<string, unknown>, { incidents: undefined })));

  it('picks no remedy that cannot make its own rule fire (50 services in two languages is not fleet-scale-polyglot)', () => {
    const a = startup();
    expect(a.verdict).toBe('alternative');
    expect(a.toAdopt.map((t) => t.rule)).not.toContain('fleet-scale-polyglot');
    // The seven gates holding here lifted by six remedies (20 services lifts both the handful of
    // services and the small fleet without a mandate); with them gone need is 38, and a mandate
    // takes it over 50.
    expect(a.toAdopt.map((t) => t.rule)).toEqual(['no-appetite-for-standing-cost', 'kubernetes-not-mature', 'platform-unfunded', 'platform-without-on-call', 'monolith-estate', 'small-fleet-no-mandate', 'compliance-mandate']);
  });

  it('brings a number down to the smallest remedy value that still gives adopt', () => {
    const a = startup();
    const count = a.toAdopt.find((t) => t.path === 'services.count');
    expect(count?.value).toBe(20);
    expect(count?.message).toContain('20 services');
  });
});

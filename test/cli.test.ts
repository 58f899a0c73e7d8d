import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wantsColor } from '../src/cli/color.js';
import type { Assessment } from '../src/core/report/assessment.js';
import { assessText, examples, json, ROOT, run, runMain } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'mesh-assess-cli-'));
const write = (name: string, text: string) => {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
};
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:|node:internal/);

describe('the built CLI on good input', () => {
  // Every example in process (the bundle's code path, minus the process); the built CLI itself
  // runs one example here and every example in .ci/run's smoke step.
  it.each(examples())('assesses %s: the settings it used, then the verdict, exit 0, nothing on stderr, within 80 columns', (file) => {
    const r = file === 'examples/acme-payments.yaml' ? run([file]) : runMain([file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^mesh-assess {2}\S/);
    expect(lines[1]).toMatch(/^rubrics built-in [0-9a-f]{12} · thresholds 50\/70 · no configuration file$/);
    expect(lines[3]).toMatch(/^(ADOPT|DEFER|ALTERNATIVE) /);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it.each(examples())('prints the assessment of %s as JSON with the documented keys', (file) => {
    const a = JSON.parse(runMain(['--format', 'json', file]).stdout) as Assessment;
    expect(Object.keys(a)).toEqual([
      'schemaVersion', 'config', 'rubric', 'org', 'file', 'verdict', 'confidence', 'scores', 'gates', 'reasons', 'unknowns', 'toAdopt', 'flips',
      'recommendation', 'cost', 'alternatives', 'risks', 'rollout', 'checklist', 'runbook', 'revisit', 'waivers', 'comparison',
    ]);
    expect(typeof a.scores.need).toBe('number');
    expect(typeof a.scores.readiness).toBe('number');
    for (const r of a.reasons) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['rule', 'message', 'effect', 'weight', 'evidence', 'source']));
      for (const e of r.evidence) expect(Object.keys(e)).toEqual(['path', 'value', 'line', 'col']);
    }
    for (const u of a.unknowns) expect(Object.keys(u)).toEqual(['path', 'question', 'rules', 'line', 'col']);
  });

  it('gives byte-identical JSON for the same input', () => {
    const a = run(['--format', 'json', 'examples/minimal.yaml']);
    const b = run(['--format', 'json', 'examples/minimal.yaml']);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('covers all three verdicts across the examples', () => {
    expect(new Set(examples().map((f) => assessText(readFileSync(f, 'utf8')).verdict))).toEqual(new Set(['adopt', 'defer', 'alternative']));
  });

  it('applies --set what-ifs', () => {
    const before = json(['examples/no-standing-budget.yaml']);
    const after = json(['examples/no-standing-budget.yaml', '--set', 'leadership.accepts_standing_cost=true']);
    expect(before.verdict).toBe('defer');
    expect(after.verdict).toBe('adopt');
    const evidence = after.reasons.flatMap((r) => r.evidence).find((e) => e.path === 'leadership.accepts_standing_cost');
    expect(evidence).toEqual({ path: 'leadership.accepts_standing_cost', value: true, line: null, col: null });
  });

  it('assesses with another rubric set through --rubrics', () => {
    const a = json(['examples/acme-payments.yaml', '--rubrics', 'test/fixtures/custom-rubric']);
    expect(a.reasons.map((r) => r.rule)).toEqual(['policy-need', 'policy-readiness', 'mandate-and-scale', 'platform-exists', 'any-team']);
    expect(a.verdict).toBe('adopt');
    expect(a.scores.thresholds).toEqual({ need: 50, readiness: 50 });
  });

  it('extends the built-in rubric set through --extend', () => {
    const args = ['examples/acme-payments.yaml', '--set', 'security.frameworks=[pci-dss, fedramp]', '--set', 'platform_team.mesh_experience=none'];
    expect(json(args).verdict).toBe('adopt');
    const a = json([...args, '--extend', 'test/fixtures/extension']);
    expect(a.verdict).toBe('defer');
    expect(a.gates).toEqual(['fedramp-needs-mesh-experience']);
    expect(a.reasons.find((r) => r.rule === 'compliance-mandate')!.weight).toBe(40);
    expect(a.toAdopt).toEqual([expect.objectContaining({ path: 'platform_team.mesh_experience', value: 'some' })]);
  });

  it('colours only when asked or on a terminal', () => {
    expect(run(['examples/minimal.yaml']).stdout).not.toMatch(/\u001b\[/);
    expect(run(['examples/minimal.yaml'], { FORCE_COLOR: '1', NO_COLOR: '' }).stdout).toMatch(/\u001b\[/);
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
    expect(wantsColor({}, false)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(wantsColor({ FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(false);
  });

  it('prints help and version with exit 0', () => {
    const help = run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--format <format>.*\(choices: "terminal", "json"/s);
    expect(run(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('the built CLI on bad input: exit 2, located messages, no stack trace', () => {
  it.each([
    ['a wrong type', 'version: 1\norg: {name: X}\nservices:\n  count: many\n  languages: [go]\nplatform_team: {exists: true}\n', /^.+bad\.yaml:4:10 services\.count: expected a whole number >= 0, got "many"\n$/],
    ['a misspelt key', 'version: 1\norg: {name: X}\nservices: {count: 3, languages: [go]}\nplatfrom_team: {exists: true}\n', /:4:1 platfrom_team: unknown key "platfrom_team"; did you mean platform_team\?\n/],
    ['invalid YAML', 'version: [1\n', /:2:1 invalid YAML: /],
    ['an empty file', '', /:1:1 expected a mapping of questionnaire sections, got an empty document/],
    ['a collection as a key', 'version: 1\norg: {name: X}\nservices: {count: 3, languages: [go]}\nplatform_team: {exists: true}\n? [a, b]\n: 1\n', /^\S+:5:3 \[ a, b \]: unknown key "\[ a, b \]"; valid keys here: version, org, .+\n$/],
  ])('%s', (_name, text, stderr) => {
    const r = run([write('bad.yaml', text)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    noStack(r.stderr);
  });

  it('a missing file', () => {
    const r = run(['no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('no/such/file.yaml cannot read: no such file or directory; check the path; mesh-assess init writes a questionnaire to start from\n');
  });

  it('a directory instead of a file', () => {
    const r = run(['examples']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^examples cannot read: it is a directory/);
  });

  it.each([
    [['--set', 'platfrom_team.exists=true', 'examples/minimal.yaml'], /--set platfrom_team\.exists: unknown field "platfrom_team\.exists"; did you mean platform_team\.exists\?/],
    [['--set', 'services.count', 'examples/minimal.yaml'], /--set expects path=value, got "services\.count"/],
    [['--format', 'xml', 'examples/minimal.yaml'], /argument 'xml' is invalid. Allowed choices are terminal, json, markdown, sarif, junit, github/],
    [[], /^error: name a questionnaire to assess \(mesh-assess org\.yaml\); mesh-assess init writes one to fill in, and mesh-assess --help lists the commands and options\n$/],
    [['summary'], /^error: missing required argument 'file'; mesh-assess help summary shows how to use it\n$/],
    [['--no-such-option', 'examples/minimal.yaml'], /unknown option '--no-such-option'/],
    [['examples/minimal.yaml', '--rubrics', 'no/such/dir'], /^no\/such\/dir cannot read: no such file or directory/],
    [['examples/minimal.yaml', '--rubrics', 'examples'], /examples\/\S+\.yaml:\d+:\d+ \S+: unknown key/],
  ])('usage: %j', (args, stderr) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    noStack(r.stderr);
  });
});

describe('npm run screenshot', () => {
  it('without Chromium: one line naming what to install, exit 2, the terminal picture still drawn', () => {
    // In a directory of its own, so the picture it writes first is not the repository's.
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-screenshot-'));
    mkdirSync(join(dir, 'docs'));
    for (const d of ['dist', 'examples']) symlinkSync(join(ROOT, d), join(dir, d));
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'screenshot.mjs')], { cwd: dir, encoding: 'utf8', env: { ...process.env, MESH_ASSESS_CHROMIUM: join(dir, 'no-chromium') } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`screenshot: ${join(dir, 'no-chromium')} is missing; install it with: apt-get install chromium, or set MESH_ASSESS_CHROMIUM to a Chromium; docs/summary.png is unchanged\n`);
    expect(existsSync(join(dir, 'docs', 'report.svg'))).toBe(true);
    expect(existsSync(join(dir, 'docs', 'summary.png'))).toBe(false);
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

/**
 * A pull request controls the repository's .mesh-assess.yaml, its rubric folders, waivers,
 * baselines and rubric tests. These attacks come from such files; each must fail closed (exit 2,
 * located) or be stated in the run's output, never act in silence.
 */

/** A scratch area with a repository in repo/ (arch/org.yaml, no-standing-budget: DEFER) and room beside it. */
function area(config?: string) {
  const top = mkdtempSync(join(tmpdir(), 'mesh-assess-trust-'));
  const repo = join(top, 'repo');
  mkdirSync(join(repo, '.git'), { recursive: true });
  mkdirSync(join(repo, 'arch'));
  copyFileSync(join(ROOT, 'examples', 'no-standing-budget.yaml'), join(repo, 'arch', 'org.yaml'));
  if (config !== undefined) writeFileSync(join(repo, '.mesh-assess.yaml'), config);
  return { top, repo };
}

function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The terminal report with its wrapped lines joined again. */
const flat = (s: string) => s.replace(/\n {2}(?=\S)/g, ' ');

const oneLine = (s: string) => expect(s.trimEnd().split('\n')).toHaveLength(1);

describe('paths named by a configuration file stay inside the repository', () => {
  it('output: ../deploy.sh cannot replace a script outside the repository', () => {
    const { top, repo } = area('output: ../deploy.sh\n');
    writeFileSync(join(top, 'deploy.sh'), '#!/bin/sh\necho deploying\n');
    chmodSync(join(top, 'deploy.sh'), 0o755);
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^\.mesh-assess\.yaml:1:9 output: "\.\.\/deploy\.sh" is outside the repository/);
    expect(readFileSync(join(top, 'deploy.sh'), 'utf8')).toBe('#!/bin/sh\necho deploying\n');
  });

  it('an absolute output path, and one through a link that leads out, are refused too', () => {
    const { top, repo } = area();
    writeFileSync(join(repo, '.mesh-assess.yaml'), `output: ${join(top, 'report.txt')}\nformat: github\n`);
    expect(cli(['arch/org.yaml'], repo).code).toBe(2);
    expect(existsSync(join(top, 'report.txt'))).toBe(false);
    mkdirSync(join(top, 'elsewhere'));
    symlinkSync(join(top, 'elsewhere'), join(repo, 'reports'));
    writeFileSync(join(repo, '.mesh-assess.yaml'), 'output: reports/out.txt\n');
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output: "reports\/out\.txt" is outside the repository/);
    expect(existsSync(join(top, 'elsewhere', 'out.txt'))).toBe(false);
  });

  it('an output inside the repository is written as before', () => {
    const { repo } = area('output: reports.txt\n');
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(0);
    expect(readFileSync(join(repo, 'reports.txt'), 'utf8')).toMatch(/DEFER/);
  });

  it('extend: [../secrets] reads nothing there, so no key of those files reaches the log', () => {
    const { top, repo } = area('extend: [../secrets]\n');
    mkdirSync(join(top, 'secrets'));
    writeFileSync(join(top, 'secrets', 'vault.yaml'), 'db_password_hunter2: 1\n');
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^\.mesh-assess\.yaml:1:10 extend\.0: "\.\.\/secrets" is outside the repository/);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('rubrics: a link in the repository that leads out is refused', () => {
    const { top, repo } = area('rubrics: policy\n');
    mkdirSync(join(top, 'policy'));
    symlinkSync(join(top, 'policy'), join(repo, 'policy'));
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rubrics: "policy" is outside the repository/);
  });

  it('a rubric file that links out of the repository is not read', () => {
    const { top, repo } = area('extend: [policy]\n');
    mkdirSync(join(repo, 'policy'));
    writeFileSync(join(top, 'hosts.yml'), 'internal_host_db01: 10.0.0.5\n');
    symlinkSync(join(top, 'hosts.yml'), join(repo, 'policy', 'rules.yaml'));
    const r = cli(['arch/org.yaml'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rules\.yaml this rubric file links outside the repository/);
    expect(r.stderr).not.toContain('db01');
  });
});

describe('rubric tests name only questionnaires inside the repository', () => {
  it("a test's file: ../../outside/hosts.yml is refused before it is read", () => {
    const { top, repo } = area();
    mkdirSync(join(top, 'outside'));
    writeFileSync(join(top, 'outside', 'hosts.yml'), 'org: { name: secret-value-from-outside }\n');
    mkdirSync(join(repo, 'policy', 'tests'), { recursive: true });
    writeFileSync(join(repo, 'policy', 'tests', 'leak.test.yaml'), ['tests:', '  - name: leak', '    file: ../../../outside/hosts.yml', '    expect: { verdict: adopt }', ''].join('\n'));
    const r = cli(['test', '--no-coverage', 'policy/tests'], repo);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/leak\.test\.yaml:3:11 tests\.0\.file: "\.\.\/\.\.\/\.\.\/outside\/hosts\.yml" is outside the repository/);
    expect(r.stderr).not.toContain('secret-value');
  });

  it('a test file inside the repository still runs', () => {
    const { repo } = area();
    mkdirSync(join(repo, 'policy'));
    writeFileSync(join(repo, 'policy', 'ok.test.yaml'), ['tests:', '  - name: the example defers', '    file: ../arch/org.yaml', '    expect: { verdict: defer }', ''].join('\n'));
    const r = cli(['test', '--no-coverage', 'policy'], repo);
    expect(r).toMatchObject({ code: 0, stdout: 'policy: 1 tests, 0 failed\n' });
    expect(statSync(join(repo, 'arch', 'org.yaml')).isFile()).toBe(true);
  });
});

/** A repository whose questionnaire is kubernetes-immature (DEFER, confidence high with the built-in rules). */
function deferring(config: string) {
  const { top, repo } = area(config);
  copyFileSync(join(ROOT, 'examples', 'kubernetes-immature.yaml'), join(repo, 'arch', 'org.yaml'));
  return { top, repo };
}

describe('every run states the configuration, rubric set and thresholds it used', () => {
  const GATE = ['--fail-on', 'defer,alternative,low-confidence'];

  it('extend with a scoring.yaml that lowers the thresholds to 1/1 is named as such, in every format', () => {
    const { repo } = deferring('extend: [policy]\n');
    mkdirSync(join(repo, 'policy'));
    writeFileSync(join(repo, 'policy', 'scoring.yaml'), 'thresholds: { need: 1, readiness: 1 }\n');
    const r = cli(['arch/org.yaml', ...GATE], repo);
    // Whatever the gate makes of the lowered thresholds, it does so in plain sight.
    expect(flat(r.stdout).split('\n')[1]).toMatch(/^rubrics built-in extended by policy [0-9a-f]{12} · thresholds 1\/1 \(changed from\s+50\/70\) · configuration \.mesh-assess\.yaml \(sets extend\)/);
    const doc = JSON.parse(cli(['arch/org.yaml', '--format', 'json'], repo).stdout) as { rubric: { thresholds: unknown; builtin_thresholds: unknown; extend: string[]; digest: string }; config: { from_file: string[] } };
    expect(doc.rubric).toMatchObject({ thresholds: { need: 1, readiness: 1 }, builtin_thresholds: { need: 50, readiness: 70 }, extend: ['policy'] });
    expect(doc.rubric.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(doc.config.from_file).toEqual(['extend']);
    expect(cli(['arch/org.yaml', '--format', 'github'], repo).stdout).toMatch(/^::notice title=mesh-assess%3A settings::rubrics built-in extended by policy [0-9a-f]{12} · thresholds 1\/1 \(changed from 50\/70\)/m);
    expect(cli(['arch/org.yaml', '--format', 'markdown'], repo).stdout).toMatch(/^> \*\*Settings:\*\* rubrics built-in extended by policy .* thresholds 1\/1 \(changed from 50\/70\)/m);
    const sarif = JSON.parse(cli(['arch/org.yaml', '--format', 'sarif'], repo).stdout) as { runs: { properties: { rubric: unknown; settings: string }; invocations: { properties: { rubric: unknown } }[] }[] };
    expect(sarif.runs[0]!.properties.rubric).toMatchObject({ builtin_thresholds: { need: 50, readiness: 70 } });
    expect(sarif.runs[0]!.invocations[0]!.properties.rubric).toMatchObject({ thresholds: { need: 1, readiness: 1 } });
    expect(cli(['arch/org.yaml', '--format', 'junit'], repo).stdout).toMatch(/<property name="settings" value="rubrics built-in extended by policy [0-9a-f]{12} · thresholds 1\/1 \(changed from 50\/70\)/);
  });

  it('rubrics: policy, a replaced rubric set, is named as replacing the built-in one', () => {
    const { repo } = deferring('rubrics: policy\n');
    cpSync(join(ROOT, 'rubrics'), join(repo, 'policy'), { recursive: true });
    const r = cli(['arch/org.yaml', '--format', 'json'], repo);
    expect(JSON.parse(r.stdout).rubric).toMatchObject({ set: 'policy', replaced: true });
    expect(flat(cli(['arch/org.yaml'], repo).stdout)).toMatch(/^rubrics policy \(replacing the built-in set\) [0-9a-f]{12}/m);
  });

  it('a rubric set named on the command line wins over the whole of the configuration\'s', () => {
    const { repo } = deferring('extend: [policy]\n');
    mkdirSync(join(repo, 'policy'));
    writeFileSync(join(repo, 'policy', 'scoring.yaml'), 'thresholds: { need: 1, readiness: 1 }\n');
    const r = cli(['arch/org.yaml', ...GATE, '--rubrics', join(ROOT, 'rubrics')], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('note: .mesh-assess.yaml: rubrics and extend are ignored, since the command line names the rubric set\n');
    expect(flat(r.stdout)).toMatch(/thresholds 50\/70 ·/);
    expect(cli(['arch/org.yaml', ...GATE, '--extend', join(ROOT, 'examples', 'company-policy')], repo).code).toBe(1);
  });

  it('the same run with no configuration says so, with the built-in digest', () => {
    const { repo } = deferring('format: terminal\n');
    const plain = cli(['arch/org.yaml', '--no-config'], repo).stdout.split('\n')[1];
    expect(plain).toMatch(/^rubrics built-in [0-9a-f]{12} · thresholds 50\/70 · no configuration file$/);
    expect(flat(cli(['arch/org.yaml'], repo).stdout).split('\n')[1]).toMatch(/· configuration \.mesh-assess\.yaml \(sets format\)$/);
  });
});

const waiver = (expires: string, rule = 'retry-stacking') => [`  - rule: ${rule}`, '    reason: retries budgeted per route after a load test', '    owner: arch-board', `    expires: ${expires}`].join('\n');

/** A repository whose questionnaire is startup-monolith (one risk: retry-stacking). */
function monolith(config: string) {
  const { repo } = area(config);
  copyFileSync(join(ROOT, 'examples', 'startup-monolith.yaml'), join(repo, 'arch', 'org.yaml'));
  return repo;
}

describe('waivers end, and say when they are stale', () => {
  const TODAY = ['--today', '2026-12-06'];

  it('expires: 9999-12-31 is refused: a waiver may run a year unless told otherwise', () => {
    const repo = monolith(`waivers:\n${waiver('9999-12-31')}\n`);
    const r = cli(['arch/org.yaml', ...TODAY], repo);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/^\.mesh-assess\.yaml:5:14 waivers\.0\.expires: the waiver of retry-stacking ends \d+ days from 2026-12-06, beyond the 365 days --waiver-max-days allows; choose an end within 365 days/);
    expect(cli(['arch/org.yaml', ...TODAY, '--waiver-max-days', '3650'], repo).code).toBe(2);
  });

  it('waiver-max-days in the configuration is a limit the command line overrides', () => {
    const repo = monolith(`waiver-max-days: 30\nwaivers:\n${waiver('2027-02-01')}\n`);
    const r = cli(['arch/org.yaml', ...TODAY], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/beyond the 30 days waiver-max-days in the configuration allows/);
    const wider = cli(['arch/org.yaml', ...TODAY, '--waiver-max-days', '90', '--format', 'json'], repo);
    expect(wider.code).toBe(0);
    expect(JSON.parse(wider.stdout).config).toMatchObject({ 'waiver-max-days': 90, from_file: ['waivers'] });
    expect(cli(['arch/org.yaml', ...TODAY, '--waiver-max-days', '0'], repo)).toMatchObject({ code: 2, stderr: 'error: --waiver-max-days expects a whole number of days from 1 to 3650, got "0"\n' });
  });

  it('a waiver that accepted nothing is listed in every run, as unused', () => {
    const repo = monolith(`waivers:\n${waiver('2027-06-30')}\n${waiver('2027-06-30', 'no-platform-team')}\n`);
    const r = cli(['arch/org.yaml', ...TODAY], repo);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: the waiver of no-platform-team by arch-board accepted no finding in this run: remove it, or check its rule and files\n');
    expect(flat(r.stdout)).toMatch(/2 waivers: 1 applied, 1 unused/);
    const doc = JSON.parse(cli(['arch/org.yaml', ...TODAY, '--format', 'json'], repo).stdout);
    expect(doc.config.unused_waivers.map((w: { rule: string }) => w.rule)).toEqual(['no-platform-team']);
    expect(cli(['arch/org.yaml', ...TODAY, '--format', 'github'], repo).stdout).toMatch(/^::warning title=mesh-assess%3A unused waiver of no-platform-team::/m);
  });

  it('an expired waiver is named whatever --fail-on lists, and annotated', () => {
    const repo = monolith(`waivers:\n${waiver('2026-11-30')}\n`);
    const r = cli(['arch/org.yaml', ...TODAY, '--fail-on', 'risk:any'], repo);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('warning: the waiver of retry-stacking by arch-board ended on 2026-11-30; its finding counts again\narch/org.yaml: --fail-on risk:any met\n');
    const gh = cli(['arch/org.yaml', ...TODAY, '--fail-on', 'risk:any', '--format', 'github'], repo);
    expect(gh.stdout).toMatch(/^::warning title=mesh-assess%3A expired waiver of retry-stacking::The waiver of retry-stacking by arch-board ended on 2026-11-30; its finding counts again\.$/m);
  });
});

describe('a baseline that covers nothing cannot pass the regression gate', () => {
  it('warns for each file it does not hold, and with --fail-on regression and no match, exits 2', () => {
    const { repo } = area();
    copyFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), join(repo, 'arch', 'other.yaml'));
    writeFileSync(join(repo, 'base.json'), cli(['arch/other.yaml', '--format', 'json'], repo).stdout);
    const both = cli(['arch/org.yaml', 'arch/other.yaml', '--baseline', 'base.json', '--fail-on', 'regression'], repo);
    expect(both.code).toBe(0);
    expect(both.stderr).toBe('warning: arch/org.yaml: the baseline base.json holds no assessment of this file, so it is not compared\n');
    // One file against a baseline of one is compared one to one, whatever the names.
    const none = cli(['arch/org.yaml', 'arch/org.yaml', '--baseline', 'base.json', '--fail-on', 'regression'], repo);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^base\.json the baseline holds none of the files assessed, so --fail-on regression could check nothing; write the baseline from the same files/m);
    expect(none.stdout).toBe('');
  });
});

describe('after --, every argument is a file', () => {
  it('-- init ../x.yaml assesses two files named so, and writes nothing', () => {
    const { top, repo } = area();
    const r = cli(['--format', 'json', '--', 'init', '../x.yaml'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.\/init cannot read: no such file or directory/);
    expect(existsSync(join(top, 'x.yaml'))).toBe(false);
    // A file named like a command is assessed as that file.
    copyFileSync(join(repo, 'arch', 'org.yaml'), join(repo, 'test'));
    expect(JSON.parse(cli(['--format', 'json', '--', 'test'], repo).stdout).file).toBe('./test');
    // A command before -- is still that command: its operands follow.
    expect(cli(['validate', '--', 'arch/org.yaml'], repo)).toMatchObject({ code: 0, stdout: 'arch/org.yaml: valid\n' });
  });
});

import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT } from './helpers.js';

/** The README's YAML blocks, by the file each names on its first line. */
function recipes(): Map<string, Record<string, unknown>> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out = new Map<string, Record<string, unknown>>();
  for (const m of readme.matchAll(/```yaml\n# (\S+)\n([\s\S]*?)```/g)) out.set(m[1]!, parse(m[2]!) as Record<string, unknown>);
  return out;
}

/** A repository with org.yaml and a `mesh-assess` on the PATH that is the built CLI. */
function repo(example: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-ci-'));
  copyFileSync(join(ROOT, 'examples', example), join(dir, 'org.yaml'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'mesh-assess'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'mesh-assess'), 0o755);
  const sh = (command: string, env: Record<string, string> = {}) => {
    const r = spawnSync('/bin/sh', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', ...env } });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  return { dir, sh };
}

const commands = (lines: unknown[]) => lines.filter((l): l is string => typeof l === 'string' && l.startsWith('mesh-assess '));

describe('the README CI recipes, run as written', () => {
  const all = recipes();

  it('has the three recipes', () => {
    expect([...all.keys()]).toEqual(expect.arrayContaining(['.github/workflows/mesh-assess.yml', '.gitlab-ci.yml', '.pre-commit-config.yaml']));
  });

  it('GitHub Actions: SARIF that validates, annotations, the job summary, and the gate', () => {
    const wf = all.get('.github/workflows/mesh-assess.yml') as { jobs: { assess: { steps: { run?: string; with?: { sarif_file?: string } }[] } } };
    const steps = wf.jobs.assess.steps;
    const runs = commands(steps.map((s) => s.run));
    expect(runs).toHaveLength(2);
    const sarifFile = steps.find((s) => s.with?.sarif_file)!.with!.sarif_file!;

    const adopt = repo('acme-payments.yaml');
    const summary = join(adopt.dir, 'summary.md');
    writeFileSync(summary, '');
    const results = runs.map((c) => adopt.sh(c, { GITHUB_STEP_SUMMARY: summary }));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    expect(new Ajv({ strict: false, unicodeRegExp: false }).validate(schema, JSON.parse(readFileSync(join(adopt.dir, sarifFile), 'utf8')))).toBe(true);
    expect(results[1]!.stdout).toMatch(/^::notice file=org.yaml,line=1,col=1,title=mesh-assess%3A Acme Payments::ADOPT/m);
    expect(readFileSync(summary, 'utf8')).toContain('## mesh-assess: Acme Payments');

    const defer = repo('no-standing-budget.yaml');
    expect(runs.map((c) => defer.sh(c).code)).toEqual([0, 1]);
  });

  it('GitLab CI: a JUnit report, and the gate', () => {
    const job = all.get('.gitlab-ci.yml')!['mesh-assess'] as { script: string[]; artifacts: { reports: { junit: string } } };
    const runs = commands(job.script);
    expect(runs).toHaveLength(2);
    const adopt = repo('acme-payments.yaml');
    expect(runs.map((c) => adopt.sh(c).code)).toEqual([0, 0]);
    expect(XMLValidator.validate(readFileSync(join(adopt.dir, job.artifacts.reports.junit), 'utf8'))).toBe(true);
    const alternative = repo('edge-only.yaml');
    expect(runs.map((c) => alternative.sh(c).code)).toEqual([0, 1]);
  });

  it('pre-commit: the hook entry passes a valid questionnaire and stops a broken one', () => {
    const hook = (all.get('.pre-commit-config.yaml') as { repos: { hooks: { entry: string; files: string }[] }[] }).repos[0]!.hooks[0]!;
    expect(new RegExp(hook.files).test('org.yaml')).toBe(true);
    const r = repo('minimal.yaml');
    // pre-commit appends the matching file names to the entry.
    expect(r.sh(`${hook.entry} org.yaml`).code).toBe(0);
    writeFileSync(join(r.dir, 'org.yaml'), 'version: 1\norg: {name: X}\nservices: {count: 3, languages: [go]}\nplatfrom_team: {exists: true}\n');
    const broken = r.sh(`${hook.entry} org.yaml`);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('did you mean platform_team?');
    expect(existsSync(join(r.dir, 'org.yaml'))).toBe(true);
  });

  it('the trusted-side recipe gates with the base branch configuration, whatever the pull request changed in it', () => {
    const wf = all.get('.github/workflows/mesh-assess-trusted.yml') as { jobs: { assess: { steps: { run?: string }[] } } };
    const steps = wf.jobs.assess.steps.flatMap((s) => (s.run && !s.run.startsWith('npm ') ? [s.run] : []));
    expect(steps).toHaveLength(2);
    // A base branch whose configuration fails on defer, and a pull request that lowers the gate.
    const origin = repo('no-standing-budget.yaml');
    const git = (args: string, cwd = origin.dir) => spawnSync('/bin/sh', ['-c', `git -c user.email=ci@example.com -c user.name=ci ${args}`], { cwd, encoding: 'utf8' });
    writeFileSync(join(origin.dir, '.mesh-assess.yaml'), 'fail-on: [defer, alternative]\n');
    writeFileSync(join(origin.dir, '.gitignore'), '.bin/\n');
    for (const args of ['init -q -b main', 'add .', 'commit -q -m base']) expect(git(args).status).toBe(0);
    const pr = mkdtempSync(join(tmpdir(), 'mesh-assess-pr-'));
    expect(git(`clone -q "${origin.dir}" "${pr}"`).status).toBe(0);
    writeFileSync(join(pr, '.mesh-assess.yaml'), 'fail-on: [adopt]\n');
    for (const args of ['checkout -q -b lower-the-gate', 'commit -q -am "lower the gate"']) expect(git(args, pr).status).toBe(0);
    const env = { RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'mesh-assess-runner-')), GITHUB_BASE_REF: 'main', PATH: `${join(origin.dir, '.bin')}:${process.env.PATH}`, NO_COLOR: '1' };
    const sh = (command: string) => spawnSync('/bin/sh', ['-c', command], { cwd: pr, encoding: 'utf8', env: { ...process.env, ...env } });
    // The pull request's own configuration would pass the gate; the recipe's run does not.
    expect(sh('mesh-assess org.yaml --format github').status).toBe(0);
    const results = steps.map(sh);
    expect(results.map((r) => r.status)).toEqual([0, 1]);
    expect(results[1]!.stderr).toContain('org.yaml: --fail-on defer met');
    expect(results[1]!.stdout).toMatch(/^::notice title=mesh-assess%3A settings::.*configuration .*base\/\.mesh-assess\.yaml \(sets fail-on\) · fail-on defer, alternative$/m);
  });
});

describe('the README CI recipes are current', () => {
  const all = recipes();
  // The majors current as of 2026-11, all on Node 24; codeql-action v3 is deprecated from December 2026.
  const CURRENT: Record<string, number> = { 'actions/checkout': 6, 'actions/setup-node': 6, 'github/codeql-action/upload-sarif': 4 };

  it('GitHub Actions: current action majors, a supported Node, and the permissions upload-sarif needs', () => {
    const wf = all.get('.github/workflows/mesh-assess.yml') as { permissions: Record<string, string>; jobs: { assess: { steps: { uses?: string; with?: { 'node-version'?: number } }[] } } };
    const used = wf.jobs.assess.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(used.length).toBeGreaterThan(0);
    for (const u of used) {
      const [name, ref] = u.split('@') as [string, string];
      expect(CURRENT[name], `${name} is not one the recipe is known to use`).toBeDefined();
      expect(Number(/^v(\d+)/.exec(ref)?.[1]), u).toBeGreaterThanOrEqual(CURRENT[name]!);
    }
    const node = wf.jobs.assess.steps.find((s) => s.with?.['node-version'])!.with!['node-version']!;
    expect([22, 24]).toContain(Number(node));
    expect(wf.permissions).toMatchObject({ 'security-events': 'write', actions: 'read', contents: 'read' });
  });

  it('GitLab CI: a supported Node image', () => {
    const job = all.get('.gitlab-ci.yml')!['mesh-assess'] as { image: string };
    expect(job.image).toMatch(/^node:(22|24)\b/);
  });
});

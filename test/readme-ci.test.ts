import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ROOT } from './helpers.js';
import { RELEASE_TAG, repositoryCopy } from './repository-copy.js';

/** pre-commit, when installed (.ci/run installs Debian's and makes the pre-commit tests mandatory). */
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;

/** Where the recipes are: the README shows the first ones, docs/ci.md every one. */
const RECIPE_DOCS = ['README.md', 'docs/ci.md'];

/** The YAML blocks of the README and docs/ci.md, by the file each names on its first line. */
function recipes(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const texts = new Map<string, string>();
  for (const doc of RECIPE_DOCS) {
    for (const m of readFileSync(join(ROOT, doc), 'utf8').matchAll(/```yaml\n# (\S+)\n([\s\S]*?)```/g)) {
      // A recipe shown in both places is the same recipe, word for word.
      if (texts.has(m[1]!)) expect(m[2], `${m[1]} in ${doc}`).toBe(texts.get(m[1]!));
      texts.set(m[1]!, m[2]!);
      out.set(m[1]!, parse(m[2]!) as Record<string, unknown>);
    }
  }
  return out;
}

/** git may clone a local path as a submodule only when told (git 2.38.1 and later). */
const GIT_FILE_PROTOCOL = { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'protocol.file.allow', GIT_CONFIG_VALUE_0: 'always' };

/**
 * A repository with org.yaml and mesh-assess added as the recipes say, a submodule at
 * tools/mesh-assess at the release tag, with a clone of this repository standing in for its
 * address. Its commands run with npm's global prefix in a scratch directory of their own (on the
 * PATH, as a runner's is) and npm offline with an empty cache, so an install that had to download
 * anything fails.
 */
function repo(example: string) {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-ci-'));
  const prefix = mkdtempSync(join(tmpdir(), 'mesh-assess-ci-prefix-'));
  const baseEnv = { ...process.env, ...GIT_FILE_PROTOCOL, PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, NPM_CONFIG_PREFIX: prefix, npm_config_prefix: prefix, npm_config_cache: mkdtempSync(join(tmpdir(), 'mesh-assess-ci-cache-')), npm_config_offline: 'true', NO_COLOR: '1' };
  const sh = (command: string, env: Record<string, string> = {}, cwd = dir) => {
    const r = spawnSync('/bin/sh', ['-c', command], { cwd, encoding: 'utf8', env: { ...baseEnv, ...env }, timeout: 120_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  copyFileSync(join(ROOT, 'examples', example), join(dir, 'org.yaml'));
  for (const command of ['git init -q -b main', `git submodule add -q "${repositoryCopy()}" tools/mesh-assess`, `git -C tools/mesh-assess checkout -q ${RELEASE_TAG}`, 'git add .', 'git -c user.email=ci@example.com -c user.name=ci -c commit.gpgsign=false commit -q -m base']) {
    const r = sh(command);
    expect(r.code, `${command}: ${r.stderr}`).toBe(0);
  }
  return { dir, sh };
}

/** A hang guard for a test that sets a repository up and installs into it: minutes at most. */
const INSTALL_MS = 240_000;

/** The commands of a list of steps or script lines, in order. */
const commands = (lines: unknown[]) => lines.filter((l): l is string => typeof l === 'string');

/** Runs an install step, which must pass, print no warning, and put mesh-assess on the PATH. */
function install(r: ReturnType<typeof repo>, command: string, env: Record<string, string> = {}, cwd?: string) {
  expect(command).toMatch(/^npm install --global \S*tools\/mesh-assess"?$/);
  const done = r.sh(command, env, cwd);
  expect(done.code, done.stderr).toBe(0);
  expect(done.stderr).toBe('');
  expect(r.sh('mesh-assess --version', env, cwd).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
}

describe('the README CI recipes, run as written', () => {
  const all = recipes();

  it('has the three recipes', () => {
    expect([...all.keys()]).toEqual(expect.arrayContaining(['.github/workflows/mesh-assess.yml', '.gitlab-ci.yml', '.pre-commit-config.yaml']));
  });

  it('GitHub Actions: SARIF that validates, annotations, the job summary, and the gate', () => {
    const wf = all.get('.github/workflows/mesh-assess.yml') as { jobs: { assess: { steps: { run?: string; with?: { sarif_file?: string } }[] } } };
    const steps = wf.jobs.assess.steps;
    const [installStep, ...runs] = commands(steps.map((s) => s.run));
    expect(runs).toHaveLength(2);
    const sarifFile = steps.find((s) => s.with?.sarif_file)!.with!.sarif_file!;

    const adopt = repo('acme-payments.yaml');
    install(adopt, installStep!);
    const summary = join(adopt.dir, 'summary.md');
    writeFileSync(summary, '');
    const results = runs.map((c) => adopt.sh(c, { GITHUB_STEP_SUMMARY: summary }));
    expect(results.map((r) => r.code)).toEqual([0, 0]);
    const schema = JSON.parse(readFileSync(join(ROOT, 'test', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
    expect(new Ajv({ strict: false, unicodeRegExp: false, validateFormats: false }).validate(schema, JSON.parse(readFileSync(join(adopt.dir, sarifFile), 'utf8')))).toBe(true);
    expect(results[1]!.stdout).toMatch(/^::notice file=org.yaml,line=1,col=1,title=mesh-assess%3A Acme Payments::ADOPT/m);
    expect(readFileSync(summary, 'utf8')).toContain('## mesh-assess: Acme Payments');

    const defer = repo('no-standing-budget.yaml');
    install(defer, installStep!);
    expect(runs.map((c) => defer.sh(c).code)).toEqual([0, 1]);
  }, INSTALL_MS);

  it('GitLab CI: a JUnit report, and the gate', () => {
    const job = all.get('.gitlab-ci.yml')!['mesh-assess'] as { variables: Record<string, string>; script: string[]; artifacts: { reports: { junit: string } } };
    // The runner checks the submodule out only when told.
    expect(job.variables.GIT_SUBMODULE_STRATEGY).toMatch(/^(normal|recursive)$/);
    const [installStep, ...runs] = commands(job.script);
    expect(runs).toHaveLength(2);
    const adopt = repo('acme-payments.yaml');
    install(adopt, installStep!);
    expect(runs.map((c) => adopt.sh(c).code)).toEqual([0, 0]);
    expect(XMLValidator.validate(readFileSync(join(adopt.dir, job.artifacts.reports.junit), 'utf8'))).toBe(true);
    const alternative = repo('edge-only.yaml');
    install(alternative, installStep!);
    expect(runs.map((c) => alternative.sh(c).code)).toEqual([0, 1]);
  }, INSTALL_MS);

  it('pre-commit: the shipped hooks, at the release tag', () => {
    const config = all.get('.pre-commit-config.yaml') as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(config.repos).toHaveLength(1);
    expect(config.repos[0]!.rev).toBe(RELEASE_TAG);
    const shipped = (parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string }[]).map((h) => h.id);
    expect(config.repos[0]!.hooks.map((h) => h.id)).toEqual(shipped);
  });

  // Debian's pre-commit installs the hooks' environment from the clone: minutes at most, never a hang.
  it.runIf(preCommit)('pre-commit: the configuration, its address set to a clone, passes a questionnaire, and stops a broken one and a defer', () => {
    const config = all.get('.pre-commit-config.yaml') as { repos: { repo: string }[] };
    const r = repo('acme-payments.yaml');
    writeFileSync(join(r.dir, '.pre-commit-config.yaml'), stringify({ ...config, repos: [{ ...config.repos[0]!, repo: repositoryCopy() }] }));
    writeFileSync(join(r.dir, 'broken.mesh.yaml'), 'version: 1\norg: {name: X}\nservices: {count: 3, languages: [go]}\nplatfrom_team: {exists: true}\n');
    copyFileSync(join(ROOT, 'examples', 'no-standing-budget.yaml'), join(r.dir, 'cargo.mesh.yaml'));
    expect(r.sh('git add .').code).toBe(0);
    const home = { PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), 'mesh-assess-pre-commit-home-')), npm_config_offline: 'false' };
    const run = (file: string) => r.sh(`pre-commit run --files ${file}`, home);
    const valid = run('org.yaml');
    expect(valid.code, valid.stdout + valid.stderr).toBe(0);
    expect(valid.stdout).toMatch(/^mesh-assess validate\.+Passed$/m);
    expect(valid.stdout).toMatch(/^mesh-assess\.+Passed$/m);
    const broken = run('broken.mesh.yaml');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^mesh-assess validate\.+Failed$/m);
    expect(broken.stdout).toContain('did you mean platform_team?');
    const defer = run('cargo.mesh.yaml');
    expect(defer.code).toBe(1);
    expect(defer.stdout).toMatch(/^mesh-assess validate\.+Passed$/m);
    expect(defer.stdout).toMatch(/^mesh-assess\.+Failed$/m);
    expect(defer.stdout).toContain('cargo.mesh.yaml: --fail-on defer met');
  }, 600_000);

  it('the trusted-side recipe installs mesh-assess and gates with the base branch configuration, whatever the pull request changed in it', () => {
    const wf = all.get('.github/workflows/mesh-assess-trusted.yml') as { jobs: { assess: { steps: { run?: string }[] } } };
    const steps = commands(wf.jobs.assess.steps.map((s) => s.run));
    expect(steps).toHaveLength(4);
    // A base branch whose configuration fails on defer, and a pull request that lowers the gate.
    const origin = repo('no-standing-budget.yaml');
    const git = (args: string, cwd = origin.dir) => spawnSync('/bin/sh', ['-c', `git -c user.email=ci@example.com -c user.name=ci -c commit.gpgsign=false ${args}`], { cwd, encoding: 'utf8' });
    writeFileSync(join(origin.dir, '.mesh-assess.yaml'), 'fail-on: [defer, alternative]\n');
    for (const args of ['add .', 'commit -q -m gate']) expect(git(args).status).toBe(0);
    // The checkout the recipe asks for: the pull request's branch, with history, without submodules.
    const pr = mkdtempSync(join(tmpdir(), 'mesh-assess-pr-'));
    expect(git(`clone -q "${origin.dir}" "${pr}"`).status).toBe(0);
    writeFileSync(join(pr, '.mesh-assess.yaml'), 'fail-on: [adopt]\n');
    for (const args of ['checkout -q -b lower-the-gate', 'commit -q -am "lower the gate"']) expect(git(args, pr).status).toBe(0);
    const env = { RUNNER_TEMP: mkdtempSync(join(tmpdir(), 'mesh-assess-runner-')), GITHUB_BASE_REF: 'main' };
    const [worktree, submodule, installStep, ...runs] = steps;
    for (const step of [worktree!, submodule!]) expect(origin.sh(step, env, pr).code).toBe(0);
    install(origin, installStep!, env, pr);
    // The pull request's own configuration would pass the gate; the recipe's run does not.
    expect(origin.sh('mesh-assess org.yaml --format github', env, pr).code).toBe(0);
    const results = runs.map((c) => origin.sh(c, env, pr));
    expect(results.map((r) => r.code)).toEqual([1]);
    expect(results[0]!.stderr).toContain('org.yaml: --fail-on defer met');
    expect(results[0]!.stdout).toMatch(/^::notice title=mesh-assess%3A settings::.*configuration .*base\/\.mesh-assess\.yaml \(sets fail-on\) · fail-on defer, alternative$/m);
  }, INSTALL_MS);
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

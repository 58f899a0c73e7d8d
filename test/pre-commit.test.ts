import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';
import { repositoryCopy } from './repository-copy.js';

/** pre-commit, when installed (.ci/run installs Debian's, 3.0.4 on bookworm, and makes this test mandatory). */
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const required = process.env.MESH_ASSESS_PRECOMMIT_TEST === 'required';

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; exclude?: string }[];

/** A repository with a valid questionnaire, a broken one, and YAML that is no questionnaire. */
function userRepo() {
  const repo = mkdtempSync(join(tmpdir(), 'mesh-assess-pre-commit-'));
  spawnSync('git', ['init', '-q'], { cwd: repo });
  copyFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), join(repo, 'org.yaml'));
  writeFileSync(join(repo, 'broken.mesh.yaml'), 'version: 1\norg:\n  name: Broken\nservices:\n  count: many\n');
  mkdirSync(join(repo, 'deploy'));
  writeFileSync(join(repo, 'deploy', 'app.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\n');
  mkdirSync(join(repo, '.github', 'workflows'), { recursive: true });
  writeFileSync(join(repo, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n');
  spawnSync('git', ['add', '.'], { cwd: repo });
  return repo;
}

describe('the pre-commit hooks', () => {
  it('are tested in CI, where pre-commit is installed', () => {
    if (required) expect(preCommit, 'pre-commit is not installed').toBe(true);
  });

  it('are node hooks that run on questionnaires by name (org.yaml, *.mesh.yaml), never on other YAML', () => {
    expect(hooks.map((h) => h.id)).toEqual(['mesh-assess-validate', 'mesh-assess']);
    // pre-commit matches with Python's re.search; these patterns mean the same in JavaScript.
    const matched = (path: string) => hooks.map((h) => new RegExp(h.files).test(path) && !(h.exclude && new RegExp(h.exclude).test(path)));
    for (const path of ['org.yaml', 'org.yml', 'units/org.yaml', 'payments.mesh.yaml', 'a/b/c.mesh.yml']) expect(matched(path), path).toEqual([true, true]);
    for (const path of ['deploy/app.yaml', '.github/workflows/ci.yml', '.mesh-assess.yaml', 'policy/x.test.yaml', 'myorg.yaml', '.pre-commit-config.yaml', 'org.yaml.bak', 'docs.mesh.yaml.md']) {
      expect(matched(path), path).toEqual([false, false]);
    }
    for (const h of hooks) expect(h.language).toBe('node');
  });

  // pre-commit installs the hooks' Node environment from this repository (npm, from the revision)
  // into a scratch home: minutes at most, never a hang.
  it.runIf(preCommit)('validate and gate questionnaires, and pass over other YAML, run with pre-commit try-repo', () => {
    const repo = userRepo();
    const home = mkdtempSync(join(tmpdir(), 'mesh-assess-pre-commit-home-'));
    // Every hook of the repository at once: from a clean checkout (as in CI) the environment is
    // installed once and reused by the later runs.
    const tryRepo = (...files: string[]) => {
      const r = spawnSync('pre-commit', ['try-repo', ROOT, '--files', ...files], { cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home, NO_COLOR: '1' }, timeout: 240_000 });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const valid = tryRepo('org.yaml');
    expect(valid.code, valid.out).toBe(0);
    expect(valid.out).toMatch(/^mesh-assess validate\.+Passed$/m);
    expect(valid.out).toMatch(/^mesh-assess\.+Passed$/m);
    const broken = tryRepo('broken.mesh.yaml');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^mesh-assess validate\.+Failed$/m);
    expect(broken.out).toMatch(/^mesh-assess\.+Failed$/m);
    expect(broken.out).toContain('broken.mesh.yaml:5:10 services.count: expected a whole number');
    // A Kubernetes manifest and a workflow are no questionnaires: both hooks skip them.
    const other = tryRepo('deploy/app.yaml', '.github/workflows/ci.yml');
    expect(other.code, other.out).toBe(0);
    expect(other.out).toMatch(/^mesh-assess validate\.+\(no files to check\)Skipped$/m);
    expect(other.out).toMatch(/^mesh-assess\.+\(no files to check\)Skipped$/m);
  }, 600_000);

  // pre-commit 4.6.1 and later install a node hook with one command, run with the hook
  // environment's npm (here the machine's, as pre-commit's nodeenv uses a system Node) and its
  // prefix: `npm install --allow-git=root --install-links -g git+file://<the hook repository>`
  // (4.6.1 without --install-links). npm clones the repository and, were there a build, prepare,
  // prepack or install script, would install its dev dependencies and run them; there is none, so
  // it packs the clone as it is. Offline with an empty cache, npm fails on any download. (4.6.0
  // and earlier, like Debian's 3.0.4 above, install the clone's dependencies, npm pack it and
  // install the tarball.)
  it.each([
    ['4.6.2 and later', ['--install-links']],
    ['4.6.1', []],
  ])('install as pre-commit %s installs them, offline and with no build, and the installed hooks run', (_version, extra) => {
    const env = mkdtempSync(join(tmpdir(), 'mesh-assess-node-env-'));
    const cache = mkdtempSync(join(tmpdir(), 'mesh-assess-npm-cache-'));
    const { NPM_CONFIG_USERCONFIG: _u, npm_config_userconfig: _v, ...inherited } = process.env;
    const hookEnv = { ...inherited, NPM_CONFIG_PREFIX: env, npm_config_prefix: env, NODE_VIRTUAL_ENV: env, NODE_PATH: join(env, 'lib', 'node_modules'), PATH: `${join(env, 'bin')}:${process.env.PATH}`, npm_config_cache: cache, npm_config_offline: 'true', NO_COLOR: '1' };
    const install = spawnSync('npm', ['install', '--allow-git=root', ...extra, '-g', `git+file://${repositoryCopy()}`], { encoding: 'utf8', env: hookEnv, timeout: 120_000 });
    expect(install.status, install.stderr).toBe(0);
    expect(install.stderr).toBe('');
    expect(install.stdout).toMatch(/^added 1 package in /m);
    // pre-commit runs the entry with the file names appended, in the environment's PATH.
    const repo = userRepo();
    const run = (hook: string, file: string) => spawnSync('/bin/sh', ['-c', `${hooks.find((h) => h.id === hook)!.entry} ${file}`], { cwd: repo, encoding: 'utf8', env: hookEnv });
    expect(run('mesh-assess-validate', 'org.yaml')).toMatchObject({ status: 0, stdout: 'org.yaml: valid\n' });
    expect(run('mesh-assess', 'org.yaml').status).toBe(0);
    const broken = run('mesh-assess-validate', 'broken.mesh.yaml');
    expect(broken.status).toBe(2);
    expect(broken.stderr).toContain('broken.mesh.yaml:5:10 services.count: expected a whole number');
  }, 180_000);
});

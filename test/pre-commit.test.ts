import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Debian's pre-commit, when installed (.ci/run installs it and makes this test mandatory). */
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const required = process.env.MESH_ASSESS_PRECOMMIT_TEST === 'required';

describe('the pre-commit hooks', () => {
  it('are tested in CI, where pre-commit is installed', () => {
    if (required) expect(preCommit, 'pre-commit is not installed').toBe(true);
  });

  // pre-commit installs the hooks' Node environment from this repository (npm pack, then npm
  // install from the registry) into a scratch home: minutes at most, never a hang.
  it.runIf(preCommit)('validate and gate questionnaires, run with pre-commit try-repo on a valid and a broken one', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mesh-assess-pre-commit-'));
    const home = mkdtempSync(join(tmpdir(), 'mesh-assess-pre-commit-home-'));
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    copyFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), join(repo, 'org.yaml'));
    writeFileSync(join(repo, 'broken.yaml'), 'version: 1\norg:\n  name: Broken\nservices:\n  count: many\n');
    git('add', '.');
    // Every hook of the repository at once: from a clean checkout (as in CI) the environment is
    // installed once and reused by the second run.
    const tryRepo = (file: string) => {
      const r = spawnSync('pre-commit', ['try-repo', ROOT, '--files', file], { cwd: repo, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home, NO_COLOR: '1' }, timeout: 140_000 });
      return { code: r.status, out: r.stdout + r.stderr };
    };
    const valid = tryRepo('org.yaml');
    expect(valid.code, valid.out).toBe(0);
    expect(valid.out).toMatch(/^mesh-assess validate\.+Passed$/m);
    expect(valid.out).toMatch(/^mesh-assess\.+Passed$/m);
    const broken = tryRepo('broken.yaml');
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(/^mesh-assess validate\.+Failed$/m);
    expect(broken.out).toMatch(/^mesh-assess\.+Failed$/m);
    expect(broken.out).toContain('broken.yaml:5:10 services.count: expected a whole number');
  }, 300_000);
});

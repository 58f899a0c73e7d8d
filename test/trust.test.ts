import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

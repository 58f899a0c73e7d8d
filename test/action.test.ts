import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

interface Step { id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> }
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }>; runs: { using: string; steps: Step[] } };

/**
 * The action's run step as the runner would run it: inputs as given (else their defaults) put
 * into the step's env the way action.yml maps them, and the GitHub variables a job has.
 */
function runAction(inputs: Record<string, string>, example = 'no-standing-budget.yaml') {
  const workspace = mkdtempSync(join(tmpdir(), 'mesh-assess-action-'));
  copyFileSync(join(ROOT, 'examples', example), join(workspace, 'org.yaml'));
  const files = { summary: join(workspace, 'summary.md'), output: join(workspace, 'output.txt') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const step = action.runs.steps.find((s) => s.id === 'assess')!;
  const value = (expr: string) => expr.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => inputs[name] ?? action.inputs[name]!.default);
  const env = Object.fromEntries(Object.entries(step.env!).map(([k, v]) => [k, value(v)]));
  // As the runner runs a step with shell: bash.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd: workspace,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', GITHUB_ACTION_PATH: ROOT, GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, workspace, summary: readFileSync(files.summary, 'utf8'), output: readFileSync(files.output, 'utf8') };
}

describe('the GitHub Action', () => {
  it('is a composite action that builds mesh-assess from its own checkout, on current action majors', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(['actions/setup-node@v6', 'github/codeql-action/upload-sarif@v4']);
    expect(action.runs.steps.some((s) => s.run?.includes('npm ci --prefix "$GITHUB_ACTION_PATH"'))).toBe(true);
    // Every input reaches the run step, and the step reads nothing that is not an input.
    const step = action.runs.steps.find((s) => s.id === 'assess')!;
    const passed = Object.values(step.env!).map((v) => /inputs\.([\w-]+)/.exec(v)![1]);
    expect(new Set([...passed, 'node-version'])).toEqual(new Set(Object.keys(action.inputs)));
  });

  it('annotates, writes the job summary and fails the step when the gate says so', () => {
    const r = runAction({ 'fail-on': 'defer' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::notice file=org\.yaml,line=1,col=1,title=mesh-assess%3A Cargoline Logistics::DEFER/m);
    expect(r.stderr).toBe('org.yaml: --fail-on defer met\n');
    expect(r.summary).toContain('## mesh-assess: Cargoline Logistics');
  });

  it('passes when the gate does', () => {
    expect(runAction({ 'fail-on': 'alternative' }).code).toBe(0);
    expect(runAction({}).code).toBe(0);
  });

  it('with upload-sarif, writes SARIF for the upload step even when the gate fails, and names it as an output', () => {
    const r = runAction({ 'fail-on': 'defer', 'upload-sarif': 'true' });
    expect(r.code).toBe(1);
    expect(r.output).toBe('sarif-file=mesh-assess.sarif\n');
    const log = JSON.parse(readFileSync(join(r.workspace, 'mesh-assess.sarif'), 'utf8'));
    expect(log.runs[0].artifacts[0].location.uri).toBe('org.yaml');
  });

  it('stops with exit 2 on bad input, naming the file, and offers no SARIF', () => {
    const r = runAction({ files: 'missing.yaml', 'upload-sarif': 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^missing\.yaml cannot read: no such file or directory/);
    expect(r.output).toBe('');
    expect(existsSync(join(r.workspace, 'mesh-assess.sarif'))).toBe(false);
  });

  it('takes several files, a configuration file and rubric extensions', () => {
    const r = runAction({ files: 'org.yaml org.yaml', format: 'json' });
    expect(JSON.parse(r.stdout)).toHaveLength(2);
    const bad = runAction({ config: 'nope.yaml' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^nope\.yaml cannot read/);
    const ext = runAction({ extend: 'no-such-dir' });
    expect(ext.code).toBe(2);
  });
});

import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers.js';

interface Step { id?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> }
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string; description: string }>; runs: { using: string; steps: Step[] } };

/** The committed copy of the built CLI, which the Action, the npm package and the pre-commit hooks run. */
const BUNDLE = ['action/mesh-assess.js', 'action/mesh-assess.cjs', 'action/mesh-assess-yaml.cjs', 'action/mesh-assess-zod.cjs', 'action/builtin-rubric.json', 'action/linguist-languages.json', 'action/package.json'];

/**
 * The Action's checkout as the runner has it, with nothing installed or built: action.yml, action/
 * (the run step and the committed bundle), and the rubrics and schema the bundle reads. No
 * node_modules, no dist/: a step that needed either would fail here.
 */
const actionPath = mkdtempSync(join(tmpdir(), 'mesh-assess-action-path-'));
copyFileSync(join(ROOT, 'action.yml'), join(actionPath, 'action.yml'));
for (const dir of ['action', 'rubrics', 'schema']) cpSync(join(ROOT, dir), join(actionPath, dir), { recursive: true });

interface RunOptions {
  /** Files to write into the workspace, by path, beside org.yaml. */
  files?: Record<string, string>;
  /** Directories of this repository to copy into the workspace, by the path they get there. */
  dirs?: Record<string, string>;
  /** A command to run instead of the step's own (it sees the same environment). */
  run?: string;
}

/**
 * The action's run step as the runner would run it: inputs as given (else their defaults) put
 * into the step's env the way action.yml maps them, and the GitHub variables a job has. The
 * workspace is a directory of its own inside a scratch directory, so that anything written
 * outside the workspace shows in `outside`.
 */
function runAction(inputs: Record<string, string>, options: RunOptions = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'mesh-assess-action-'));
  const workspace = join(scratch, 'workspace');
  mkdirSync(workspace);
  copyFileSync(join(ROOT, 'examples', 'no-standing-budget.yaml'), join(workspace, 'org.yaml'));
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(join(workspace, path, '..'), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  for (const [to, from] of Object.entries(options.dirs ?? {})) cpSync(join(ROOT, from), join(workspace, to), { recursive: true });
  const files = { summary: join(scratch, 'summary.md'), output: join(scratch, 'output.txt') };
  writeFileSync(files.summary, '');
  writeFileSync(files.output, '');
  const step = action.runs.steps.find((s) => s.id === 'assess')!;
  const value = (expr: string) => expr.replace(/\$\{\{ inputs\.([\w-]+) \}\}/g, (_m, name: string) => inputs[name] ?? action.inputs[name]!.default);
  const env = Object.fromEntries(Object.entries(step.env!).map(([k, v]) => [k, value(v)]));
  // As the runner runs a step with shell: bash.
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', options.run ?? step.run!], {
    cwd: workspace,
    encoding: 'utf8',
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', GITHUB_ACTION_PATH: actionPath, GITHUB_WORKSPACE: workspace, GITHUB_STEP_SUMMARY: files.summary, GITHUB_OUTPUT: files.output, ...env },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    workspace,
    outside: readdirSync(scratch).filter((n) => !['workspace', 'summary.md', 'output.txt'].includes(n)),
    summary: readFileSync(files.summary, 'utf8'),
    output: readFileSync(files.output, 'utf8'),
  };
}

/** The files a JSON run assessed, in order. */
const assessed = (stdout: string): string[] => {
  const out = JSON.parse(stdout) as { file: string } | { file: string }[];
  return (Array.isArray(out) ? out : [out]).map((a) => a.file);
};

const FAIL_ON_DEFER = { '.mesh-assess.yaml': 'fail-on: [defer]\n' };

describe('the GitHub Action', () => {
  it('is a composite action that runs its committed bundle, installs nothing, on current action majors', () => {
    expect(action.runs.using).toBe('composite');
    const uses = action.runs.steps.flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses).toEqual(['actions/setup-node@v6', 'github/codeql-action/upload-sarif@v4']);
    const script = readFileSync(join(ROOT, 'action', 'run.sh'), 'utf8');
    for (const run of [...action.runs.steps.flatMap((s) => (s.run ? [s.run] : [])), script]) expect(run).not.toMatch(/\b(npm|npx|yarn|pnpm|corepack)\b|dist\//);
    expect(script).toContain('"${GITHUB_ACTION_PATH:?}/action/mesh-assess.cjs"');
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

describe('the GitHub Action, given files', () => {
  const units = { 'units/a.yaml': readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8'), 'units/b.yaml': readFileSync(join(ROOT, 'examples', 'edge-only.yaml'), 'utf8') };

  it('a files list one per line (files: |) assesses every file, not only the first line', () => {
    const r = runAction({ files: 'org.yaml\nunits/a.yaml\n\tunits/b.yaml  org.yaml\n', format: 'json', 'fail-on': 'alternative' }, { files: units });
    expect(assessed(r.stdout)).toEqual(['org.yaml', 'units/a.yaml', 'units/b.yaml', 'org.yaml']);
    // units/b.yaml is the alternative: a gate that read only the first line would pass.
    expect(r.code).toBe(1);
  });

  it('globs are expanded in the workspace, ** across directories, not handed to the CLI as names', () => {
    const deep = { ...units, 'units/deep/c.yaml': units['units/a.yaml'], 'units/notes.txt': 'not a questionnaire' };
    expect(assessed(runAction({ files: 'units/*.yaml', format: 'json' }, { files: deep }).stdout)).toEqual(['units/a.yaml', 'units/b.yaml']);
    expect(assessed(runAction({ files: 'units/**/*.yaml', format: 'json' }, { files: deep }).stdout)).toEqual(['units/a.yaml', 'units/b.yaml', 'units/deep/c.yaml']);
    expect(assessed(runAction({ files: 'units/[a]*.yaml org.yaml', format: 'json' }, { files: deep }).stdout)).toEqual(['units/a.yaml', 'org.yaml']);
  });

  it('a pattern that matches nothing fails the step with exit 2, naming the pattern, before any SARIF', () => {
    const r = runAction({ files: 'org.yaml nowhere/*.yaml', 'upload-sarif': 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mesh-assess action: input files: nowhere/*.yaml matches no file\n');
    expect(r.stdout).toBe('');
    expect(r.output).toBe('');
  });

  it('a file name that looks like an option (--output=../x) is a file name: nothing is written outside the workspace', () => {
    const r = runAction({ files: 'org.yaml --output=../escaped.txt', 'upload-sarif': 'true' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^--output=\.\.\/escaped\.txt cannot read: no such file or directory/);
    expect(r.outside).toEqual([]);
    const dashed = runAction({ files: '-dashed.yaml', format: 'json' }, { files: { '-dashed.yaml': readFileSync(join(ROOT, 'examples', 'minimal.yaml'), 'utf8') } });
    expect(dashed.code).toBe(0);
    expect(assessed(dashed.stdout)).toEqual(['-dashed.yaml']);
  });

  it('a file name that is a command of the CLI (init ../x) is a file name: no command runs, nothing is written outside', () => {
    const r = runAction({ files: 'init ../escaped.yaml' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^\.\/init cannot read: no such file or directory/);
    expect(r.outside).toEqual([]);
    // "-" would be standard input to the CLI; here it names a file.
    expect(runAction({ files: '-' }).stderr).toMatch(/^\.\/- cannot read: no such file or directory/);
  });
});

describe('the GitHub Action, given other inputs', () => {
  it('extend directories are never expanded as globs', () => {
    const dirs = { 'policy-a': 'examples/company-policy' };
    expect(runAction({ extend: 'policy-a' }, { dirs }).code).toBe(0);
    const r = runAction({ extend: 'policy-*' }, { dirs });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^policy-\* cannot read/);
    // Split on any whitespace, one --extend each.
    const two = runAction({ extend: 'policy-a\n\tpolicy-b', format: 'json' }, { dirs: { ...dirs, 'policy-b': 'test/fixtures/extension' } });
    expect(two.code).toBe(0);
    expect(JSON.parse(two.stdout).config.extend).toEqual(['policy-a', 'policy-b']);
  });

  it('a boolean input that is neither true nor false fails the step instead of reading as false', () => {
    const r = runAction({ 'upload-sarif': 'yes' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('mesh-assess action: input upload-sarif: expected true or false, got "yes"\n');
    expect(r.stdout).toBe('');
    expect(runAction({ 'no-config': 'on' }).stderr).toBe('mesh-assess action: input no-config: expected true or false, got "on"\n');
    // Whatever the value holds, the message is one line that starts no workflow command.
    const forged = runAction({ 'upload-sarif': 'x\n::error::forged\u001b[2J' });
    expect(forged.code).toBe(2);
    expect(forged.stderr).toBe('mesh-assess action: input upload-sarif: expected true or false, got "x\\n::error::forged\\x1B[2J"\n');
  });

  it('a boolean input in another case (True, FALSE) is read as true or false', () => {
    const r = runAction({ 'upload-sarif': 'True' });
    expect(r.code).toBe(0);
    expect(r.output).toBe('sarif-file=mesh-assess.sarif\n');
    const off = runAction({ 'upload-sarif': 'FALSE', 'no-config': 'False' });
    expect(off.code).toBe(0);
    expect(off.output).toBe('');
  });

  it('a SARIF run failing the configuration file\'s gate does not stop the script under set -e before the gate run', () => {
    // The runner's bash runs with -e: the script must hold under it, run directly or as the step.
    for (const run of ['bash --noprofile --norc -eo pipefail "$GITHUB_ACTION_PATH/action/run.sh"', undefined]) {
      const r = runAction({ 'upload-sarif': 'true' }, { files: FAIL_ON_DEFER, run });
      expect(r.code).toBe(1);
      expect(r.output).toBe('sarif-file=mesh-assess.sarif\n');
      expect(r.stdout).toMatch(/^::notice file=org\.yaml,line=1,col=1,title=mesh-assess%3A Cargoline Logistics::DEFER/m);
      // Both runs say the configuration's gate is met; the second one's exit code is the step's.
      expect(r.stderr).toBe('org.yaml: --fail-on defer met\n'.repeat(2));
      expect(r.summary).toContain('## mesh-assess: Cargoline Logistics');
    }
  });

  it('with no-config, a pull request\'s .mesh-assess.yaml does not change the gate', () => {
    expect(runAction({}, { files: FAIL_ON_DEFER }).code).toBe(1);
    const r = runAction({ 'no-config': 'true', format: 'json' }, { files: { '.mesh-assess.yaml': 'fail-on: [defer]\nextend: [nowhere]\n' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ file: null, 'fail-on': [], extend: [] });
  });

  it('rubrics pins the rubric set to a directory in the workspace, whatever the configuration file says', () => {
    const r = runAction({ rubrics: 'pinned', format: 'json' }, { dirs: { pinned: 'rubrics' }, files: { '.mesh-assess.yaml': 'rubrics: lenient\n' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).config).toMatchObject({ file: '.mesh-assess.yaml', rubrics: 'pinned' });
    const missing = runAction({ rubrics: 'no-such-rubrics' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^no-such-rubrics cannot read/);
  });

  it('no-config and rubrics are documented', () => {
    expect(action.inputs['no-config']).toMatchObject({ default: 'false', description: expect.stringContaining('.mesh-assess.yaml') });
    expect(action.inputs.rubrics).toMatchObject({ default: '', description: expect.stringContaining('--rubrics') });
    const readme = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
    for (const input of ['no-config', 'rubrics']) expect(readme.includes(`\`${input}\``), `docs/ci.md names ${input}`).toBe(true);
  });
});

describe('the GitHub Action bundle', () => {
  it('a stale committed bundle is caught: action/ holds what the sources build', () => {
    // npm test builds dist/ first.
    for (const file of BUNDLE) {
      const built = readFileSync(join(ROOT, 'dist', file.replace('action/', '')));
      const committed = readFileSync(join(ROOT, file));
      expect(committed.equals(built), `${file} is not what the sources build: run \`npm run action-bundle\` and commit action/`).toBe(true);
    }
  });

  it('a bundle left out of the repository is caught: git neither ignores it nor leaves it untracked', () => {
    const git = (...args: string[]) => spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', timeout: 30_000 });
    if (git('rev-parse', '--is-inside-work-tree').stdout.trim() !== 'true') return;
    for (const file of BUNDLE) {
      expect(git('check-ignore', '--quiet', '--no-index', file).status, `${file} is ignored`).toBe(1);
      expect(git('ls-files', '--error-unmatch', file).status, `${file} is not committed: git add ${file}`).toBe(0);
    }
    // The bin runs by its shebang from a clone (npx) as from an installed package.
    expect(git('ls-files', '--stage', 'action/mesh-assess.js').stdout).toMatch(/^100755 /);
  });
});

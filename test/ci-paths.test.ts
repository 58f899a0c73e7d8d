import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_PER_KIND } from '../src/render/formats/github.js';
import { CLI, ROOT, examples } from './helpers.js';

/** The built CLI run from `cwd`, with only the environment given (and PATH). */
function cli(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sarifUris = (text: string) => (JSON.parse(text).runs[0].artifacts as { location: { uri: string } }[]).map((a) => a.location.uri);
const annotationFiles = (text: string) => [...new Set([...text.matchAll(/^::\w+ file=([^,]+),/gm)].map((m) => m[1]))];
const suiteNames = (text: string) => [...text.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]);

describe('paths relative to the repository root, in SARIF, annotations and JUnit', () => {
  const repo = () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-repo-'));
    mkdirSync(join(dir, '.git'));
    mkdirSync(join(dir, 'arch', 'review'), { recursive: true });
    copyFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), join(dir, 'arch', 'org.yaml'));
    return dir;
  };

  it('with GITHUB_WORKSPACE set, an absolute path becomes relative to it', () => {
    const file = join(ROOT, 'examples', 'edge-only.yaml');
    const env = { GITHUB_WORKSPACE: ROOT };
    expect(sarifUris(cli(['--format', 'sarif', file], tmpdir(), env).stdout)).toEqual(['examples/edge-only.yaml']);
    expect(annotationFiles(cli(['--format', 'github', file], tmpdir(), env).stdout)).toEqual(['examples/edge-only.yaml']);
    expect(suiteNames(cli(['--format', 'junit', file], tmpdir(), env).stdout)).toEqual(['examples/edge-only.yaml']);
  });

  it('without it, relative to the nearest directory up that holds .git, from a subdirectory too', () => {
    const dir = repo();
    for (const [cwd, file] of [[join(dir, 'arch', 'review'), '../org.yaml'], [dir, './arch/org.yaml'], [join(dir, 'arch'), join(dir, 'arch', 'org.yaml')]] as const) {
      expect(sarifUris(cli(['--format', 'sarif', file], cwd).stdout), `${cwd} ${file}`).toEqual(['arch/org.yaml']);
      expect(annotationFiles(cli(['--format', 'github', file], cwd).stdout)).toEqual(['arch/org.yaml']);
      expect(suiteNames(cli(['--format', 'junit', file], cwd).stdout)).toEqual(['arch/org.yaml']);
    }
  });

  it('leaves a file outside the repository as given, and the terminal report as typed', () => {
    const dir = repo();
    const outside = join(mkdtempSync(join(tmpdir(), 'mesh-assess-outside-')), 'x.yaml');
    copyFileSync(join(ROOT, 'examples', 'minimal.yaml'), outside);
    expect(sarifUris(cli(['--format', 'sarif', outside], dir).stdout)).toEqual([`file://${outside}`]);
    expect(cli(['./arch/org.yaml'], dir).stdout.split('\n')[0]).toContain('./arch/org.yaml');
  });
});

describe('annotations within what GitHub shows', () => {
  const count = (text: string, kind: string) => text.split('\n').filter((l) => l.startsWith(`::${kind} `)).length;

  it(`four examples in one step: at most ${ANNOTATIONS_PER_KIND} of each kind, the last saying how many more and where`, () => {
    const four = examples().slice(0, 4);
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-annotations-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const r = cli(['--format', 'github', ...four.map((f) => join(ROOT, f))], ROOT, { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    for (const kind of ['notice', 'warning', 'error']) expect(count(r.stdout, kind), kind).toBeLessThanOrEqual(ANNOTATIONS_PER_KIND);
    // The run's settings come first, then every file's verdict.
    const notices = r.stdout.split('\n').filter((l) => l.startsWith('::notice '));
    expect(notices[0]).toMatch(/^::notice title=mesh-assess%3A settings::rubrics built-in [0-9a-f]{12} · thresholds 50\/70 · no configuration file$/);
    expect(notices.slice(1, 5).every((l) => /title=mesh-assess%3A [^:]+::(ADOPT|DEFER|ALTERNATIVE) /.test(l))).toBe(true);
    expect(r.stdout).toMatch(/^::notice file=[^,]+,title=mesh-assess%3A \d+ more notices::GitHub shows 10 notices a step; \d+ more are not annotated here: all of them are in the job summary\.$/m);
    // The summary holds them all.
    expect(readFileSync(summary, 'utf8')).toContain('Unanswered questions');
  });

  it('one file with few of each kind keeps them all, with no "more" line', () => {
    const r = cli(['--format', 'github', 'examples/acme-payments.yaml'], ROOT);
    expect(r.stdout).not.toMatch(/ more (notices|warnings|errors)::/);
  });

  it('without a job summary, says to run the markdown format instead', () => {
    const r = cli(['--format', 'github', 'examples/minimal.yaml'], ROOT);
    expect(count(r.stdout, 'notice')).toBe(ANNOTATIONS_PER_KIND);
    expect(r.stdout).toMatch(/more are not annotated here: run with --format markdown to see all of them\.$/m);
  });
});

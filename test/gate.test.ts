import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAIL_ON } from '../src/core/policy/gate.js';
import { run, runMain } from './helpers.js';

/** Example (verdict, confidence, risks named and how severe, over budget?) and the exit code each --fail-on value gives. */
const CASES: [file: string, extra: string[], expected: Record<(typeof FAIL_ON)[number], number>][] = [
  ['examples/acme-payments.yaml', [], { adopt: 1, defer: 0, alternative: 0, 'low-confidence': 0, 'not-high-confidence': 0, risk: 0, 'risk:any': 1, 'over-budget': 0, 'expired-waiver': 0, regression: 0 }],
  ['examples/acme-payments.yaml', ['--set', 'leadership.annual_budget_usd=1000'], { adopt: 1, defer: 0, alternative: 0, 'low-confidence': 0, 'not-high-confidence': 0, risk: 0, 'risk:any': 1, 'over-budget': 1, 'expired-waiver': 0, regression: 0 }],
  ['examples/no-standing-budget.yaml', [], { adopt: 0, defer: 1, alternative: 0, 'low-confidence': 1, 'not-high-confidence': 1, risk: 0, 'risk:any': 1, 'over-budget': 0, 'expired-waiver': 0, regression: 0 }],
  ['examples/edge-only.yaml', [], { adopt: 0, defer: 0, alternative: 1, 'low-confidence': 0, 'not-high-confidence': 0, risk: 0, 'risk:any': 1, 'over-budget': 0, 'expired-waiver': 0, regression: 0 }],
  // A high-severity risk (the latency budget) on an adopt: only this one fails --fail-on risk.
  ['examples/streaming-latency.yaml', [], { adopt: 1, defer: 0, alternative: 0, 'low-confidence': 1, 'not-high-confidence': 1, risk: 1, 'risk:any': 1, 'over-budget': 0, 'expired-waiver': 0, regression: 0 }],
  ['examples/minimal.yaml', [], { adopt: 0, defer: 0, alternative: 1, 'low-confidence': 0, 'not-high-confidence': 1, risk: 0, 'risk:any': 0, 'over-budget': 0, 'expired-waiver': 0, regression: 0 }],
];

describe('--fail-on: the exit-code table', () => {
  it('covers every --fail-on value', () => {
    for (const [, , expected] of CASES) expect(Object.keys(expected).sort()).toEqual([...FAIL_ON].sort());
  });

  it.each(CASES.flatMap(([file, extra, expected]) => FAIL_ON.map((f) => [file, extra, f, expected[f]] as const)))('%s %j --fail-on %s exits %i', (file, extra, failOn, code) => {
    const r = runMain(['--format', 'json', file, ...extra, '--fail-on', failOn]);
    expect(r.code).toBe(code);
    expect(r.stdout.length).toBeGreaterThan(0);
    if (code === 1) expect(r.stderr).toBe(`${file}: --fail-on ${failOn} met\n`);
    else expect(r.stderr).toBe('');
  });

  it('without --fail-on a completed assessment exits 0, whatever the verdict', () => {
    for (const [file] of CASES) expect(runMain([file]).code).toBe(0);
  });

  it('takes a comma-separated list and repeats, and rejects an unknown value with exit 2', () => {
    expect(runMain(['examples/minimal.yaml', '--fail-on', 'adopt,defer']).code).toBe(0);
    expect(runMain(['examples/minimal.yaml', '--fail-on', 'adopt', '--fail-on', 'alternative']).code).toBe(1);
    const bad = runMain(['examples/minimal.yaml', '--fail-on', 'alternatve']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"alternatve" is not one of .*; did you mean alternative\?/);
  });

  it('bad input wins over a failed gate: exit 2', () => {
    expect(runMain(['examples/minimal.yaml', 'no/such.yaml', '--fail-on', 'alternative']).code).toBe(2);
  });
});

describe('many files', () => {
  it('assesses the good ones, reports the bad ones, and exits 2', () => {
    const r = runMain(['--format', 'json', 'examples/minimal.yaml', 'no/such.yaml', 'examples/edge-only.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^no\/such.yaml cannot read: no such file or directory/);
    expect((JSON.parse(r.stdout) as { file: string }[]).map((a) => a.file)).toEqual(['examples/minimal.yaml', 'examples/edge-only.yaml']);
  });

  it('prints a portfolio table in the terminal', () => {
    const r = runMain(['examples/minimal.yaml', 'examples/acme-payments.yaml']);
    expect(r.stdout).toMatch(/^mesh-assess {2}2 questionnaires: 1 adopt, 0 defer, 1 alternative/);
    expect(r.stdout).toContain('examples/acme-payments.yaml');
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
  });
});

describe('--output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-out-'));

  it.each(['terminal', 'json', 'markdown', 'sarif', 'junit', 'github'])('writes %s byte-identical to stdout, and nothing to stdout', (format) => {
    const file = join(dir, `report.${format}`);
    const viaStdout = run(['--format', format, 'examples/acme-payments.yaml']);
    const viaFile = run(['--format', format, 'examples/acme-payments.yaml', '--output', file]);
    expect(viaFile.code).toBe(0);
    expect(viaFile.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(viaStdout.stdout);
  });

  it('replaces an existing file whole and leaves no temporary file behind', () => {
    const file = join(dir, 'replace.json');
    writeFileSync(file, 'old content that is longer than nothing');
    expect(run(['--format', 'json', 'examples/minimal.yaml', '-o', file]).code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).file).toBe('examples/minimal.yaml');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing when the directory does not exist, and exits 2', () => {
    const file = join(dir, 'missing', 'out.json');
    const r = run(['examples/minimal.yaml', '--output', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write: no such directory');
    expect(existsSync(file)).toBe(false);
  });
});

describe('the GitHub job summary', () => {
  it('appends the markdown report to GITHUB_STEP_SUMMARY with --format github', () => {
    const summary = join(mkdtempSync(join(tmpdir(), 'mesh-assess-summary-')), 'summary.md');
    writeFileSync(summary, '# earlier step\n');
    const r = run(['--format', 'github', 'examples/no-standing-budget.yaml'], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code).toBe(0);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('# earlier step\n## mesh-assess: Cargoline Logistics')).toBe(true);
    expect(text).toContain('**DEFER: a mesh fits, but not yet**');
  });
});

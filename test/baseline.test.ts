import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples, run } from './helpers.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'mesh-assess-baseline-'));
const ACME = readFileSync('examples/acme-payments.yaml', 'utf8');

/** A baseline written as a user would: the JSON output of an earlier run. */
function baselineOf(args: string[]): string {
  const file = join(scratch(), 'baseline.json');
  expect(run([...args, '--format', 'json', '-o', file]).code).toBe(0);
  return file;
}

describe('--baseline', () => {
  it('an unchanged questionnaire against its own earlier JSON passes --fail-on regression', () => {
    const base = baselineOf(['examples/acme-payments.yaml']);
    const r = run(['examples/acme-payments.yaml', '--baseline', base, '--fail-on', 'regression', '--format', 'json']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(r.stdout).comparison).toEqual({
      baseline: 'examples/acme-payments.yaml',
      verdict: { was: 'adopt', now: 'adopt' },
      need: { was: 95, now: 95, delta: 0 },
      readiness: { was: 96, now: 96, delta: 0 },
      appeared: [], went: [], gates_appeared: [], gates_went: [], answered: [],
      regression: false,
    });
  });

  it('losing the pager and the runbooks is a regression: exit 1, and the report says what moved', () => {
    const dir = scratch();
    const file = join(dir, 'org.yaml');
    writeFileSync(file, ACME);
    const base = baselineOf([file]);
    writeFileSync(file, ACME.replace('owns_on_call: true', 'owns_on_call: false').replace('runbooks: true', 'runbooks: false'));
    const r = run([file, '--baseline', base, '--fail-on', 'regression']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}: --fail-on regression met\n`);
    const text = r.stdout.replace(/\n +/g, ' ');
    expect(text).toContain('since the baseline: verdict adopt -> defer; need 95 -> 95; readiness 96 -> 91 (-5); hard rules now holding: no-runbooks, platform-without-on-call; rules no longer firing: platform-owns-on-call');
  });

  it('names the questions answered since, and matches a portfolio by file', () => {
    const dir = scratch();
    const file = join(dir, 'org.yaml');
    writeFileSync(file, ACME.replace(/^ {2}call_depth: .*\n/m, ''));
    const base = baselineOf([file, 'examples/minimal.yaml']);
    writeFileSync(file, ACME);
    const docs = JSON.parse(run([file, 'examples/minimal.yaml', '--baseline', base, '--format', 'json']).stdout) as { file: string; comparison: { answered: string[] } }[];
    expect(docs.map((d) => [d.file, d.comparison.answered])).toEqual([[file, ['services.call_depth']], ['examples/minimal.yaml', []]]);
  });

  it('shows in every format', () => {
    const dir = scratch();
    const file = join(dir, 'org.yaml');
    writeFileSync(file, ACME);
    const base = baselineOf([file]);
    writeFileSync(file, ACME.replace('rehearsed_rollback: true', 'rehearsed_rollback: false'));
    const at = (format: string) => run([file, '--baseline', base, '--format', format]).stdout;
    expect(at('markdown')).toMatch(/^\*\*Since the baseline, a regression:\*\* verdict adopt -> defer; /m);
    expect(JSON.parse(at('sarif')).runs[0].properties.assessments[0].comparison.regression).toBe(true);
    expect(at('junit')).toContain('<property name="regression" value="true"/>');
    expect(at('github')).toMatch(/^::warning file=[^,]+,line=1,col=1,title=mesh-assess%3A since the baseline%2C a regression::verdict adopt -> defer; /m);
  });

  it.each([
    ['missing', (dir: string) => join(dir, 'none.json'), /^\S+none\.json cannot read: no such file or directory; check the path given to --baseline\n$/],
    ['not JSON', (dir: string) => (writeFileSync(join(dir, 'b.json'), 'verdict: adopt\n'), join(dir, 'b.json')), /^\S+b\.json not JSON: .*; write a baseline with mesh-assess FILE --format json -o FILE\n$/],
    ['not an assessment', (dir: string) => (writeFileSync(join(dir, 'b.json'), '{"verdict": "adopted"}'), join(dir, 'b.json')), /^\S+b\.json not a mesh-assess JSON assessment or portfolio \(/],
  ])('a baseline %s is one line and exit 2', (_what, make, message) => {
    const r = run(['examples/acme-payments.yaml', '--baseline', make(scratch())]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('without --baseline every assessment says comparison: null', () => {
    for (const file of examples()) expect(JSON.parse(run([file, '--format', 'json']).stdout).comparison).toBeNull();
  });
});

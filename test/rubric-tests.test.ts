import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTestsYaml } from './fixtures.js';
import { ROOT, rubric, run, runMain } from './helpers.js';

/** A repository holding a copy of the shipped company extension, with its tests, beside a copy of acme-payments. */
function policy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-rubric-tests-'));
  // Tests may name questionnaires anywhere in their repository, and nowhere else.
  mkdirSync(join(dir, '.git'));
  cpSync(join(ROOT, 'examples', 'company-policy'), join(dir, 'policy'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'acme-payments.yaml'), join(dir, 'acme-payments.yaml'));
  return join(dir, 'policy');
}

describe('mesh-assess test', () => {
  it("passes the shipped company extension's tests, every rule fired by one", () => {
    const r = run(['test', 'examples/company-policy']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('examples/company-policy: 4 tests, 0 failed; 2 of 2 rules defined here fired by a test\n');
  });

  it('a failing expectation names the test file and line, what was expected and what happened, and exits 1', () => {
    const dir = policy();
    const file = join(dir, 'policy.test.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('expect: { verdict: adopt, fires: [company-card-data-unencrypted] }', 'expect: { verdict: defer, fires: [company-card-data-unencrypted] }'));
    const r = runMain(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${file}:4 test "card data with partial mTLS is a named risk": expected verdict defer, got adopt\n`);
    expect(r.stdout).toBe(`${dir}: 4 tests, 1 failed; 2 of 2 rules defined here fired by a test\n`);
  });

  it('a rule of the directory that no test fires fails the run, unless --no-coverage', () => {
    const dir = policy();
    const file = join(dir, 'policy.test.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.indexOf('  - name: a platform team of two')) + text.slice(text.indexOf('  - name: inline')));
    const r = runMain(['test', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`${dir}: no test fires company-thin-platform-team; add a test for each, or run with --no-coverage\n`);
    expect(runMain(['test', dir, '--no-coverage']).code).toBe(0);
  });

  it.each([
    ['an unknown key', (t: string) => t.replace('expect: { not_fires', 'expects: { not_fires'), /:\d+:\d+ tests\.1\.expects: unknown key "expects"; did you mean expect\?/],
    ['both an inline questionnaire and a file', (t: string) => t.replace('    questionnaire:\n', '    file: ../acme-payments.yaml\n    questionnaire:\n'), /tests\.3: give the questionnaire inline \(questionnaire:\) or as a file \(file:\), one of the two/],
    ['a rule the rubric set lacks', (t: string) => t.replace('fires: [company-thin-platform-team]', 'fires: [company-thin-platfrom-team]'), /:\d+:\d+ tests\.2\.expect\.fires\.0: no rule "company-thin-platfrom-team" in this rubric set/],
  ])('a test file with %s is exit 2, located', (_what, edit, message) => {
    const dir = policy();
    const file = join(dir, 'policy.test.yaml');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    const r = runMain(['test', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('a directory without tests is exit 2', () => {
    const r = runMain(['test', join(ROOT, 'examples')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no rubric tests here \(files named \*\.test\.yaml\)/);
  });

  it('the tests beside the rules do not stop --extend from reading the rules', () => {
    const a = JSON.parse(run(['examples/acme-payments.yaml', '--extend', 'examples/company-policy', '--format', 'json']).stdout) as { risks: { rule: string }[] };
    expect(a.risks.map((r) => r.rule)).toContain('company-card-data-unencrypted');
  });
});

describe("the built-in rubric's own tests", () => {
  it('cover every built-in rule, and pass (mesh-assess test rubrics)', () => {
    const n = rubric().rules.length;
    const r = run(['test', 'rubrics']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe(`rubrics: ${2 * n} tests, 0 failed; ${n} of ${n} rules defined here fired by a test\n`);
  });

  it('are made from the rule fixtures, and kept the same as them', () => {
    expect(readFileSync(join(ROOT, 'rubrics', 'builtin.test.yaml'), 'utf8')).toBe(builtinTestsYaml());
  });
});

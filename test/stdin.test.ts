import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

const ACME = readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8');

/** The built CLI with `input` on standard input (a pipe). */
function cli(args: string[], input: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('"-" reads a questionnaire from standard input', () => {
  it('assesses it as it would the file, named <stdin>', () => {
    const piped = cli(['-', '--format', 'json'], ACME);
    expect(piped.code).toBe(0);
    const fromFile = cli(['examples/acme-payments.yaml', '--format', 'json'], '');
    expect(JSON.parse(piped.stdout)).toEqual({ ...JSON.parse(fromFile.stdout), file: '<stdin>' });
    expect(cli(['-'], ACME).stdout.split('\n')[0]).toBe('mesh-assess  Acme Payments  <stdin>');
  });

  it('locates problems in it as <stdin>:line:col', () => {
    const r = cli(['-'], ACME.replace('count: 85', 'count: many'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^<stdin>:\d+:\d+ services\.count: /);
  });

  it('is read once: a second "-" is one line and exit 2, the first still assessed', () => {
    const r = cli(['-', '-', '--format', 'json'], ACME);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('<stdin> standard input holds one questionnaire and is read once; give "-" once\n');
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    // The portfolio of the one that was read counts it in the singular.
    expect(cli(['-', '-'], ACME).stdout.split('\n')[0]).toBe('mesh-assess  1 questionnaire: 1 adopt, 0 defer, 0 alternative');
  });

  it('works for validate and summary too', () => {
    expect(cli(['validate', '-'], ACME)).toMatchObject({ code: 0, stdout: '<stdin>: valid\n' });
    expect(cli(['summary', '-'], ACME).stdout).toMatch(/^# Service mesh decision: Acme Payments/);
  });

  it('an empty standard input is a located problem, not a hang or a crash', () => {
    const r = cli(['-'], '');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/^<stdin>/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('the JSON shape follows the command line, not how many files could be read', () => {
  it('several files named give an array, even when only one is assessed', () => {
    const r = cli(['examples/acme-payments.yaml', 'examples/missing.yaml', '--format', 'json'], '');
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { file: string }[];
    expect(Array.isArray(doc)).toBe(true);
    expect(doc.map((a) => a.file)).toEqual(['examples/acme-payments.yaml']);
  });

  it('one file gives the object itself', () => {
    expect(Array.isArray(JSON.parse(cli(['examples/acme-payments.yaml', '--format', 'json'], '').stdout))).toBe(false);
  });
});

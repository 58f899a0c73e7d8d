import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, rubric, run, runMain } from './helpers.js';

describe('mesh-assess rubrics', () => {
  it('lists every rule with its effect, weight and seed source', () => {
    const r = runMain(['rubrics', '--format', 'json']);
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout) as { rules: { id: string; effect: string; weight: number; source: string }[] };
    expect(listing.rules.map((x) => x.id)).toEqual([rubric().scoring.axes.need.id, rubric().scoring.axes.readiness.id, ...rubric().rules.map((x) => x.id)]);
    for (const rule of listing.rules) {
      expect(rule.weight).toBe(rubric().scoring.weights[rule.id] ?? 0);
      expect(rule.effect).toMatch(/^(need|readiness) (up|down)$|^gate: [a-z-]+(, (need|readiness) (up|down))?$|^risk$|^(need|readiness) threshold \d+$/);
      expect(rule.source).toMatch(/^seed 00\d /);
    }
  });

  it('prints a table in the terminal, within 80 columns', () => {
    const r = runMain(['rubrics']);
    expect(r.stdout).toMatch(/^mesh-assess rubrics {2}\d+ rules, \d+ alternatives, 8 meshes/);
    expect(r.stdout).toContain('no-platform-team');
    for (const line of r.stdout.split('\n')) expect([...line].length, line).toBeLessThanOrEqual(80);
  });

  it('lists another rubric set through --rubrics', () => {
    const r = runMain(['rubrics', '--format', 'json', '--rubrics', join(ROOT, 'test', 'fixtures', 'custom-rubric')]);
    const listing = JSON.parse(r.stdout) as { rules: unknown[]; meshes: unknown[] };
    expect(listing.rules.length).toBeGreaterThan(0);
    expect(listing.meshes).toEqual([]);
  });

  it('docs/rubrics.md is the current output of rubrics --format markdown', () => {
    expect(readFileSync(join(ROOT, 'docs', 'rubrics.md'), 'utf8')).toBe(runMain(['rubrics', '--format', 'markdown']).stdout);
  });

  it('the built CLI runs it, and rejects a bad format with exit 2', () => {
    expect(run(['rubrics', '-f', 'json']).code).toBe(0);
    const bad = run(['rubrics', '--format', 'sarif']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are terminal, json, markdown/);
  });
});

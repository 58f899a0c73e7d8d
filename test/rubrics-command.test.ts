import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRubric } from '../src/core/rubric/listing.js';
import { catalogueSection, meshFactsTable } from '../src/render/rubric-list.js';
import { ROOT, rubric, run, runMain, citesASource } from './helpers.js';

describe('mesh-assess rubrics', () => {
  it('lists every rule with its effect, weight and seed source', () => {
    const r = runMain(['rubrics', '--format', 'json']);
    expect(r.code).toBe(0);
    const listing = JSON.parse(r.stdout) as { rules: { id: string; effect: string; weight: number; source: string }[] };
    expect(listing.rules.map((x) => x.id)).toEqual([rubric().scoring.axes.need.id, rubric().scoring.axes.readiness.id, ...rubric().rules.map((x) => x.id)]);
    for (const rule of listing.rules) {
      expect(rule.weight).toBe(rubric().scoring.weights[rule.id] ?? 0);
      expect(rule.effect).toMatch(/^(need|readiness) (up|down)$|^gate: [a-z-]+(, (need|readiness) (up|down))?$|^risk: (high|medium|low)$|^(need|readiness) threshold \d+$/);
      expect(rule.source).toMatch(citesASource());
    }
  });

  it('lists every question the rubric reads with what reads it, what each phase waits for and what settles each checklist item', () => {
    const listing = JSON.parse(runMain(['rubrics', '--format', 'json']).stdout) as {
      questions: { path: string; question: string; read_by: string[] }[];
      phases: { id: string; blocked_until: string | null }[];
      checklist: { id: string; reads: string[] }[];
    };
    const readers = Object.fromEntries(listing.questions.map((q) => [q.path, q.read_by]));
    expect(readers['governance.scoped_config_ownership']).toEqual(['config-ownership-scoped', 'config-ownership-unscoped']);
    expect(readers['governance.validated_kill_switch']).toEqual(['kill-switch-validated', 'no-kill-switch']);
    expect(readers['governance.upgrade_strategy']).toEqual(['checklist upgrade-plan']);
    expect(readers['governance.responsibilities_matrix']).toEqual(['checklist ownership']);
    expect(readers['governance.runbooks']).toEqual(['no-runbooks', 'phase enforce', 'checklist runbooks']);
    // A derived quantity stands for the answers it comes from; a question nothing reads is not listed.
    expect(readers['incidents.causes.database']).toContain('pain-elsewhere');
    expect(readers['org.contact']).toBeUndefined();
    expect(listing.phases.filter((p) => p.blocked_until).map((p) => p.id)).toEqual(['enforce']);
    const settles = Object.fromEntries(listing.checklist.map((c) => [c.id, c.reads]));
    expect(settles).toMatchObject({ ownership: ['governance.responsibilities_matrix'], 'upgrade-plan': ['governance.upgrade_strategy'], 'traffic-rules': [], observability: [] });
  });

  it('prints a table in the terminal, within 80 columns', () => {
    const r = runMain(['rubrics']);
    expect(r.stdout).toMatch(/^mesh-assess rubrics {2}\d+ rules, \d+ alternatives, \d+ meshes/);
    expect(r.stdout).toMatch(/mesh facts as of \d{4}-\d{2}/);
    expect(r.stdout).toContain('cilium (2): mtls (deprecated)');
    expect(r.stdout).toMatch(/Figures: \d+ from the seeds, \d+ dated facts, \d+ our estimates\n/);
    expect(r.stdout).not.toContain('uncited');
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

  it("each row of the catalogue table ends with the month of its oldest fact, not its newest", () => {
    const listing = listRubric(rubric());
    const rows = meshFactsTable(listing).slice(2);
    listing.meshes.forEach((m, i) => {
      const months = [m.licence.as_of, ...m.features.map((f) => f.as_of)];
      expect(rows[i]!.split(' | ').at(-1)).toBe(`${[...months].sort()[0]} |`);
    });
    // The catalogue holds rows whose facts were read in different months, so the two differ somewhere.
    expect(listing.meshes.some((m) => new Set([m.licence.as_of, ...m.features.map((f) => f.as_of)]).size > 1)).toBe(true);
  });

  it('docs/catalogue.md shows the mesh catalogue\'s facts as they stand, with their as-of date', () => {
    const readme = readFileSync(join(ROOT, 'docs/catalogue.md'), 'utf8');
    const listing = listRubric(rubric());
    // The whole section comes from the data: the table, the maturity rule and the notes.
    expect(readme).toContain(`# The mesh catalogue\n\n${catalogueSection(listing).join('\n')}\n\n**What the proxies add to a hop.**`);
    expect(readme).toContain(`Mesh facts as of ${listing.meshes_as_of}.`);
    // Every fact carries its source and month.
    for (const m of listing.meshes) {
      for (const f of m.features) {
        expect(f.source.length, `${m.id} ${f.id}`).toBeGreaterThan(5);
        expect(f.as_of).toMatch(/^\d{4}-\d{2}$/);
      }
    }
  });

  it('the built CLI runs it, and rejects a bad format with exit 2', () => {
    expect(run(['rubrics', '-f', 'json']).code).toBe(0);
    const bad = run(['rubrics', '--format', 'sarif']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are terminal, json, markdown/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conditionWords, ruleDocs } from '../src/core/rubric/explain.js';
import { ROOT, rubric, runMain, citesASource } from './helpers.js';

describe('mesh-assess explain', () => {
  it('says what a rule checks, reads and does, whether it is hard, its remedy and its source', () => {
    const r = runMain(['explain', 'monolith-estate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^monolith-estate: Mostly a monolith$/m);
    expect(r.stdout).toMatch(/^ {2}checks {5}services\.architecture is monolith or modular-monolith$/m);
    expect(r.stdout).toMatch(/^ {2}does {7}keeps the verdict from adopt, and lowers need by 30 points$/m);
    expect(r.stdout).toMatch(/^ {2}hard rule {2}yes/m);
    expect(r.stdout).toMatch(/^ {2}source {5}Service Mesh — Staff §5/m);
    // Where it is defined: the line of its id in its rubric file.
    const [, file, line] = /^ {2}defined {4}(\S+):(\d+)$/m.exec(r.stdout)!;
    expect(readFileSync(join(ROOT, file!), 'utf8').split('\n')[Number(line) - 1]).toMatch(/^ {2}- id: monolith-estate$/);
  });

  it('names the file and line of a rule an extension adds', () => {
    const r = runMain(['explain', 'company-thin-platform-team', '--extend', 'examples/company-policy', '--format', 'json']);
    expect(JSON.parse(r.stdout).defined_at).toEqual({ file: 'examples/company-policy/rules.yaml', line: 22 });
  });

  it.each(rubric().rules.map((r) => r.id))('%s: explained, exit 0, naming its seed', (id) => {
    const r = runMain(['explain', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^${id}: `));
    expect(r.stdout).toMatch(citesASource('^ {2}source {5}'));
  });

  it('prints one object in JSON for one rule, an array for several or --all', () => {
    const one = JSON.parse(runMain(['explain', 'compliance-mandate', '--format', 'json']).stdout) as { id: string; reads: string[]; weight: number; hard: boolean };
    expect(one).toMatchObject({ id: 'compliance-mandate', reads: ['security.mandate'], hard: false });
    expect(one.weight).toBe(rubric().scoring.weights['compliance-mandate']);
    const all = JSON.parse(runMain(['explain', '--all', '--format', 'json']).stdout) as { id: string }[];
    expect(all.map((d) => d.id)).toEqual(ruleDocs(rubric()).map((d) => d.id));
  });

  it('refuses an unknown rule with the nearest id, and no rule at all, with exit 2', () => {
    const typo = runMain(['explain', 'no-platfrom-team']);
    expect(typo).toMatchObject({ code: 2, stdout: '' });
    expect(typo.stderr).toBe('error: no rule "no-platfrom-team" in this rubric set; did you mean no-platform-team?\n');
    const none = runMain(['explain']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^error: name a rule to explain .* or --all for every rule\n$/);
  });

  it('documents every rule of the rubric, and the rule SARIF files open questions under', () => {
    const ids = ruleDocs(rubric()).map((d) => d.id);
    expect(ids).toEqual([...['need-score', 'readiness-score'], ...rubric().rules.map((x) => x.id), 'unanswered-question', 'fail-on-condition']);
  });

  it('docs/rules.md is the current output of explain --all --format markdown, one heading per rule', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
    expect(doc).toBe(runMain(['explain', '--all', '--format', 'markdown']).stdout);
    // GitHub's anchor for "## <id>" is the id itself, since ids are kebab-case.
    const headings = [...doc.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual(ruleDocs(rubric()).map((d) => d.id));
    for (const h of headings) expect(h).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('puts conditions in words, grouping nested ones', () => {
    expect(conditionWords({ all: [{ path: 'a', in: ['x', 'y', 'z'] }, { any: [{ path: 'b', gte: 3 }, { not: { path: 'c', equals: true } }] }] })).toBe('a is x, y or z and (b is at least 3 or not c is true)');
    expect(conditionWords({ path: 'd', known: true })).toBe('d is answered');
    expect(conditionWords({ path: 'e', contains: 'pci-dss' })).toBe('e includes pci-dss');
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { figuresOf, names as namesFigure } from '../src/core/rubric/figures.js';

const dir = join(import.meta.dirname, '..', 'rubrics');
// The rules' tests beside them hold questionnaire answers, not figures the rubric decides with.
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.endsWith('.test.yaml')).sort();
// The sources whose numbers are never facts, as sources.yaml marks them.
const sourceList = parse(readFileSync(join(dir, 'sources.yaml'), 'utf8')).sources as { id: string; cite_as: string; numbers: string }[];
const names = { all: sourceList.flatMap((s) => [s.id, s.cite_as]), untrusted: sourceList.filter((s) => s.numbers === 'untrusted').flatMap((s) => [s.id, s.cite_as]) };
const figures = files.flatMap((f) => figuresOf(parse(readFileSync(join(dir, f), 'utf8')), f, names));

describe('every number in rubrics/ is a seed figure, a dated fact, or a marked estimate', () => {
  it('leaves no number uncited', () => {
    expect(figures.filter((f) => f.provenance === 'uncited').map((f) => `${f.path} = ${f.value} (cites: ${f.basis || 'nothing'})`)).toEqual([]);
    expect(figures.length).toBeGreaterThan(150);
  });

  it('rests no figure on seed 003, whose numbers are unverified', () => {
    // The sidecar figures seed 003 gives (50-150m CPU, 64-128 Mi) and its < 5 ms exclusion.
    const cost = parse(readFileSync(join(dir, 'cost.yaml'), 'utf8'));
    expect(cost.per_pod).toMatchObject({ cpu_millicores: [10, 50], memory_mib: [50, 100], source: { document: 'seed 001' } });
    for (const f of figures.filter((x) => x.provenance === 'seed')) expect(f.basis, f.path).not.toMatch(/^seed 003/i);
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/< ?5 ?ms|150 ?m|64-128/);
  });

  it('counts a number as cited only when a citation other than seed 003 names it', () => {
    const rule = (section: string, lt: number) => ({ when: { path: 'x', lt }, source: { document: 'seed 001', section } });
    expect(figuresOf(rule('Red flags: small number of services (< 10)', 10))[0]!.provenance).toBe('seed');
    expect(figuresOf(rule('Red flags: small number of services', 10))[0]!.provenance).toBe('uncited');
    expect(figuresOf(rule('hidden costs; seed 003 pitfall: 150 millicores', 150), '', names)[0]!.provenance).toBe('uncited');
    // The same once the citation names the source by its title, as printed texts do.
    expect(figuresOf(rule('hidden costs; Service Mesh Adoption Guide pitfall: 150 millicores', 150), '', names)[0]!.provenance).toBe('uncited');
    expect(figuresOf(rule('Service Mesh Adoption Guide: decision matrix; When a Mesh Helps: under 10 services', 10), '', names)[0]!.provenance).toBe('seed');
    expect(figuresOf({ ...rule('nothing', 3), estimate: { basis: 'our judgement' } })[0]!.provenance).toBe('estimate');
    expect(figuresOf({ usd_per_year: 24000, source: 'The New Stack', as_of: '2024-02' })[0]!.provenance).toBe('fact');
    expect(namesFigure('one or two languages', 2)).toBe(true);
    expect(namesFigure('1,000 pods', 1000)).toBe(true);
    expect(namesFigure('150 pods', 50)).toBe(false);
    expect(namesFigure('0.5 ms', 5)).toBe(false);
    // A section number is a place in the source, not the figure: "§5" cites no 5.
    expect(namesFigure('§5 signals table: deploys are rare', 5)).toBe(false);
    expect(figuresOf(rule('§5 signals table: deploys are rare', 5))[0]!.provenance).toBe('uncited');
  });
});

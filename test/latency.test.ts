// What the proxies of each mesh and mode add to a hop, priced per kind of proxy (cost.yaml), and
// the README's table of it kept equal to the rubric.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perHopMs } from '../src/core/knowledge/mesh-figures.js';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText, ROOT, rubric } from './helpers.js';
import { perHopTable } from './per-hop-table.js';

const k = () => rubric().knowledge;

describe('latency per hop, by mesh and mode', () => {
  it('prices a node-level layer 4 proxy below a sidecar on every hop (seed 004)', () => {
    const meshes = k().meshes!.meshes;
    const ambient = meshes.find((m) => m.id === 'istio-ambient')!;
    const sidecar = meshes.find((m) => m.id === 'istio-sidecar')!;
    for (const l7 of [false, true]) expect(perHopMs(ambient, l7, k().cost!)[1]).toBeLessThan(perHopMs(sidecar, l7, k().cost!)[1]);
  });

  it('every count of proxies a hop crosses says where it comes from: a dated page, or our estimate', () => {
    for (const m of k().meshes!.meshes) {
      const p = m.proxies_per_hop;
      expect(Boolean(p.source && p.as_of) !== Boolean(p.estimate), m.id).toBe(true);
    }
  });

  it("compares the modelled added latency with seed 000's p99 SLO, and says the figure is typical, not p99", () => {
    // Acme: Linkerd, four hops of 1-3 ms: 4-12 ms, whose upper end reaches the single-digit bound.
    const deep = assessText(yamlOf(acme())).cost!;
    expect(deep.latency).toMatchObject({ added_ms: [4, 12], slo_p99_ms: 10, exceeds_slo: true });
    expect(deep.assumptions.join(' ')).toMatch(/The 4-12 ms modelled here is a typical figure, not a p99, and its upper end already reaches 10 ms/);
    const shallow = assessText(yamlOf(variant(acme(), { 'services.call_depth': 2 }))).cost!;
    expect(shallow.latency).toMatchObject({ added_ms: [2, 6], exceeds_slo: false });
    expect(shallow.assumptions.join(' ')).toMatch(/The 2-6 ms modelled here is a typical figure, not a p99; measure the p99 before publishing an SLO under 10 ms/);
    // Unknown depth: nothing to compare, which is not "within".
    const open = acme() as { services: Record<string, unknown> };
    delete open.services.call_depth;
    expect(assessText(yamlOf(open)).cost!.latency).toMatchObject({ added_ms: null, exceeds_slo: null });
  });

  it('docs/catalogue.md shows what each mesh adds to a hop, as the rubric prices it', () => {
    expect(readFileSync(`${ROOT}/docs/catalogue.md`, 'utf8')).toContain(perHopTable());
  });
});

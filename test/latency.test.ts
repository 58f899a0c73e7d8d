// What the proxies of each mesh and mode add to a hop, priced per kind of proxy (cost.yaml), and
// the README's table of it kept equal to the rubric.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { perHopMs } from '../src/core/knowledge/mesh-figures.js';
import { OVERHEAD_PATH, SHARE_PATH, overheadGroup, overheadSources } from '../src/core/knowledge/latency.js';
import { answersWith, withGroup, type Bounds, type Lookup, type Value } from '../src/core/questionnaire/derive.js';
import { fields } from '../src/core/questionnaire/fields.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { acme, variant, yamlOf } from './fixtures.js';
import { assessText, examples, ROOT, rubric } from './helpers.js';
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

describe('the overhead of the mesh recommended, derived again for a changed answer', () => {
  // The sensitivity search asks for it once for every answer change it tries, and keeps what the
  // choice gives by the catalogue conditions a change turns and the cost inputs it sets: that
  // must give what deriving it afresh on the changed answers gives.
  it('equals the overhead worked out from scratch, for every change to an answer the choice reads, alone and in pairs', () => {
    // Every answer the choice reads, each with values on both sides of what the catalogue and the cost model look at.
    const paths = overheadSources(k().meshes!);
    const values = (path: string): Value[] => {
      const f = fields().get(path)!;
      if (f.kind === 'boolean') return [true, false];
      if (f.kind === 'enum') return [...(f.options ?? [])];
      if (f.kind === 'count' || f.kind === 'number') return [0, 1, 2, 3, 5, 40, 250, 999, 1000, 5000];
      if (f.kind === 'list') return [['cilium'], ['calico'], ['http', 'grpc', 'other'], ['http']];
      return [];
    };
    const changes = paths.flatMap((path) => values(path).map((value) => ({ path, value })));
    const derived = (look: Lookup) => [OVERHEAD_PATH, SHARE_PATH].map((p) => [look.get(p), look.bounds?.(p)]);
    const afresh = (look: Lookup) => {
      const out = new Map<string, Value>();
      const ranges = new Map<string, Bounds>();
      overheadGroup(k())!.run((p) => look.get(p), out, ranges);
      return [OVERHEAD_PATH, SHARE_PATH].map((p) => [out.get(p), ranges.get(p)]);
    };
    let compared = 0;
    for (const file of examples()) {
      const q = loadQuestionnaire(file, readFileSync(join(ROOT, file), 'utf8'));
      if (!q.ok) throw new Error(file);
      // A group per questionnaire, as assess() makes it: what it keeps holds for these answers only.
      const kept = withGroup(q.value.answers, overheadGroup(k())!);
      const pairs = changes.filter((_, i) => i % 5 === 0);
      const sets = [...changes.map((c) => [c]), ...pairs.flatMap((a, i) => pairs.slice(i + 1).filter((b) => b.path !== a.path).map((b) => [a, b]))];
      for (const set of sets) {
        expect(derived(answersWith(kept, set)), `${file} ${JSON.stringify(set)}`).toEqual(afresh(answersWith(q.value.answers, set)));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});

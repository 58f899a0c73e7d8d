import { evaluate, pathsOf } from '../condition.js';
import type { Bounds, DerivedGroup, Lookup, Value } from '../questionnaire/derive.js';
import { catalogueConditions, leastMesh, requiredFeatures } from './mesh-choice.js';
import { PROXY_KINDS, type CostModel, type Knowledge, type Mesh, type MeshCatalogue } from './schema.js';

type Range = [number, number];
type Kind = (typeof PROXY_KINDS)[number];

/** The proxies a request crosses on one hop of `mesh`, by kind, with or without layer 7 features. */
export const proxiesOf = (mesh: Mesh, l7: boolean): [Kind, number][] =>
  PROXY_KINDS.flatMap((k) => {
    const n = (l7 ? mesh.proxies_per_hop.l7 : mesh.proxies_per_hop.l4)[k] ?? 0;
    return n > 0 ? [[k, n] as [Kind, number]] : [];
  });

/** What the proxies of one hop add, low to high, each kind at its own figure (cost.yaml). */
export function perHopMs(mesh: Mesh, l7: boolean, model: CostModel): Range {
  let known = perHop.get(mesh);
  if (!known || known.model !== model) {
    known = { model, l4: sumOf(mesh, false, model), l7: sumOf(mesh, true, model) };
    perHop.set(mesh, known);
  }
  return l7 ? known.l7 : known.l4;
}

// The same for every questionnaire, and asked for at every step of the sensitivity search.
const perHop = new WeakMap<Mesh, { model: CostModel; l4: Range; l7: Range }>();

function sumOf(mesh: Mesh, l7: boolean, model: CostModel): Range {
  const [lo, hi] = proxiesOf(mesh, l7).reduce<Range>(([a, b], [k, n]) => [a + n * model.latency_per_proxy_ms[k].range[0], b + n * model.latency_per_proxy_ms[k].range[1]], [0, 0]);
  return [round(lo, 0.01), round(hi, 0.01)];
}

/** Rounds to a multiple of step without binary fractions showing (0.1 + 0.2 stays 0.3). */
export const round = (n: number, step: number) => Number((Math.round(n / step) * step).toFixed(Math.max(0, -Math.floor(Math.log10(step)))));

/** The quantities derived from the mesh the answers recommend: what its proxies add to a hop, and that against the budget of a hop. */
export const OVERHEAD_PATH = 'traffic.proxy_overhead_per_hop_ms';
export const SHARE_PATH = 'traffic.proxy_share_of_hop_budget';
/** Whether a rubric path is one of them, which depend on every answer the choice of mesh reads. */
export const fromMeshChoice = (path: string) => path === OVERHEAD_PATH || path === SHARE_PATH;

/**
 * The upper end of what the recommended mesh's proxies add to one hop on these answers. A layer
 * 7 need left unanswered leaves it a range: the mesh and mode picked without it, and with it.
 * Null when no mesh in the catalogue covers what is required.
 */
function overheadMs(cat: MeshCatalogue, model: CostModel, get: Lookup): Bounds | null {
  const known = requiredFeatures(cat, get);
  const l7Known = known.some((f) => f.layer === 7);
  const l7Open = cat.features.filter((f) => f.layer === 7 && evaluate(f.required_when, get) === 'unknown');
  const scenarios = [{ required: known, l7: l7Known }, ...(l7Open.length > 0 && !l7Known ? [{ required: [...known, ...l7Open], l7: true }] : [])];
  const his: number[] = [];
  for (const s of scenarios) {
    const mesh = leastMesh(cat, get, s.required);
    if (!mesh) return null;
    his.push(perHopMs(mesh, s.l7, model)[1]);
  }
  return { lo: Math.min(...his), hi: Math.max(...his) };
}

/** That overhead against the latency budget of a hop; unknown while the budget or the depth is. */
function shareOf(ms: Bounds, get: Lookup): Bounds | null {
  const budget = get.get('traffic.latency_budget_ms') as number | undefined;
  const depth = get.get('services.call_depth') as number | undefined;
  if (budget === undefined || depth === undefined) return null;
  const perHop = budget / Math.max(depth, 1);
  const share = (x: number) => (perHop > 0 ? round(x / perHop, 0.001) : x > 0 ? Infinity : 0);
  return { lo: share(ms.lo), hi: share(ms.hi) };
}

/** Every answer the choice of mesh reads. */
const meshSourcesOf = (cat: MeshCatalogue): string[] => [...new Set(catalogueConditions(cat).flatMap((c) => pathsOf(c)))];

// The same for every questionnaire against a catalogue.
const sourcesCache = new WeakMap<MeshCatalogue, readonly string[]>();

/** Every answer the choice of mesh and the overhead's share of the budget read. */
export function overheadSources(cat: MeshCatalogue): readonly string[] {
  let s = sourcesCache.get(cat);
  if (!s) {
    s = [...new Set(['traffic.latency_budget_ms', 'services.call_depth', ...meshSourcesOf(cat)])];
    sourcesCache.set(cat, s);
  }
  return s;
}

/**
 * The derived quantities that come from the mesh catalogue and the cost model: what the proxies
 * of the mesh these answers recommend add to a hop, and its share of a hop's budget. A change to
 * any answer the choice reads derives them again; the result is kept by those answers, since the
 * sensitivity search asks for the same few choices many times.
 */
export function overheadGroup(k: Knowledge): DerivedGroup | undefined {
  const cat = k.meshes;
  const model = k.cost;
  if (!cat || !model) return undefined;
  const feeds = new Set(overheadSources(cat));
  const choice = new Set(meshSourcesOf(cat));
  // The mesh picked changes only with the answers its choice reads: kept by those changes.
  const memo = new Map<string, Bounds | null>();
  return {
    paths: [OVERHEAD_PATH, SHARE_PATH],
    feeds: (path) => feeds.has(path),
    run: (get, out, ranges, changes = []) => {
      let key = '';
      for (const c of changes) if (choice.has(c.path)) key += `${c.path}=${Array.isArray(c.value) ? c.value.join(',') : String(c.value)}|`;
      let ms = memo.get(key);
      if (ms === undefined) {
        ms = overheadMs(cat, model, { get });
        memo.set(key, ms);
      }
      if (!ms) return;
      const put = (path: string, b: Bounds) => (b.lo === b.hi ? out.set(path, b.lo as Value) : ranges.set(path, b));
      put(OVERHEAD_PATH, ms);
      const share = shareOf(ms, { get });
      if (share) put(SHARE_PATH, share);
    },
  };
}

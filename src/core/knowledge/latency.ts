import { evaluate, pathsOf } from '../rubric/condition.js';
import type { Bounds, DerivedGroup, Lookup, Value } from '../questionnaire/derive.js';
import { catalogueConditions, leastMesh, requiredFeatures } from './mesh-choice.js';
import { COST_INPUTS } from './cost.js';
import { perHopMs, round } from './mesh-figures.js';
import type { CostModel, Knowledge, MeshCatalogue } from './schema.js';

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
    const mesh = leastMesh(cat, get, s.required, model);
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

/** What the overhead reads, the same for every questionnaire against a catalogue. */
interface Sources {
  /** Every answer the choice of mesh reads: the catalogue's conditions, and what the cost model prices each mesh by. */
  choice: ReadonlySet<string>;
  /** Those, and what the overhead's share of the budget reads. */
  all: readonly string[];
  allSet: ReadonlySet<string>;
}
const sourcesCache = new WeakMap<MeshCatalogue, Sources>();
function sourcesOf(cat: MeshCatalogue): Sources {
  let s = sourcesCache.get(cat);
  if (!s) {
    const choice = [...new Set([...catalogueConditions(cat).flatMap((c) => pathsOf(c)), ...COST_INPUTS])];
    const all = [...new Set(['traffic.latency_budget_ms', 'services.call_depth', ...choice])];
    s = { choice: new Set(choice), all, allSet: new Set(all) };
    sourcesCache.set(cat, s);
  }
  return s;
}

/** Every answer the choice of mesh and the overhead's share of the budget read. */
export const overheadSources = (cat: MeshCatalogue): readonly string[] => sourcesOf(cat).all;

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
  const { allSet: feeds, choice } = sourcesOf(cat);
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

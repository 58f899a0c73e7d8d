import { evaluate, pathsOf, type Truth } from '../rubric/condition.js';
import type { Condition } from '../rubric/schema.js';
import { fields } from '../questionnaire/fields.js';
import type { AnswerChange, Bounds, DerivedGroup, Lookup, Value } from '../questionnaire/derive.js';
import { catalogueConditions, leastMesh, requiredFeatures, type TruthOf } from './mesh-choice.js';
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
function overheadMs(cat: MeshCatalogue, model: CostModel, get: Lookup, truth: TruthOf = (c) => evaluate(c, get)): Bounds | null {
  const known = requiredFeatures(cat, get, truth);
  const l7Known = known.some((f) => f.layer === 7);
  const l7Open = cat.features.filter((f) => f.layer === 7 && truth(f.required_when) === 'unknown');
  const scenarios = [{ required: known, l7: l7Known }, ...(l7Open.length > 0 && !l7Known ? [{ required: [...known, ...l7Open], l7: true }] : [])];
  const his: number[] = [];
  for (const s of scenarios) {
    const mesh = leastMesh(cat, get, s.required, model, truth);
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
  /** Every answer the choice of mesh reads (the catalogue's conditions, and what the cost model prices each mesh by), and what the overhead's share of the budget reads. */
  all: readonly string[];
  allSet: ReadonlySet<string>;
  /** The catalogue's conditions, and by answer the ones (by index) a change to it can turn. */
  conditions: readonly Condition[];
  /** Each condition's index in `conditions`. */
  indexOf: ReadonlyMap<Condition, number>;
  /** The conditions, by index in order, that a change to an answer can turn: those reading it or a section above it. */
  turnedBy: (path: string) => readonly number[];
  costInputs: readonly string[];
}
const sourcesCache = new WeakMap<MeshCatalogue, Sources>();
function sourcesOf(cat: MeshCatalogue): Sources {
  let s = sourcesCache.get(cat);
  if (!s) {
    const conditions = catalogueConditions(cat);
    // A condition on a derived quantity is turned by the answers it comes from.
    const reads = conditions.map((c) => [...new Set(pathsOf(c).flatMap((p) => [p, ...(fields().get(p)?.from ?? [])]))]);
    const readers = new Map<string, number[]>();
    reads.forEach((paths, i) => {
      for (const p of paths) readers.set(p, [...(readers.get(p) ?? []), i]);
    });
    const choice = [...new Set([...reads.flat(), ...COST_INPUTS])];
    const all = [...new Set(['traffic.latency_budget_ms', 'services.call_depth', ...choice])];
    const turned = new Map<string, readonly number[]>();
    const turnedBy = (path: string) => {
      let list = turned.get(path);
      if (!list) {
        const found = new Set<number>();
        // A condition on an answer reads what is under it too.
        for (let at = path; ; at = at.slice(0, at.lastIndexOf('.'))) {
          for (const i of readers.get(at) ?? []) found.add(i);
          if (!at.includes('.')) break;
        }
        list = [...found].sort((a, b) => a - b);
        turned.set(path, list);
      }
      return list;
    };
    const indexOf = new Map<Condition, number>();
    conditions.forEach((c, i) => {
      if (!indexOf.has(c)) indexOf.set(c, i);
    });
    s = { all, allSet: new Set(all), conditions, indexOf, turnedBy, costInputs: COST_INPUTS };
    sourcesCache.set(cat, s);
  }
  return s;
}

/** Every answer the choice of mesh and the overhead's share of the budget read. */
export const overheadSources = (cat: MeshCatalogue): readonly string[] => sourcesOf(cat).all;

/**
 * The derived quantities that come from the mesh catalogue and the cost model: what the proxies
 * of the mesh these answers recommend add to a hop, and its share of a hop's budget. A change to
 * any answer the choice reads derives them again.
 *
 * The choice reads the answers only through the truth of the catalogue's conditions and the
 * values of the cost model's inputs, so the result is kept by those: the conditions a change can
 * turn (those that read its answers) are decided again, and a change that turns none and moves no
 * cost input gives the mesh of the answers as written. The sensitivity search asks for the
 * overhead once for every answer change it tries, and many leave the choice where it was.
 */
export function overheadGroup(k: Knowledge): DerivedGroup | undefined {
  const cat = k.meshes;
  const model = k.cost;
  if (!cat || !model) return undefined;
  const { allSet: feeds, conditions, indexOf, turnedBy, costInputs } = sourcesOf(cat);
  let base: { truths: readonly Truth[]; ms: Bounds | null } | undefined;
  const memo = new Map<string, Bounds | null>();
  /** What the choice reads that these changes move, as a key: the conditions they turn, the cost inputs they set. */
  const keyOf = (get: Lookup, changes: readonly AnswerChange[], truths: readonly Truth[]) => {
    const turned = changes.length === 1 ? turnedBy(changes[0]!.path) : [...new Set(changes.flatMap((c) => turnedBy(c.path)))].sort((a, b) => a - b);
    let key = '';
    let now: Truth[] | undefined;
    for (const i of turned) {
      const t = evaluate(conditions[i]!, get);
      if (t !== truths[i]) {
        key += `${i}:${String(t)}|`;
        (now ??= [...truths])[i] = t;
      }
    }
    for (const p of costInputs) if (changes.some((c) => c.path === p)) key += `${p}=${String(get.get(p))}|`;
    return { key, truths: now ?? truths };
  };
  /** The share of a hop's budget, kept by the overhead and the budget and depth it is taken against. */
  let lastShare: { ms: Bounds; budget: unknown; depth: unknown; share: Bounds | null } | undefined;
  const shareKept = (ms: Bounds, get: Lookup) => {
    const budget = get.get('traffic.latency_budget_ms');
    const depth = get.get('services.call_depth');
    if (lastShare?.ms !== ms || lastShare.budget !== budget || lastShare.depth !== depth) lastShare = { ms, budget, depth, share: shareOf(ms, get) };
    return lastShare.share;
  };
  return {
    paths: [OVERHEAD_PATH, SHARE_PATH],
    feeds: (path) => feeds.has(path),
    run: (read, out, ranges, changes = []) => {
      const get: Lookup = { get: read };
      let ms: Bounds | null | undefined;
      if (changes.length === 0 || !base) {
        ms = overheadMs(cat, model, get);
        if (changes.length === 0) base = { truths: conditions.map((c) => evaluate(c, get)), ms };
      } else {
        const { key, truths } = keyOf(get, changes, base.truths);
        ms = key === '' ? base.ms : memo.get(key);
        if (ms === undefined) {
          // Every catalogue condition is known: as on the answers, but for those the changes turned.
          ms = overheadMs(cat, model, get, (c) => truths[indexOf.get(c)!]!);
          memo.set(key, ms);
        }
      }
      if (!ms) return;
      const put = (path: string, b: Bounds) => (b.lo === b.hi ? out.set(path, b.lo as Value) : ranges.set(path, b));
      put(OVERHEAD_PATH, ms);
      const share = shareKept(ms, get);
      if (share) put(SHARE_PATH, share);
    },
  };
}


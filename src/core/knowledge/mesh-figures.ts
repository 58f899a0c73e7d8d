import { evaluate } from '../rubric/condition.js';
import type { Lookup } from '../questionnaire/derive.js';
import { PROXY_KINDS, type CostModel, type Mesh } from './schema.js';

/**
 * The figures of a mesh that both its ranking and its cost read, so that a mesh is ranked and
 * priced on the same numbers: its operating weight here, and what its proxies add to a hop.
 */

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

/**
 * Rounds to a multiple of step without binary fractions showing (0.1 + 0.2 stays 0.3): the
 * multiple written with as many decimals as the step has, and read back. For a step that is a
 * power of ten, and a count of steps well inside a double's whole numbers, that number is the
 * count divided by the power (or times the step, for a whole one), which the sensitivity search,
 * rounding the overhead's share for every answer change it tries, gets without writing text; 0
 * stays 0, never -0.
 */
export function round(n: number, step: number): number {
  const m = Math.round(n / step);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const scale = 10 ** digits;
  if (Math.abs(m) < 1e15 && (step * scale === 1 || (digits === 0 && Number.isInteger(step)))) return m === 0 ? 0 : digits === 0 ? m * step : m / scale;
  return Number((m * step).toFixed(digits));
}

/**
 * A mesh's operating weight here: its catalogue weight with the preferences that hold (a mesh
 * already run, a provider that runs the control plane), kept within the 1 to 5 of the people
 * table. The choice ranks by the same sum (unbounded, so that it still orders meshes beyond either
 * end) and the cost prices people by it.
 */
export function adjustedWeight(mesh: Mesh, answers: Lookup): number {
  return weightOf((mesh.prefer ?? []).reduce((w, p) => (evaluate(p.when, answers) === true ? w + p.adjust : w), mesh.operating_weight));
}

/** An operating weight with the preferences that apply added, kept within the scale of 1 to 5. */
export const weightOf = (adjusted: number) => Math.min(5, Math.max(1, adjusted));

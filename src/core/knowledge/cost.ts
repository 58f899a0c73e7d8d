import type { Cost, Range } from '../report/assessment.js';
import type { Lookup } from '../questionnaire/derive.js';
import { cite, thousands } from '../text/format.js';
import { adjustedWeight, perHopMs, proxiesOf, round as roundTo } from './mesh-figures.js';
import { PROXYLESS_KINDS, type CostModel, type Mesh } from './schema.js';

const HOURS_PER_YEAR = 24 * 365;

/** The answers a mesh's modelled yearly total reads (the counts and the rates), besides its choice's own. */
export const COST_INPUTS = ['kubernetes.pods', 'kubernetes.nodes', 'kubernetes.clusters', 'org.employees', 'costs.vcpu_hour_usd', 'costs.gib_hour_usd', 'costs.engineer_year_usd'] as const;

const scale = (r: Range, k: number): Range => [r[0] * k, r[1] * k];
const add = (a: Range, b: Range): Range => [a[0] + b[0], a[1] + b[1]];
/** Both ends of a range rounded to a multiple of step. */
const round = (r: Range, step: number): Range => [roundTo(r[0], step), roundTo(r[1], step)];
const num = (answers: Lookup, path: string) => {
  const v = answers.get(path);
  return typeof v === 'number' ? v : null;
};
const fmt = (r: Range) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`);

function againstBudget(total: Range | null, budget: number | null, partial: boolean): Cost['money']['against_budget'] {
  if (!total || budget === null) return null;
  // A total that leaves out an unpublished price is a floor: under budget it still may exceed.
  if (total[1] <= budget) return partial ? 'may-exceed' : 'within';
  return total[0] > budget ? 'exceeds' : 'may-exceed';
}

const usd = (n: number) => `US$${thousands(n)}`;

/**
 * What the mesh's licence costs here in a year: nothing, its price per unit times the units
 * (nothing below the size where it is free; both cases while the size is unknown), or open when
 * the vendor does not publish a price or a count it depends on is unknown.
 */
function licenceCost(mesh: Mesh, answers: Lookup): { licence: Cost['licence']; missing: string[] } {
  const l = mesh.licence;
  const base = { terms: l.terms, charge: l.charge, free_below_employees: l.charge === 'per-unit' ? (l.free_below_employees ?? null) : null, source: l.source, as_of: l.as_of };
  if (l.charge === 'none') return { licence: { ...base, usd_per_year: [0, 0], per: null, count: null, note: l.note ?? null }, missing: [] };
  if (l.charge === 'unpublished') return { licence: { ...base, usd_per_year: null, per: null, count: null, note: l.note }, missing: [] };
  const clusters = num(answers, 'kubernetes.clusters');
  const employees = num(answers, 'org.employees');
  const free = l.free_below_employees;
  const price = `${usd(l.usd_per_year)} a ${l.per} a year${free ? `, free below ${free} employees` : ''}`;
  const note = `${price} (as of ${l.as_of}). ${l.note}`;
  const usdPerYear = perUnitUsd(l, answers);
  const isFree = usdPerYear !== null && usdPerYear[1] === 0;
  const sizeOpen = !isFree && free !== undefined && employees === null ? ['org.employees'] : [];
  const missing = [...(usdPerYear === null ? ['kubernetes.clusters'] : []), ...sizeOpen];
  return { licence: { ...base, usd_per_year: usdPerYear, per: l.per, count: isFree || usdPerYear !== null ? clusters : null, note }, missing };
}

/**
 * A licence priced per cluster, in a year here: nothing below the size where it is free, the
 * price times the clusters, from the free case to that while the size is unknown; null while the
 * clusters are.
 */
function perUnitUsd(l: Extract<Mesh['licence'], { charge: 'per-unit' }>, answers: Lookup): Range | null {
  const employees = num(answers, 'org.employees');
  const clusters = num(answers, 'kubernetes.clusters');
  const free = l.free_below_employees;
  if (free !== undefined && employees !== null && employees < free) return [0, 0];
  if (clusters === null) return null;
  const full = l.usd_per_year * clusters;
  return [free !== undefined && employees === null ? 0 : full, full];
}

/**
 * The money of running `mesh` here, in numbers: the proxies' compute (per pod for sidecars, per
 * node for per-node data planes) at the rates, people by its operating weight here, and the
 * yearly total with the licence (a price the provider keeps to itself counts as nothing, and the
 * cost says it is left out). The compute and the total are null while a count they need is.
 */
function moneyOf(model: CostModel, mesh: Mesh, answers: Lookup) {
  const rate = (k: 'vcpu_hour_usd' | 'gib_hour_usd' | 'engineer_year_usd') => num(answers, `costs.${k}`) ?? model.rates[k];
  const perPod = mesh.data_plane === 'sidecar';
  const footprint = perPod ? model.per_pod : model.per_node;
  const count = num(answers, perPod ? 'kubernetes.pods' : 'kubernetes.nodes');
  const vcpu = count === null ? null : scale(footprint.cpu_millicores, count / 1000);
  const gib = count === null ? null : scale(footprint.memory_mib, count / 1024);
  const computeUsd = vcpu && gib ? round(add(scale(vcpu, rate('vcpu_hour_usd') * HOURS_PER_YEAR), scale(gib, rate('gib_hour_usd') * HOURS_PER_YEAR)), 100) : null;
  const weight = adjustedWeight(mesh, answers);
  const fte = model.people_fte.by_weight[weight - 1]!;
  const peopleUsd = round(scale(fte, rate('engineer_year_usd')), 100);
  const licenceUsd = mesh.licence.charge === 'per-unit' ? perUnitUsd(mesh.licence, answers) : ([0, 0] as Range);
  const total = computeUsd && licenceUsd ? add(add(computeUsd, peopleUsd), licenceUsd) : null;
  return { rate, perPod, footprint, count, vcpu, gib, computeUsd, weight, fte, peopleUsd, total };
}

/**
 * The yearly total `costOf` gives for a mesh here (compute, people, licence), in numbers only:
 * the choice of mesh compares it for every candidate at every step of the sensitivity search, so
 * it builds no text and is kept by the answers it reads. Null where a count it needs is unknown.
 * `weight` and `inputs`: the mesh's adjusted operating weight and costInputsKey(answers), when the
 * caller has them already.
 */
export function modelledTotal(model: CostModel, mesh: Mesh, answers: Lookup, weight = adjustedWeight(mesh, answers), inputs = costInputsKey(answers)): Range | null {
  let byMesh = totals.get(model);
  if (!byMesh) {
    byMesh = new WeakMap();
    totals.set(model, byMesh);
  }
  let byWeight = byMesh.get(mesh);
  if (!byWeight) {
    byWeight = [];
    byMesh.set(mesh, byWeight);
  }
  // By weight, then by the inputs' key: a key made once per choice, not joined afresh for each mesh.
  const known = (byWeight[weight] ??= new Map());
  const kept = known.get(inputs);
  if (kept !== undefined) return kept;
  const { total } = moneyOf(model, mesh, answers);
  known.set(inputs, total);
  return total;
}

const totals = new WeakMap<CostModel, WeakMap<Mesh, Map<string, Range | null>[]>>();

/** The answers the cost model reads, as a key. */
export function costInputsKey(answers: Lookup): string {
  let key = '';
  for (const p of COST_INPUTS) key += `|${String(answers.get(p))}`;
  return key;
}

/** What each kind of proxy is called in the assumptions, one and many. */
const PROXY_NAMES = { sidecar: ['sidecar proxy', 'sidecar proxies'], 'node-l4': ['node-level layer 4 proxy', 'node-level layer 4 proxies'], 'shared-l7': ['shared layer 7 proxy', 'shared layer 7 proxies'], ebpf: ['pass through the eBPF datapath', 'passes through the eBPF datapath'] } as const;

/**
 * The yearly cost of running `mesh` here: proxy compute (per pod for sidecars, per node for
 * per-node data planes) at the rates, people by its operating weight here (the weight its choice
 * ranked it by), and the latency the proxies
 * add along a typical request. Rates in the questionnaire's `costs` replace the model's.
 */
export function costOf(model: CostModel, mesh: Mesh, l7: boolean, answers: Lookup): Cost {
  const { rate, perPod, footprint, count, vcpu, gib, computeUsd, weight, fte, peopleUsd, total } = moneyOf(model, mesh, answers);
  const countPath = perPod ? 'kubernetes.pods' : 'kubernetes.nodes';
  const { licence, missing: licenceMissing } = licenceCost(mesh, answers);
  const excludes: Cost['money']['excludes'] = licence.charge === 'unpublished' ? ['licence'] : [];
  const budget = num(answers, 'leadership.annual_budget_usd');

  const kinds = proxiesOf(mesh, l7);
  const proxies = kinds.filter(([k]) => !PROXYLESS_KINDS.includes(k)).reduce((n, [, k]) => n + k, 0);
  const hop = perHopMs(mesh, l7, model);
  const depth = num(answers, 'services.call_depth');
  const added = depth === null ? null : round(scale(hop, depth), 0.1);
  const latencyBudget = num(answers, 'traffic.latency_budget_ms');
  const share = added && latencyBudget ? round(scale(added, 1 / latencyBudget), 0.001) : null;
  const slo = model.latency_slo?.p99_below_ms ?? null;
  // With no proxy on the path nothing is added, whatever the depth.
  const exceedsSlo = slo === null ? null : proxies === 0 ? false : added === null ? null : added[1] >= slo;

  // Each figure says where it comes from: a seed, or the project's estimate and its basis.
  const origin = (part: { source: { document: string }; estimate?: { basis: string } }) => (part.estimate ? `our estimate: ${part.estimate.basis}` : part.source.document);
  const crossings = (list: typeof kinds) => list.map(([k, n]) => `${n} ${PROXY_NAMES[k][n === 1 ? 0 : 1]} at ${fmt(model.latency_per_proxy_ms[k].range)} ms each (${origin(model.latency_per_proxy_ms[k])})`).join(' and ');
  const RATES = ['vcpu_hour_usd', 'gib_hour_usd', 'engineer_year_usd'] as const;
  const given = (k: (typeof RATES)[number]) => num(answers, `costs.${k}`) !== null;
  const defaults = model.rates.estimate ? 'our estimate' : 'the cost model';
  const computeFrom = given('vcpu_hour_usd') && given('gib_hour_usd') ? 'your costs section' : given('vcpu_hour_usd') || given('gib_hour_usd') ? `your costs section and ${defaults}` : defaults;
  const assumptions = [
    `${perPod ? 'Each pod' : 'Each node'} runs ${fmt(footprint.cpu_millicores)} millicores of CPU and ${fmt(footprint.memory_mib)} MiB of memory for the mesh (${origin(footprint)}).`,
    ...(footprint.note ? [footprint.note] : []),
    `Compute at ${rate('vcpu_hour_usd')} USD per vCPU-hour and ${rate('gib_hour_usd')} USD per GiB-hour, all year round (${computeFrom}).`,
    `Operating weight ${weight} of 5 here${weight === mesh.operating_weight ? '' : ` (${mesh.operating_weight} in the catalogue, adjusted as the mesh choice says)`} takes ${fmt(fte)} full-time engineers at ${rate('engineer_year_usd')} USD a year each (${origin(model.people_fte)}).`,
    ...(model.people_fte.note ? [model.people_fte.note] : []),
    `Licence: ${licence.terms}${licence.note ? ` ${licence.note}` : ''}`,
    proxies === 0
      ? `No proxy is on the path for layer 4 only: the kernel carries the traffic${kinds.length > 0 ? `, with ${crossings(kinds)}: ${fmt(hop)} ms a hop` : ', so the mesh adds no proxy hop'}.`
      : `Every hop crosses ${crossings(kinds)}${l7 ? ', with the layer 7 features wanted' : ''}: ${fmt(hop)} ms a hop.`,
    ...(slo !== null && added !== null && proxies > 0
      ? [`${model.latency_slo!.note ?? `The mesh's SLO: under ${slo} ms added at p99.`} The ${fmt(added)} ms modelled here is a typical figure, not a p99${exceedsSlo ? `, and its upper end already reaches ${slo} ms: measure the p99 before publishing that SLO` : `; measure the p99 before publishing an SLO under ${slo} ms`} (${model.latency_slo!.source.document}).`]
      : []),
  ];
  const to_measure = (model.to_measure ?? [])
    .filter((m) => !m.data_plane || m.data_plane === mesh.data_plane)
    .map((m) => ({ item: m.item, measure: m.measure, source: cite(m.source) }));
  const missing = [...(count === null ? [countPath] : []), ...licenceMissing, ...(depth === null ? ['services.call_depth'] : []), ...(latencyBudget === null ? ['traffic.latency_budget_ms'] : [])];
  const estimated = [
    // The rates are the project's estimate unless the questionnaire gives every one of them.
    ...(model.rates.estimate && !RATES.every(given) ? ['rates'] : []),
    ...(footprint.estimate ? [perPod ? 'per-pod footprint' : 'per-node footprint'] : []),
    ...(model.people_fte.estimate ? ['people'] : []),
    ...(kinds.some(([k]) => model.latency_per_proxy_ms[k].estimate) ? ['latency per proxy'] : []),
  ];
  return {
    mesh: mesh.id,
    compute: { per: perPod ? 'pod' : 'node', count, vcpu: vcpu && round(vcpu, 0.1), memory_gib: gib && round(gib, 0.1), usd_per_year: computeUsd },
    people: { fte, usd_per_year: peopleUsd },
    licence,
    money: { usd_per_year: total, budget_usd: budget, against_budget: againstBudget(total, budget, excludes.length > 0), excludes },
    // per_proxy_ms is the hop's overhead spread over its proxies, so that proxies x per proxy x depth is still the added latency.
    latency: { proxies_per_hop: proxies, per_proxy_ms: proxies > 0 ? round(scale(hop, 1 / proxies), 0.01) : [0, 0], call_depth: depth, added_ms: added, budget_ms: latencyBudget, share_of_budget: share, slo_p99_ms: slo, exceeds_slo: exceedsSlo },
    assumptions,
    basis: {
      cpu_millicores: footprint.cpu_millicores,
      memory_mib: footprint.memory_mib,
      vcpu_hour_usd: rate('vcpu_hour_usd'),
      gib_hour_usd: rate('gib_hour_usd'),
      engineer_year_usd: rate('engineer_year_usd'),
      // Figures the seeds do not give, which the model marks `estimate`, are the project's estimates.
      estimated,
      cited: [...new Set([footprint, model.people_fte, ...kinds.map(([k]) => model.latency_per_proxy_ms[k])].filter((p) => !p.estimate).map((p) => p.source.document))],
    },
    to_measure,
    missing,
  };
}

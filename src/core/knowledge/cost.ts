import type { Cost, Range } from '../assessment.js';
import type { Answers } from '../questionnaire/derive.js';
import type { CostModel, Mesh } from './schema.js';

const HOURS_PER_YEAR = 24 * 365;

const scale = (r: Range, k: number): Range => [r[0] * k, r[1] * k];
const add = (a: Range, b: Range): Range => [a[0] + b[0], a[1] + b[1]];
/** Rounds to a multiple of step without binary fractions showing (0.1 + 0.2 stays 0.3). */
function round(r: Range, step: number): Range {
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const one = (x: number) => Number((Math.round(x / step) * step).toFixed(digits));
  return [one(r[0]), one(r[1])];
}
const num = (answers: Answers, path: string) => {
  const v = answers.get(path);
  return typeof v === 'number' ? v : null;
};
const fmt = (r: Range) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`);

function againstBudget(total: Range | null, budget: number | null): Cost['money']['against_budget'] {
  if (!total || budget === null) return null;
  if (total[1] <= budget) return 'within';
  return total[0] > budget ? 'exceeds' : 'may-exceed';
}

/**
 * The yearly cost of running `mesh` here: proxy compute (per pod for sidecars, per node for
 * per-node data planes) at the rates, people by operating weight, and the latency the proxies
 * add along a typical request. Rates in the questionnaire's `costs` replace the model's.
 */
export function costOf(model: CostModel, mesh: Mesh, l7: boolean, answers: Answers): Cost {
  const rate = (k: keyof CostModel['rates']) => num(answers, `costs.${k}`) ?? model.rates[k];
  const perPod = mesh.data_plane === 'sidecar';
  const footprint = perPod ? model.per_pod : model.per_node;
  const countPath = perPod ? 'kubernetes.pods' : 'kubernetes.nodes';
  const count = num(answers, countPath);

  const vcpu = count === null ? null : scale(footprint.cpu_millicores, count / 1000);
  const gib = count === null ? null : scale(footprint.memory_mib, count / 1024);
  const computeUsd = vcpu && gib ? round(add(scale(vcpu, rate('vcpu_hour_usd') * HOURS_PER_YEAR), scale(gib, rate('gib_hour_usd') * HOURS_PER_YEAR)), 100) : null;
  const fte = model.people_fte.by_weight[mesh.operating_weight - 1]!;
  const peopleUsd = round(scale(fte, rate('engineer_year_usd')), 100);
  const total = computeUsd ? add(computeUsd, peopleUsd) : null;
  const budget = num(answers, 'leadership.annual_budget_usd');

  const proxies = l7 ? mesh.proxies_per_hop.l7 : mesh.proxies_per_hop.l4;
  const depth = num(answers, 'services.call_depth');
  const added = depth === null ? null : round(scale(model.latency_per_proxy_ms.range, proxies * depth), 0.1);
  const latencyBudget = num(answers, 'traffic.latency_budget_ms');
  const share = added && latencyBudget ? round(scale(added, 1 / latencyBudget), 0.001) : null;

  const assumptions = [
    `${perPod ? 'Each pod' : 'Each node'} runs ${fmt(footprint.cpu_millicores)} millicores of CPU and ${fmt(footprint.memory_mib)} MiB of memory for the mesh (${model[perPod ? 'per_pod' : 'per_node'].source.document}).`,
    ...(footprint.note ? [footprint.note] : []),
    `Compute at ${rate('vcpu_hour_usd')} USD per vCPU-hour and ${rate('gib_hour_usd')} USD per GiB-hour, all year round.`,
    `Operating weight ${mesh.operating_weight} of 5 takes ${fmt(fte)} full-time engineers at ${rate('engineer_year_usd')} USD a year each.`,
    ...(model.people_fte.note ? [model.people_fte.note] : []),
    `Each proxy a request crosses adds ${fmt(model.latency_per_proxy_ms.range)} ms; this mesh puts ${proxies} on every hop${l7 ? ' when layer 7 features are used' : ''}.`,
  ];
  const missing = [...(count === null ? [countPath] : []), ...(depth === null ? ['services.call_depth'] : []), ...(latencyBudget === null ? ['traffic.latency_budget_ms'] : [])];
  return {
    mesh: mesh.id,
    compute: { per: perPod ? 'pod' : 'node', count, vcpu: vcpu && round(vcpu, 0.1), memory_gib: gib && round(gib, 0.1), usd_per_year: computeUsd },
    people: { fte, usd_per_year: peopleUsd },
    money: { usd_per_year: total, budget_usd: budget, against_budget: againstBudget(total, budget) },
    latency: { proxies_per_hop: proxies, per_proxy_ms: model.latency_per_proxy_ms.range, call_depth: depth, added_ms: added, budget_ms: latencyBudget, share_of_budget: share },
    assumptions,
    basis: {
      cpu_millicores: footprint.cpu_millicores,
      memory_mib: footprint.memory_mib,
      vcpu_hour_usd: rate('vcpu_hour_usd'),
      gib_hour_usd: rate('gib_hour_usd'),
      engineer_year_usd: rate('engineer_year_usd'),
      // Figures the seeds do not give, which the model marks with a note, are the project's estimates.
      estimated: [...(footprint.note ? (['per-node footprint'] as const) : []), ...(model.people_fte.note ? (['people'] as const) : [])],
    },
    missing,
  };
}

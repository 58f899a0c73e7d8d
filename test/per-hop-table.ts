// The README's table of what each mesh's proxies add to a hop, rendered from the catalogue and the cost model.
import { perHopMs, proxiesOf } from '../src/core/knowledge/mesh-figures.js';
import { rubric } from './helpers.js';

const k = () => rubric().knowledge;
const fmt = ([lo, hi]: [number, number]) => (hi === 0 ? 'nothing' : `${lo}-${hi} ms`);
const what = (l7: boolean) => (m: Parameters<typeof proxiesOf>[0]) => {
  const kinds = proxiesOf(m, l7);
  return kinds.length === 0 ? 'no proxy' : kinds.map(([kind, n]) => `${n} ${kind}`).join(' + ');
};

/** The README's table, rendered from the catalogue and the cost model. */
export function perHopTable(): string {
  // Where each count comes from: the project's documented traffic path, or our estimate.
  const counted = (m: Parameters<typeof proxiesOf>[0]) => (m.proxies_per_hop.source ? `${m.proxies_per_hop.source.split(' (')[0]} (${m.proxies_per_hop.as_of})` : 'our estimate');
  const rows = k().meshes!.meshes.map((m) => `| ${m.name} | ${what(false)(m)}: ${fmt(perHopMs(m, false, k().cost!))} | ${what(true)(m)}: ${fmt(perHopMs(m, true, k().cost!))} | ${counted(m)} |`);
  return ['| mesh | layer 4 only | with layer 7 | proxies counted from |', '|---|---|---|---|', ...rows].join('\n');
}


import type { Range } from '../../core/report/assessment.js';
import { midSentence, type Summary } from './summary.js';
import { span as range, usd } from '../text.js';

/** Plain words for the terms a reader outside the platform team may not know. */
const GLOSSARY: [term: RegExp, name: string, gloss: string][] = [
  [/service mesh/i, 'Service mesh', 'a layer of proxies{where} that encrypts, routes and measures the traffic between services'],
  [/mTLS|mutual TLS/, 'mTLS', 'mutual TLS: both ends of every connection prove who they are, and the traffic is encrypted'],
  [/canar/i, 'Canary', 'sending a small share of traffic to a new version before all of it'],
  [/proxy|proxies/i, 'Proxy', 'a small program that relays and inspects network traffic'],
  [/control plane/i, 'Control plane', 'the central part of the mesh that configures all the proxies'],
  [/p99/, 'p99', 'the response time that 99 in 100 requests beat'],
  [/Kubernetes/, 'Kubernetes', 'the platform the services run on'],
];

// Prose reads "10 to 150", not "10-150".
const span = (r: Range, f: (n: number) => string = String) => range(r, f, ' to ');

/**
 * The decision as the summary opens with it: the verdict's own word, which the CI gate, the PR
 * comment and the terminal print too, and for the two that are not plain English, what it means.
 */
export const VERDICT_WORD = { adopt: 'Adopt', defer: 'Defer: not yet', alternative: 'Alternative: use cheaper tools' } as const;

/** The sections of the one-pager as headings and paragraphs or list items, shared by Markdown and HTML. */
export interface Block {
  heading: string;
  paragraphs?: string[];
  items?: string[];
  checklist?: boolean;
}

/** The answers the cost waits for, in words: the page names no questionnaire field. */
const OPEN_WORDS: Record<string, string> = {
  'kubernetes.pods': 'the pod count',
  'kubernetes.nodes': 'the node count',
  'kubernetes.clusters': 'the cluster count',
  'org.employees': 'the employee count',
  'services.call_depth': 'the call depth',
  'traffic.latency_budget_ms': 'the latency budget',
};

function costText(s: Summary): string[] {
  const c = s.cost;
  if (!c) return [];
  const open = c.missing.filter((p) => p.startsWith('kubernetes.') && p in OPEN_WORDS).map((p) => OPEN_WORDS[p]!);
  const total = c.money ? `**${span(c.money, usd)} a year**` : `a yearly amount that stays open until ${open.length > 0 ? `${open.join(' and ')} ${open.length > 1 ? 'are' : 'is'}` : 'more is'} known`;
  const budget = c.budget === null || !c.againstBudget ? '' : ` Against the ${usd(c.budget)} a year leadership named, that is ${c.againstBudget === 'within' ? 'within budget' : c.againstBudget === 'exceeds' ? 'over budget' : 'possibly over budget'}.`;
  const compute = c.compute ? ` and ${span(c.compute, usd)} of compute for the proxies` : '';
  // A list price read from the vendor's page on a date: the terminal report says to verify it, and so does the page.
  const notes = [...(c.licence && c.licence[0] !== c.licence[1] && c.licenceFreeBelow ? [`none under ${c.licenceFreeBelow} employees`] : []), ...(c.licenceCharge === 'per-unit' ? ['verify with the vendor'] : [])];
  const free = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  const licence = c.licence === null ? '' : c.licence[1] > 0 ? `, and ${span(c.licence, usd)} of licences${free}` : '';
  const mesh = midSentence(c.mesh);
  return [
    `${s.verdict === 'alternative' ? `A mesh here, ${mesh}, would be` : `Running ${mesh} is`} a permanent line item, not a project: ${total}, made of ${span(c.people)} engineers (${span(c.peopleMoney, usd)})${compute}${licence}.${budget}${c.licenceNote ? ` ${c.licenceNote}` : ''}`,
    'It buys uniformity, not new capability: teams can already encrypt, measure and route on their own; a mesh makes it the same in every service and pays for it once instead of in every team.',
  ];
}

/** The cost's basis in one short paragraph, for the footnote: each figure says whether a source gives it. */
export function costBasis(s: Summary): string {
  const c = s.cost;
  if (!c) return '';
  const b = c.basis;
  // Sources are named by title in the full report; the page says only whether a source gives the figure.
  const footprint = b.estimated.some((e) => e.endsWith('footprint')) ? "the tool's estimate" : b.cited.length > 0 ? 'published' : 'the cost model';
  const names = [...(b.estimated.includes('rates') ? ['rates'] : []), ...(b.estimated.includes('people') ? ['head count'] : [])];
  const list = names.join(' and ');
  const estimates = names.length > 0 ? ` ${list[0]!.toUpperCase()}${list.slice(1)} ${names.length > 1 ? 'are' : 'is'} the tool's estimate${names.length > 1 ? 's' : ''}.` : '';
  const moneyOpen = c.missing.filter((p) => p !== 'services.call_depth' && p !== 'traffic.latency_budget_ms');
  const words = moneyOpen.map((p) => OPEN_WORDS[p] ?? 'another answer');
  const open = words.length > 0 ? ` Unanswered: ${words.join(', ')}.` : '';
  return `Proxies take ${span(b.cpu_millicores)} millicores of CPU and ${span(b.memory_mib)} MiB of memory per ${c.per} (${footprint}), at $${b.vcpu_hour_usd} per vCPU-hour and $${b.gib_hour_usd} per GiB-hour; an engineer costs ${usd(b.engineer_year_usd)} a year.${estimates}${open}`;
}

/** The one-pager's blocks, in reading order. */
export function blocks(s: Summary): Block[] {
  const out: Block[] = [{ heading: 'Why', items: s.why.map((w) => `**${w.title}.** ${w.detail}`) }];
  const more = s.moreConditions > 0 ? [`… and ${s.moreConditions} more in the full report.`] : [];
  if (s.verdict === 'defer') out.push({ heading: 'What has to be true first', items: [...s.conditions, ...more], checklist: true });
  out.push({ heading: s.verdict === 'alternative' ? 'What a mesh would cost' : 'What it costs', paragraphs: costText(s) });
  out.push({ heading: s.verdict === 'alternative' ? 'What to use instead' : s.verdict === 'defer' ? 'Meanwhile: the cheaper option' : 'The cheaper option considered', items: s.cheaper.map((c) => `**${c.need}:** ${c.tool}. Enough until ${c.enoughUntil}`) });
  if (s.verdict === 'alternative' && s.conditions.length > 0) out.push({ heading: 'When a mesh becomes worth it', items: [...s.conditions, ...more] });
  if (s.risks.length > 0) out.push({ heading: 'Risks and guardrails', items: s.risks.map((r) => `**${r.title}.** ${r.guardrail}`) });
  out.push({ heading: 'First step and review', paragraphs: [s.firstStep, s.revisit] });
  return out;
}

/** The glossary lines for the terms the page uses. */
export function glossary(text: string, s?: Summary): string[] {
  // Where the proxies run depends on the mesh picked: beside each service, or one per machine.
  const where = s?.cost?.per === 'node' ? ' on every machine' : s?.cost?.per === 'pod' ? ' beside every service' : '';
  return GLOSSARY.filter(([term]) => term.test(text)).map(([, name, gloss]) => `**${name}**: ${gloss.replace('{where}', where)}.`);
}

export const title = (s: Summary) => `Service mesh decision: ${s.org}`;
export const opening = (s: Summary) => `**${VERDICT_WORD[s.verdict]}.** ${s.decision} ${s.certainty}`;

import type { ChalkInstance } from 'chalk';
import type { Assessment } from '../../core/report/assessment.js';
import { waivedText, waiverOf } from '../../core/policy/waivers.js';
import { licenceWhat, preconditionText, questionsText, span, usd } from '../text.js';
import { wrap } from './wrap.js';

const pct = (n: number) => `${Math.round(n * 100)}%`;

/** What the terminal sections draw with: the colours, and the columns they may use. */
export interface Pen {
  c: ChalkInstance;
  width: number;
  /** What the run was told to do (settingsText), dimmed under the header; absent where no run resolved it. */
  settings?: string | null;
}

/** A paragraph whose first line starts at `first` and the rest at `rest`, within `width` columns. */
const para = (width: number, text: string, first: string, rest = first) => wrap(`${first}${text}`, width, rest);

export function recommendationLines(a: Assessment, { c, width }: Pen): string[] {
  const r = a.recommendation;
  if (!r) return [];
  if (!r.mesh) return [...para(width, r.why[0]!, '  '), ...para(width, `mesh facts as of ${r.as_of}`, '  ').map((l) => c.dim(l))];
  const needs = r.required_features.length > 0 ? r.required_features.map((f) => f.id).join(', ') : 'nothing beyond the basics';
  const others = r.considered.filter((m) => m.status !== 'recommended').map((m) => `${m.id} (${m.score ?? m.status})`);
  return [
    ...para(width, `${c.bold(r.name!)}: ${r.mode}`, '  ', '    '),
    ...para(width, `required: ${needs}`, '  '),
    ...r.why.slice(1).flatMap((w) => para(width, `- ${w}`, '  ', '    ')),
    ...para(width, `also weighed (score or reason): ${others.join(', ')}`, '  ').map((l) => c.dim(l)),
    ...para(width, `mesh facts as of ${r.as_of}; sources: mesh-assess rubrics`, '  ').map((l) => c.dim(l)),
  ];
}

export function costLines(a: Assessment, { c, width }: Pen): string[] {
  const k = a.cost;
  if (!k) return [];
  // Label, what, and money at the right; what wraps where the width is short.
  const whatWidth = Math.min(46, width - 27);
  const row = (label: string, what: string, money: string) =>
    wrap(what, whatWidth - 1).map((l, i) => `  ${(i === 0 ? label : '').padEnd(9)}${l.padEnd(whatWidth)}${i === 0 ? money : ''}`.trimEnd());
  const compute = k.compute.vcpu && k.compute.memory_gib && k.compute.usd_per_year
    ? row('compute', `${span(k.compute.vcpu)} vCPU, ${span(k.compute.memory_gib)} GiB (${k.compute.count} ${k.compute.per}s)`, span(k.compute.usd_per_year, usd))
    : row('compute', `unknown until kubernetes.${k.compute.per}s is answered`, '?');
  const verdict = { within: 'within', 'may-exceed': 'may exceed', exceeds: 'over' } as const;
  const budget = k.money.budget_usd === null || !k.money.against_budget ? [] : wrap(`${verdict[k.money.against_budget]} the ${usd(k.money.budget_usd)} a year leadership named`, width - 11).map((l, i) => `  ${(i === 0 ? 'budget' : '').padEnd(9)}${l}`);
  const l = k.latency;
  const latency = l.proxies_per_hop === 0
    ? 'no proxy on the path for layer 4 only'
    : l.added_ms
    ? `+${span(l.added_ms)} ms over ${l.call_depth} hops, typical${l.share_of_budget && l.budget_ms ? ` (${span(l.share_of_budget, pct)} of ${l.budget_ms} ms)` : ''}${l.exceeds_slo ? `; reaches the ${l.slo_p99_ms} ms p99 SLO` : ''}`
    : 'unknown until services.call_depth is answered';
  const licence = row('licence', licenceWhat(k.licence), k.licence.usd_per_year ? span(k.licence.usd_per_year, usd) : '?');
  const excludes = k.money.excludes.length > 0 ? ' (licence excluded)' : '';
  return [
    ...compute,
    ...row('people', `${span(k.people.fte)} full-time engineers`, span(k.people.usd_per_year, usd)),
    ...licence,
    ...row('total', `a standing cost, every year${excludes}`, k.money.usd_per_year ? span(k.money.usd_per_year, usd) : '?'),
    ...budget,
    ...row('latency', latency, ''),
    ...k.assumptions.flatMap((s) => para(width, `* ${s}`, '    ', '      ').map((x) => c.dim(x))),
    ...k.to_measure.flatMap((m) => para(width, `measure: ${m.item}: ${m.measure} (${m.source})`, '  ', '    ')),
  ];
}

export function riskLines(a: Assessment, { c, width }: Pen): string[] {
  return a.risks.flatMap((r) => {
    const w = waiverOf(a, r.rule);
    return [
      ...para(width, `! ${c.bold(r.title)} (${r.severity.level}): ${r.message}`, '  ', '    '),
      ...(r.mitigation ? para(width, `-> ${r.mitigation}`, '    ', '       ').map((l) => c.dim(l)) : []),
      ...(w ? para(width, waivedText(w), '    ', '    ') : []),
    ];
  });
}

export function rolloutLines(a: Assessment, { c, width }: Pen): string[] {
  return a.rollout.flatMap((p, i) => [
    ...para(width, `${i}. ${c.bold(p.title)}: ${p.use_case ? `${p.use_case.use_case}. ${p.use_case.why}` : p.goal}`, '  ', '     '),
    ...para(width, `exit: ${p.exit}`, '     ').map((l) => c.dim(l)),
    ...para(width, `rollback: ${p.rollback}`, '     ').map((l) => c.dim(l)),
    ...(p.blocked_until ? para(width, `waits until: ${preconditionText(p.blocked_until)}`, '     ') : []),
  ]);
}

const MARK = { met: '+', 'not-met': 'x', unanswered: '?', 'check-by-hand': '-' } as const;

export function checklistLines(a: Assessment, { c, width }: Pen): string[] {
  if (a.checklist.length === 0) return [];
  const count = (s: keyof typeof MARK) => a.checklist.filter((x) => x.status === s).length;
  // The counts double as the legend of the marks each item carries.
  const summary = `${count('met')} met (+), ${count('not-met')} not met (x), ${count('unanswered')} unanswered (?), ${count('check-by-hand')} to check by hand (-)`;
  return [
    ...para(width, summary, '  '),
    ...a.checklist.flatMap((x) => [
      ...para(width, `${MARK[x.status]} ${x.area}: ${x.requirement}`, '  ', '    '),
      ...(x.questions.length > 0 ? para(width, questionsText(x.questions), '    ').map((l) => c.dim(l)) : []),
    ]),
    ...para(width, `Before strict enforcement, answer the ${a.runbook.length} runbook questions: ${a.runbook.map((q) => q.question).join(' ')}`, '  ').map((l) => c.dim(l)),
  ];
}

export function alternativeLines(a: Assessment, { c, width }: Pen): string[] {
  if (a.verdict === 'adopt') return a.alternatives.flatMap((x) => para(width, `- ${x.need}: ${x.tool}`, '  ', '    '));
  // For alternative these are the answer, so each says why; for defer they are the meanwhile.
  return a.alternatives.flatMap((x) => [
    ...para(width, `- ${c.bold(x.need)}: ${x.tool}`, '  ', '    '),
    ...(a.verdict === 'alternative' ? para(width, x.why, '    ') : []),
    ...para(width, `enough until ${x.enough_until}`, '    ').map((l) => c.dim(l)),
  ]);
}

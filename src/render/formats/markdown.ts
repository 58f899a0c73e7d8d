import type { Assessment, Reason } from '../../core/report/assessment.js';
import { decisive, keyReasons, needsFirst } from '../../core/report/digest.js';
import { liftableGates } from '../../core/decision/reasons.js';
import { comparisonText } from '../../core/policy/baseline.js';
import { waivedText, waiverOf } from '../../core/policy/waivers.js';
import { escapeMarkdown } from '../../core/text/safe-text.js';
import { settingsText } from '../../core/policy/run-config.js';
import type { Renderer } from '../context.js';
import { confidenceMeaning, costBrief, evidenceText, FACTS_HEADING, flipText, flipsByKind, licenceWhat, markdownTable as table, preconditionText, questionsText, show, someOf, span, unknownsHeading, usd } from '../text.js';

const VERDICT = { adopt: 'ADOPT: run a service mesh', defer: 'DEFER: a mesh fits, but not yet', alternative: 'ALTERNATIVE: cheaper tools meet the need' } as const;


function effect(r: Reason): string {
  if (r.effect.kind === 'score') return `${r.effect.points > 0 ? '+' : ''}${r.effect.points} ${r.effect.axis}`;
  if (r.effect.kind === 'axis') return `${r.effect.axis} ${r.effect.score} ${r.effect.met ? '>=' : '<'} ${r.effect.threshold}`;
  return r.effect.kind === 'gate' ? `gate: ${r.effect.cap}${r.effect.points ? `, ${r.effect.points} ${r.effect.axis}` : ''}` : 'risk';
}

const section = (title: string, lines: string[]) => (lines.length === 0 ? [] : [`### ${title}`, '', ...lines, '']);

function whatToChange(a: Assessment): string[] {
  if (a.verdict === 'adopt') return [];
  if (a.toAdopt.length === 0) {
    // No checked set of answers reaches adopt; the gates that hold the verdict still say what to do.
    const gates = liftableGates(a.reasons);
    if (gates.length === 0) return ['No change of answers that the rubric knows of reaches adopt: the need for a mesh is not there.'];
    return ['No set of answers the rubric can check reaches adopt; first:', '', ...gates.map((r) => `- \`${r.rule}\`: ${r.remedy}`)];
  }
  const sets = a.toAdopt.map((t) => `--set ${t.path}=${show(t.value)}`).join(' ');
  return [...a.toAdopt.map((t) => `- \`${t.path}: ${show(t.value)}\`: ${t.message}`), '', `Check: \`mesh-assess ${a.file} ${sets}\``];
}

function costLines(a: Assessment): string[] {
  const k = a.cost;
  if (!k) return [];
  const money = (r: readonly [number, number] | null) => (r ? span(r, usd) : 'unknown');
  return [
    ...table(['item', 'range', 'per year'], [
      ['compute', k.compute.vcpu ? `${span(k.compute.vcpu)} vCPU, ${span(k.compute.memory_gib!)} GiB for ${k.compute.count} ${k.compute.per}s` : `needs kubernetes.${k.compute.per}s`, money(k.compute.usd_per_year)],
      ['people', `${span(k.people.fte)} full-time engineers`, money(k.people.usd_per_year)],
      ['licence', licenceWhat(k.licence), money(k.licence.usd_per_year)],
      ['total', `${k.money.against_budget ? `${k.money.against_budget} the ${usd(k.money.budget_usd!)} budget` : 'a standing cost'}${k.money.excludes.length > 0 ? ' (licence excluded)' : ''}`, money(k.money.usd_per_year)],
      ['latency', k.latency.proxies_per_hop === 0 ? 'no proxy on the path for layer 4 only' : k.latency.added_ms ? `+${span(k.latency.added_ms)} ms over ${k.latency.call_depth} hops, typical${k.latency.exceeds_slo ? `; reaches the ${k.latency.slo_p99_ms} ms p99 SLO` : ''}` : 'needs services.call_depth', ''],
    ]),
    '',
    ...k.assumptions.map((s) => `- ${s}`),
    ...k.to_measure.map((m) => `- To measure, not priced here: ${m.item}: ${m.measure} (${m.source}).`),
  ];
}

function recommendation(a: Assessment): string[] {
  const r = a.recommendation;
  if (!r) return [];
  const asOf = `Mesh facts as of ${r.as_of}.`;
  if (!r.mesh) return [r.why[0]!, '', asOf];
  const facts = r.facts.map((f) => `${f.feature}: ${f.source} (${f.as_of})`);
  return [`**${r.name}**, ${r.mode}.`, '', ...r.why.map((w) => `- ${w}`), '', `${asOf}${facts.length > 0 ? ` Sources: ${facts.join('; ')}.` : ''}`];
}

function checklist(a: Assessment): string[] {
  if (a.checklist.length === 0) return [];
  const mark = { met: 'met', 'not-met': 'not met', unanswered: 'unanswered', 'check-by-hand': 'check by hand' } as const;
  return [
    ...table(['area', 'requirement', 'here'], a.checklist.map((x) => [x.area, x.requirement, x.questions.length > 0 ? `${mark[x.status]}; ${questionsText(x.questions)}` : mark[x.status]])),
    '',
    `Before strict enforcement, answer the ${a.runbook.length} runbook questions: ${a.runbook.map((q) => q.question).join(' ')}`,
  ];
}

/** " *Waived by X until Y: reason.*" after a finding a waiver accepts. */
const waived = (a: Assessment, rule: string) => {
  const w = waiverOf(a, rule);
  return w ? ` *${waivedText(w).replace(/^w/, 'W')}.*` : '';
};

const reasonRows = (a: Assessment, rs: readonly Reason[]) =>
  table(['effect', 'rule', 'reason', 'evidence'], rs.map((r) => [effect(r), `\`${r.rule}\``, `${r.message}${waived(a, r.rule)}`, r.evidence.map((e) => `${evidenceText(e)}${e.line === null ? '' : ` (line ${e.line}${e.discovered ? `, ${escapeMarkdown(e.discovered.join('; '))}` : ''})`}`).join('; ')]));

/** The title, the verdict with what its confidence means, and the scores. */
function head(a: Assessment): string[] {
  const s = a.scores;
  return [
    `## mesh-assess: ${a.org}`,
    '',
    `**${VERDICT[a.verdict]}** (confidence ${a.confidence}) · \`${a.file}\``,
    '',
    `${confidenceMeaning(a)} Need **${s.need}**/100 (threshold ${s.thresholds.need}) · readiness **${s.readiness}**/100 (threshold ${s.thresholds.readiness})${a.gates.length > 0 ? ` · gates: ${a.gates.join(', ')}` : ''}`,
    '',
    ...(a.comparison ? [`**Since the baseline${a.comparison.regression ? ', a regression' : ''}:** ${comparisonText(a.comparison)}.`, ''] : []),
  ];
}

/** The short report a pull-request comment opens with: what decided it, what would change it, what to do. */
function short(a: Assessment): string[] {
  const reasons = keyReasons(a, 5);
  const tools = needsFirst(a);
  const { answers, facts } = flipsByKind(a);
  const flips = answers.slice(0, a.verdict === 'adopt' ? 3 : 2);
  const changeTitle = a.verdict === 'adopt' ? 'What would change the verdict' : 'What else would change it';
  const toolTitle = a.verdict === 'alternative' ? 'Use instead' : 'Meanwhile';
  const plan = section(a.verdict === 'alternative' ? 'A mesh becomes worth it when (all together)' : 'Not yet: what has to be true (all together)', whatToChange(a));
  const toolList = a.verdict === 'adopt' ? [] : section(`${toolTitle}${someOf(Math.min(5, tools.length), tools.length)}`, tools.slice(0, 5).map((x) => `- **${x.need}**: ${x.tool}`));
  const r = a.recommendation;
  const cost = costBrief(a);
  const glance = [
    ...(a.verdict !== 'alternative' && r?.mesh ? [`**${a.verdict === 'adopt' ? 'Mesh' : 'Mesh, once ready'}:** ${r.name}, ${r.mode}`] : []),
    ...(cost ? [`**Cost:** ${cost}`] : []),
    ...(a.risks.length > 0 ? [`**Risks:** ${a.risks.map((x) => `${x.title}${waiverOf(a, x.rule) ? ' (waived)' : ''}`).join('; ')}`] : []),
  ];
  return [
    ...section(`Why${someOf(reasons.length, Math.max(reasons.length, decisive(a).length))}`, reasonRows(a, reasons)),
    ...(a.verdict === 'alternative' ? [...toolList, ...plan] : plan),
    ...section(`${changeTitle}${someOf(flips.length, answers.length)}`, flips.map((f) => `- ${flipText(f)}`)),
    ...section(unknownsHeading(a, Math.min(3, a.unknowns.length)), a.unknowns.slice(0, 3).map((u) => `- ${u.question} (\`${u.path}\`)`)),
    ...(a.verdict === 'defer' ? toolList : []),
    ...section(`${FACTS_HEADING}${someOf(Math.min(2, facts.length), facts.length)}`, facts.slice(0, 2).map((f) => `- ${flipText(f)}`)),
    ...(glance.length > 0 ? [glance.join(' · '), ''] : []),
  ];
}

/** Everything the assessment holds, what to do before how it was scored. */
function full(a: Assessment): string[] {
  return [
    ...section('What would change the verdict', flipsByKind(a).answers.map((f) => `- ${flipText(f)}`)),
    ...section(a.verdict === 'alternative' ? 'A mesh becomes worth it when (all together)' : 'What has to be true (all together)', whatToChange(a)),
    ...section(a.verdict === 'alternative' ? 'Use instead' : a.verdict === 'defer' ? 'Meanwhile' : 'Cheaper options weighed', a.alternatives.map((x) => `- **${x.need}**: ${x.tool}. Enough until ${x.enough_until}`)),
    ...section(a.verdict === 'adopt' ? 'Recommended mesh' : 'The mesh to pick when a mesh is due', recommendation(a)),
    ...section('Standing cost per year', costLines(a)),
    ...section('Risks to manage', a.risks.map((r) => `- **${r.title}** (${r.severity.level}): ${r.message}${r.mitigation ? ` *Mitigation:* ${r.mitigation}` : ''}${waived(a, r.rule)}`)),
    ...section('Rollout, each phase reversible', a.rollout.map((p, i) => `${i}. **${p.title}**: ${p.use_case ? `${p.use_case.use_case}. ` : ''}${p.goal} Exit: ${p.exit} Rollback: ${p.rollback}${p.blocked_until ? ` Waits until: ${preconditionText(p.blocked_until)}` : ''}`)),
    ...section('Production readiness', checklist(a)),
    ...section(unknownsHeading(a), a.unknowns.map((u) => `- ${u.question} (\`${u.path}\`)`)),
    ...section(FACTS_HEADING, flipsByKind(a).facts.map((f) => `- ${flipText(f)}`)),
    ...section('How it was scored: every rule that fired', reasonRows(a, a.reasons.filter((r) => r.effect.kind !== 'risk'))),
  ];
}

/**
 * One assessment: the short report with the rest folded into a details block, or all of it with
 * --detail. Read where Markdown renders HTML (a pull-request comment, a job summary), so text from
 * input is escaped (no tag, image or link) before our own tags go around it.
 */
function one(a: Assessment, detail: boolean, settings: string | null): string {
  const text = (lines: string[]) => escapeMarkdown(lines.join('\n').trimEnd());
  const top = [...head(a), ...settingsBlock(settings)];
  if (detail) return text([...top, ...full(a)]);
  return [text([...top, ...short(a)]), '', '<details>', '<summary>Full report: every reason, the mesh, cost, rollout, risks, readiness checklist and open questions</summary>', '', text(full(a)), '', '</details>', ''].join('\n');
}

/** The run's settings as a quoted line of their own: what a reviewer checks first on a pull request. */
const settingsBlock = (settings: string | null) => (settings ? [`> **Settings:** ${settings}`, ''] : []);

/** The report for a pull-request comment or a job summary; a summary table first for several files. */
export const renderMarkdown: Renderer = (as, ctx) => {
  const settings = settingsText(ctx.config, ctx.rubric);
  const summary = as.length === 1 ? [] : [
    '# mesh-assess portfolio',
    '',
    ...settingsBlock(settings),
    ...table(['organisation', 'file', 'verdict', 'confidence', 'need', 'readiness', 'mesh'], as.map((a) => [a.org, `\`${a.file}\``, a.verdict, a.confidence, String(a.scores.need), String(a.scores.readiness), a.recommendation?.mesh ?? '-'])),
    '',
  ];
  const parts = [...(summary.length > 0 ? [escapeMarkdown(summary.join('\n'))] : []), ...as.map((a) => one(a, ctx.detail, as.length === 1 ? settings : null))];
  return `${parts.join('\n').trimEnd()}\n`;
};

import type { Assessment, Reason } from '../../core/report/assessment.js';
import { decisive, keyReasons, needsFirst } from '../../core/report/digest.js';
import { liftableGates } from '../../core/decision/reasons.js';
import { waivedText, waiverOf } from '../../core/policy/waivers.js';
import { comparisonLines, confidenceLine, effectText, header, scoreLines, settingsLines, verdictLine } from './terminal-head.js';
import type { Pen } from './terminal-knowledge.js';
import { costBrief, evidenceText, FACTS_HEADING, flipText, flipsByKind, show, someOf, unknownsHeading } from '../text.js';
import { clip, wrap, wrapList } from './wrap.js';

/** The default report never runs longer than this, so the verdict and what to do share a screen or two. */
export const SHORT_REPORT_LINES = 60;

/**
 * A section of the short report: items of one or more lines each. When the report would run too
 * long, items are dropped from the end of the sections that have the most to spare, never below
 * `keep`; the heading then says how many are shown.
 */
interface Part {
  heading: (shown: number, of: number) => string;
  items: string[][];
  /** How many there are in all, when the items are already a selection. */
  of?: number;
  keep: number;
  /** Lower gives way first. */
  yields: number;
}

const EFFECT_COLUMN = 16;

function reasonItems(a: Assessment, { c, width }: Pen): string[][] {
  const room = width - EFFECT_COLUMN;
  // Each answer read stays whole: the ones that do not fit are left to --detail.
  const evidence = (r: Reason) => wrapList(r.evidence.map((e, i) => `${i === 0 ? `${r.rule}: ` : ''}${evidenceText(e)}${e.line === null ? ' (--set)' : ` (line ${e.line})`}`), '; ', 2, room, () => '; …');
  return keyReasons(a, 5).map((r) => {
    // A gate that also leans an axis says so after its title, so the effect column keeps two lines.
    const lean = r.effect.kind === 'gate' && r.effect.points ? ` (${r.effect.points} ${r.effect.axis})` : '';
    const w = waiverOf(a, r.rule);
    const right = [
      ...clip(wrap(`${r.title}${lean}`, room), 2, room).map((l) => c.bold(l)),
      ...(r.evidence.length > 0 ? evidence(r) : [`${r.rule}:`]).map((l) => c.dim(l)),
      ...(w ? clip(wrap(waivedText(w), room), 1, room) : []),
    ];
    const left = r.effect.kind === 'gate' ? ['gate:', r.effect.cap === 'never-adopt' ? 'never adopt' : 'alternative'] : effectText(r).split('\n');
    return Array.from({ length: Math.max(left.length, right.length) }, (_, i) => `  ${(left[i] ?? '').padEnd(EFFECT_COLUMN - 2)}${right[i] ?? ''}`.trimEnd());
  });
}


/** One item indented under its marker, in `lines` lines at most; the full text is in --detail. */
const item = (text: string, width: number, first = '  - ', rest = '    ', lines = 2) => clip(wrap(`${first}${text}`, width, rest), lines, width);

/** What has to change to reach adopt: the checked plan, else the gates to lift first; empty for adopt. */
function planItems(a: Assessment, width: number): string[][] {
  if (a.verdict === 'adopt') return [];
  // What the verdict owes the reader gets a third line before it is cut.
  if (a.toAdopt.length > 0) return a.toAdopt.map((t) => item(`${t.path}: ${show(t.value)}. ${t.message}`, width, '  - ', '    ', 3));
  return liftableGates(a.reasons).map((r) => item(`${r.rule}: ${r.remedy}`, width, '  - ', '    ', 3));
}

/** The plan's heading: a checked set of answers holds all together; without one, the gates come first. */
function planHeading(a: Assessment): string {
  if (a.toAdopt.length > 0) return a.verdict === 'defer' ? 'Not yet: what has to be true, all together' : 'A mesh becomes worth it when, all together';
  return a.verdict === 'defer' ? 'Not yet: lift these first' : 'A mesh becomes worth it once these are lifted';
}

function toolItems(a: Assessment, width: number): string[][] {
  if (a.verdict === 'adopt') return [];
  return needsFirst(a).map((x) => item(`${x.need}: ${x.tool}`, width));
}

/** The mesh, the cost and the risks, one labelled line each (two where a line is too short). */
function glance(a: Assessment, { c, width }: Pen): string[] {
  const label = (name: string, lines: string[]) => lines.map((l, i) => `${i === 0 ? `${c.bold(name)}${' '.repeat(10 - name.length)}` : ' '.repeat(10)}${l}`);
  const row = (name: string, text: string) => label(name, clip(wrap(text, width - 10), 2, width - 10));
  const r = a.recommendation;
  const mesh = a.verdict === 'alternative' || !r ? [] : row(a.verdict === 'adopt' ? 'Mesh' : 'Mesh then', r.mesh ? `${r.name}, ${r.mode}` : r.why[0]!);
  const cost = costBrief(a);
  const costRow = cost ? row('Cost', cost) : [];
  // Whole titles only: the ones that do not fit are counted, and --detail lists them.
  const titles = a.risks.map((x) => `${x.title}${waiverOf(a, x.rule) ? ' (waived)' : ''}`);
  const risks = titles.length > 0 ? label('Risks', wrapList(titles, '; ', 2, width - 10, (n) => `; and ${n} more`)) : [];
  return [...mesh, ...costRow, ...risks];
}

/** Drops items, the most yielding section first, until the parts and the fixed lines fit the limit. */
function fit(parts: Part[], fixed: number, width: number): number[] {
  const shown = parts.map((p) => p.items.length);
  const height = (p: Part, n: number) => (n === 0 ? 0 : 1 + wrap(p.heading(n, p.of ?? p.items.length), width).length + p.items.slice(0, n).reduce((m, x) => m + x.length, 0));
  const lines = () => fixed + parts.reduce((n, p, i) => n + height(p, shown[i]!), 0);
  while (lines() > SHORT_REPORT_LINES) {
    const i = parts.map((p, j) => j).filter((j) => shown[j]! > parts[j]!.keep).sort((x, y) => parts[x]!.yields - parts[y]!.yields)[0];
    if (i === undefined) break;
    shown[i]! -= 1;
  }
  return shown;
}

/**
 * The default terminal report: the verdict and what it means, the scores, the reasons that
 * decided it, what would change it, the questions to answer first, the mesh or the cheaper tools,
 * the cost and the risks, at most 60 lines; the last line points at the full report.
 */
export function shortReport(a: Assessment, pen: Pen): string[] {
  const { c, width } = pen;
  const top = [...clip(header(a, pen), 2, width), ...settingsLines(pen), '', ...verdictLine(a, pen), ...confidenceLine(a, pen), ...clip(scoreLines(a, pen), 3, width), ...comparisonLines(a, pen)];
  const reasons = reasonItems(a, pen);
  const plan = planItems(a, width);
  const tools = toolItems(a, width);
  const { answers, facts } = flipsByKind(a);
  const parts: Record<'why' | 'plan' | 'flips' | 'questions' | 'tools' | 'facts', Part> = {
    why: { heading: (n, of) => `Why${someOf(n, of)}`, items: reasons, of: Math.max(reasons.length, decisive(a).length), keep: 3, yields: 2 },
    plan: { heading: (n, of) => `${planHeading(a)}${someOf(n, of)}`, items: plan, keep: Math.min(plan.length, 3), yields: 4 },
    // The flips are what would change adopt; after a plan to adopt they are the other ways it could go.
    flips: {
      heading: (n, of) => `${a.verdict === 'adopt' ? 'What would change the verdict' : 'What else would change it'}${someOf(n, of)}`,
      items: answers.slice(0, a.verdict === 'adopt' ? 3 : 2).map((f) => item(flipText(f), width)),
      of: answers.length,
      keep: a.verdict === 'adopt' || a.confidence === 'low' ? 1 : 0,
      yields: 1,
    },
    questions: {
      heading: (n) => unknownsHeading(a, n),
      items: a.unknowns.slice(0, 3).map((u) => item(`${u.question} (${u.path})`, width, '  ? ')),
      of: a.unknowns.length,
      keep: 1,
      yields: 0,
    },
    tools: { heading: (n, of) => `${a.verdict === 'alternative' ? 'Use instead' : 'Meanwhile'}${someOf(n, of)}`, items: tools.slice(0, 5), of: tools.length, keep: 2, yields: 3 },
    // Facts of the organisation that would have to differ: after everything a reader can act on, and the first to go.
    facts: { heading: (n, of) => `${FACTS_HEADING}${someOf(n, of)}`, items: facts.slice(0, 2).map((f) => item(flipText(f), width)), of: facts.length, keep: 0, yields: -1 },
  };
  // What each verdict owes the reader comes first (product.md): the plan for defer, the cheaper tools for alternative.
  const order = { adopt: ['why', 'flips', 'questions', 'facts'], defer: ['why', 'plan', 'flips', 'questions', 'tools', 'facts'], alternative: ['why', 'tools', 'plan', 'flips', 'questions', 'facts'] } as const;
  const chosen = order[a.verdict].map((k) => parts[k]);
  const rest = glance(a, pen);
  const more = c.dim('Full report (every reason, rollout, checklist): --detail');
  const shown = fit(chosen, top.length + (rest.length > 0 ? rest.length + 1 : 0) + 2, width);
  const body = chosen.flatMap((p, i) => (shown[i]! === 0 ? [] : ['', ...wrap(p.heading(shown[i]!, p.of ?? p.items.length), width).map((l) => c.bold(l)), ...p.items.slice(0, shown[i]).flat()]));
  return [...top, ...body, ...(rest.length > 0 ? ['', ...rest] : []), '', more];
}

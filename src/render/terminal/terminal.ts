import { Chalk } from 'chalk';
import type { Assessment, Flip, Verdict } from '../../core/report/assessment.js';
import { briefOf, type Brief } from '../summary/brief.js';
import { liftableGates } from '../../core/decision/reasons.js';
import { waivedText, waiverOf } from '../../core/policy/waivers.js';
import { settingsText } from '../../core/policy/run-config.js';
import type { RenderContext, Renderer } from '../context.js';
import { portfolio } from './terminal-portfolio.js';
import { alternativeLines, checklistLines, costLines, recommendationLines, riskLines, rolloutLines, type Pen } from './terminal-knowledge.js';
import { box } from './box.js';
import { comparisonLines, confidenceLine, effectText, header, scoreLines, settingsLines, verdictLine } from './terminal-head.js';
import { shortReport } from './terminal-short.js';
import { evidenceText, FACTS_HEADING, flipText, flipsByKind, show, unknownsHeading } from '../text.js';
import { wrap, wrapCommand } from './wrap.js';

function reasonsTable(a: Assessment, { c, width }: Pen): string {
  const reasonWidth = width - 15 - 3;
  const cell = (text: string, paint: (s: string) => string = (s) => s) => wrap(text, reasonWidth - 2).map((l) => paint(l));
  // Risks have their own section; the table holds what moved the verdict.
  const rows = a.reasons.filter((x) => x.effect.kind !== 'risk').map((r) => {
    const evidence = r.evidence.map((e) => `${evidenceText(e)}${e.line === null ? ' (--set)' : ` (line ${e.line}${e.discovered ? `, ${e.discovered.join('; ')}` : ''})`}`);
    const w = waiverOf(a, r.rule);
    return [effectText(r).split('\n'), [...cell(r.rule, c.bold), ...cell(r.message), ...cell(evidence.join('; '), c.dim), ...cell(`source: ${r.source}`, c.dim), ...(w ? cell(waivedText(w)) : [])]];
  });
  return box(['Effect', 'Reason'], rows, [15, reasonWidth]);
}

function section(title: string, lines: string[], { c, width }: Pen): string[] {
  return lines.length === 0 ? [] : ['', ...wrap(title, width).map((l) => c.bold(l)), ...lines];
}

function unknownLines(a: Assessment, { c, width }: Pen): string[] {
  return a.unknowns.flatMap((u) => [...wrap(`  ? ${u.question}`, width, '    '), c.dim(`    ${u.path}`)]);
}

function toAdoptLines(a: Assessment, { c, width }: Pen): string[] {
  if (a.verdict === 'adopt') return [];
  if (a.toAdopt.length === 0) {
    // No verified set of answers reaches adopt; the gates that hold the verdict still say what to do.
    const gates = liftableGates(a.reasons);
    if (gates.length === 0) return wrap('  No change of answers that the rubric knows of reaches adopt: the need for a mesh is not there.', width, '  ');
    return [
      ...wrap('  No set of answers the rubric can check reaches adopt; first:', width, '  '),
      ...gates.flatMap((r) => [`  - ${r.rule}`, ...wrap(`    ${r.remedy}`, width, '    ').map((l) => c.dim(l))]),
    ];
  }
  const changes = a.toAdopt.flatMap((t) => [`  - ${t.path}: ${show(t.value)}`, ...wrap(`    ${t.message}`, width, '    ').map((l) => c.dim(l))]);
  const sets = a.toAdopt.map((t) => `--set ${t.path}=${show(t.value)}`);
  const command = wrapCommand(['  check:', 'mesh-assess', a.file, ...sets], width, '      ');
  return [...changes, '', ...command.map((l) => c.dim(l))];
}

function flipLines(flips: readonly Flip[], { width }: Pen): string[] {
  return flips.flatMap((f) => wrap(`  - ${flipText(f)}`, width, '    '));
}

type Section = [title: string, lines: (a: Assessment, pen: Pen) => string[]];

/** What each verdict must say first (product.md), then the rest of the seeds' knowledge. */
const SECTIONS: Record<Verdict, Section[]> = {
  adopt: [
    ['Recommended mesh (the least that meets the requirements)', recommendationLines],
    ['Standing cost per year', costLines],
    ['Rollout, each phase reversible', rolloutLines],
    ['Risks to manage', riskLines],
    ['Production readiness', checklistLines],
    ['Cheaper options weighed', alternativeLines],
  ],
  defer: [
    ['Not yet: what has to be true (all together)', toAdoptLines],
    ['Meanwhile', alternativeLines],
    ['When ready: the mesh to pick', recommendationLines],
    ['Standing cost per year, once adopted', costLines],
    ['Risks to manage', riskLines],
    ['Rollout, once ready', rolloutLines],
    ['Production readiness', checklistLines],
  ],
  alternative: [
    ['Use instead', alternativeLines],
    ['A mesh becomes worth it when (all together)', toAdoptLines],
    ['Risks a mesh would bring here', riskLines],
    ['What a mesh would cost per year', costLines],
  ],
};

/**
 * The full report: verdict and scores, what would change it, what the verdict owes the reader,
 * the open questions, and last how it was scored, rule by rule.
 */
function report(a: Assessment, pen: Pen): string {
  const out = [
    ...header(a, pen),
    ...settingsLines(pen),
    '',
    ...verdictLine(a, pen),
    ...confidenceLine(a, pen),
    ...scoreLines(a, pen),
    ...comparisonLines(a, pen),
    ...section('What would change the verdict (smallest sets of answers first)', flipLines(flipsByKind(a).answers, pen), pen),
    ...SECTIONS[a.verdict].flatMap(([title, lines]) => section(title, lines(a, pen), pen)),
    ...section(unknownsHeading(a), unknownLines(a, pen), pen),
    ...section(FACTS_HEADING, flipLines(flipsByKind(a).facts, pen), pen),
    ...section('How it was scored: every rule that fired', [reasonsTable(a, pen)], pen),
  ];
  return `${out.filter((l, i) => !(l === '' && out[i - 1] === '')).join('\n')}\n`;
}

/** One questionnaire: the short report, or the full one with --detail. Several: the portfolio table, one row each, then with --detail each full report. */
export const renderTerminal: Renderer = (as, ctx) => {
  const settings = settingsText(ctx.config, ctx.rubric);
  const pen = { c: new Chalk({ level: ctx.color ? 1 : 0 }), width: ctx.width, settings };
  if (as.length === 1) return ctx.detail ? report(as[0]!, pen) : `${shortReport(as[0]!, pen).join('\n')}\n`;
  const table = renderPortfolio(as.map(briefOf), { ...ctx, settings });
  // --detail: the table, then each file's full report under a rule, each as it would be alone.
  return ctx.detail ? [table, ...as.map((a) => `${pen.c.dim('═'.repeat(pen.width))}\n\n${report(a, pen)}`)].join('\n') : table;
};

/** The portfolio table from the rows alone, for runs that keep no more of each file. */
export const renderPortfolio = (briefs: readonly Brief[], ctx: Pick<RenderContext, 'color' | 'width'> & { detail?: boolean; settings?: string | null }) =>
  portfolio(briefs, { c: new Chalk({ level: ctx.color ? 1 : 0 }), width: ctx.width, settings: ctx.settings ?? null }, ctx.detail);

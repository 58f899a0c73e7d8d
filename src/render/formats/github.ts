import type { Assessment } from '../../core/report/assessment.js';
import { settingsText } from '../../core/policy/run-config.js';
import { expiredText, unusedText, waivedText, waiverOf, type Waiver } from '../../core/policy/waivers.js';
import { comparisonText } from '../../core/policy/baseline.js';
import type { RenderContext, Renderer } from '../context.js';

// Workflow-command escaping: data escapes %, CR and LF; property values also : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

type Kind = 'error' | 'warning' | 'notice';

/** GitHub shows at most this many annotations of each kind from one step; more are dropped unseen. */
export const ANNOTATIONS_PER_KIND = 10;

interface Annotation {
  kind: Kind;
  /** The file it stands on; a note about the whole run stands on none. */
  file?: string;
  at?: { line: number | null; col: number | null };
  title: string;
  message: string;
}

/** "Waived by X until Y: reason. " before the message of a finding a waiver accepts. */
const waived = (a: Assessment, rule: string) => {
  const w = waiverOf(a, rule);
  return w ? `${waivedText(w).replace(/^w/, 'W')}. ` : '';
};

function command({ kind, file, at, title, message }: Annotation): string {
  const props = [...(file === undefined ? [] : [`file=${prop(file)}`]), ...(at?.line ? [`line=${at.line}`] : []), ...(at?.col ? [`col=${at.col}`] : []), `title=${prop(title)}`];
  return `::${kind} ${props.join(',')}::${data(message)}`;
}

/**
 * Every annotation of the run, most important first within each kind: each file's verdict, then
 * its changes to adopt, then open questions (notices); gates (errors); risks (warnings).
 */
function annotations(as: readonly Assessment[], ctx: RenderContext): Annotation[] {
  const where = (ev: Assessment['reasons'][number]['evidence']) => ev.find((e) => e.line !== null);
  const each = (f: (a: Assessment, file: string) => Annotation[]) => as.flatMap((a) => f(a, ctx.pathOf(a.file)));
  const settings = settingsText(ctx.config, ctx.rubric);
  const waiverNote = (w: Waiver, what: 'expired' | 'unused'): Annotation => ({ kind: 'warning', title: `mesh-assess: ${what} waiver of ${w.rule}`, message: `${(what === 'expired' ? expiredText : unusedText)(w).replace(/^t/, 'T')}.` });
  return [
    ...(settings ? [{ kind: 'notice', title: 'mesh-assess: settings', message: settings } satisfies Annotation] : []),
    ...(ctx.config?.expired_waivers ?? []).map((w) => waiverNote(w, 'expired')),
    ...(ctx.config?.unused_waivers ?? []).map((w) => waiverNote(w, 'unused')),
    ...each((a, file) => [{
      kind: 'notice',
      file,
      at: { line: 1, col: 1 },
      title: `mesh-assess: ${a.org}`,
      message: `${a.verdict.toUpperCase()} (confidence ${a.confidence}): need ${a.scores.need}/100, readiness ${a.scores.readiness}/100${a.recommendation?.name && a.verdict !== 'alternative' ? `; mesh: ${a.recommendation.name}` : ''}`,
    }]),
    ...each((a, file) => (a.comparison ? [{ kind: a.comparison.regression ? 'warning' : 'notice', file, at: { line: 1, col: 1 }, title: `mesh-assess: since the baseline${a.comparison.regression ? ', a regression' : ''}`, message: comparisonText(a.comparison) } satisfies Annotation] : [])),
    ...each((a, file) => a.reasons.filter((r) => r.effect.kind === 'gate').map((r): Annotation => ({ kind: 'error', file, at: where(r.evidence), title: `${r.rule}: ${r.title}`, message: `${waived(a, r.rule)}${r.message}${r.remedy ? ` ${r.remedy}` : ''} (mesh-assess explain ${r.rule})` }))),
    ...each((a, file) => a.risks.map((r): Annotation => ({ kind: 'warning', file, at: where(r.evidence), title: `${r.rule}: ${r.title}`, message: `${waived(a, r.rule)}${r.message}${r.mitigation ? ` ${r.mitigation}` : ''} (mesh-assess explain ${r.rule})` }))),
    ...each((a, file) => a.toAdopt.map((t): Annotation => ({ kind: 'notice', file, title: `to adopt: ${t.path}`, message: `${t.path}: ${JSON.stringify(t.value)}. ${t.message}` }))),
    ...each((a, file) => a.unknowns.map((u): Annotation => ({ kind: 'notice', file, at: u, title: `unanswered: ${u.path}`, message: u.question }))),
  ];
}

/**
 * GitHub Actions workflow commands: annotations on the questionnaires' lines, at most ten of each
 * kind; when there are more, the tenth says how many and where they all are.
 */
export const renderGithub: Renderer = (as, ctx) => {
  const all = annotations(as, ctx);
  const kept: Annotation[] = [];
  for (const kind of ['notice', 'error', 'warning'] as const) {
    const of = all.filter((x) => x.kind === kind);
    if (of.length <= ANNOTATIONS_PER_KIND) {
      kept.push(...of);
      continue;
    }
    const shown = of.slice(0, ANNOTATIONS_PER_KIND - 1);
    const where = ctx.stepSummary ? 'all of them are in the job summary' : 'run with --format markdown to see all of them';
    kept.push(...shown, { kind, file: shown.find((x) => x.file !== undefined)?.file, title: `mesh-assess: ${of.length - shown.length} more ${kind}s`, message: `GitHub shows ${ANNOTATIONS_PER_KIND} ${kind}s a step; ${of.length - shown.length} more are not annotated here: ${where}.` });
  }
  // Back in reading order: the order the kinds were built in.
  const order = new Map(all.map((x, i) => [x, i]));
  return `${kept.sort((x, y) => (order.get(x) ?? Infinity) - (order.get(y) ?? Infinity)).map(command).join('\n')}\n`;
};

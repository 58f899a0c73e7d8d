import type { Assessment } from '../core/assessment.js';
import type { Renderer } from './index.js';

// Workflow-command escaping: data escapes %, CR and LF; property values also : and ,.
const data = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const prop = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

type Command = 'error' | 'warning' | 'notice';

function command(kind: Command, file: string, at: { line: number | null; col: number | null } | undefined, title: string, message: string): string {
  const props = [`file=${prop(file)}`, ...(at?.line ? [`line=${at.line}`] : []), ...(at?.col ? [`col=${at.col}`] : []), `title=${prop(title)}`];
  return `::${kind} ${props.join(',')}::${data(message)}`;
}

function lines(a: Assessment): string[] {
  const where = (ev: Assessment['reasons'][number]['evidence']) => ev.find((e) => e.line !== null);
  const verdict = `${a.verdict.toUpperCase()} (confidence ${a.confidence}): need ${a.scores.need}/100, readiness ${a.scores.readiness}/100${a.recommendation?.name && a.verdict !== 'alternative' ? `; mesh: ${a.recommendation.name}` : ''}`;
  return [
    command('notice', a.file, { line: 1, col: 1 }, `mesh-assess: ${a.org}`, verdict),
    ...a.reasons.filter((r) => r.effect.kind === 'gate').map((r) => command('error', a.file, where(r.evidence), `${r.rule}: ${r.title}`, `${r.message}${r.remedy ? ` ${r.remedy}` : ''}`)),
    ...a.risks.map((r) => command('warning', a.file, where(r.evidence), `${r.rule}: ${r.title}`, `${r.message}${r.mitigation ? ` ${r.mitigation}` : ''}`)),
    ...a.toAdopt.map((t) => command('notice', a.file, undefined, `to adopt: ${t.path}`, `${t.path}: ${JSON.stringify(t.value)}. ${t.message}`)),
    ...a.unknowns.map((u) => command('notice', a.file, u, `unanswered: ${u.path}`, u.question)),
  ];
}

/** GitHub Actions workflow commands: annotations on the questionnaire's lines. */
export const renderGithub: Renderer = (as) => `${as.flatMap(lines).join('\n')}\n`;

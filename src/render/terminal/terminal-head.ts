import type { Assessment, Reason, Verdict } from '../../core/report/assessment.js';
import type { Pen } from './terminal-knowledge.js';
import { confidenceMeaning, visible } from '../text.js';
import { clip, wrap } from './wrap.js';
import { comparisonText } from '../../core/policy/baseline.js';

/** The tool, the organisation and the file, on one line where they fit. */
export function header(a: Assessment, { c, width }: Pen): string[] {
  const line = `${c.bold('mesh-assess')}  ${a.org}  ${c.dim(a.file)}`;
  return visible(line) <= width ? [line] : [...wrap(`${c.bold('mesh-assess')}  ${a.org}`, width, '  '), ...wrap(a.file, width, '  ').map((l) => c.dim(l))];
}

/** The run's settings (configuration, rubric set and digest, thresholds, waivers), dimmed under the header. */
export const settingsLines = ({ c, width, settings }: Pen) => (settings ? wrap(settings, width, '  ').map((l) => c.dim(l)) : []);

const MEANING: Record<Verdict, string> = {
  adopt: 'run a service mesh',
  defer: 'a mesh fits, but not yet',
  alternative: 'cheaper tools meet the need',
};

/** The verdict, what it means and the confidence, on one line where they fit. */
export function verdictLine(a: Assessment, { c, width }: Pen): string[] {
  const paint: Record<Verdict, (s: string) => string> = { adopt: c.green.bold, defer: c.yellow.bold, alternative: c.cyan.bold };
  const head = `${paint[a.verdict](a.verdict.toUpperCase())}  ${MEANING[a.verdict]}`;
  const confidence = c.dim(`(confidence ${a.confidence})`);
  return visible(`${head}  ${confidence}`) <= width ? [`${head}  ${confidence}`] : [head, confidence];
}

/** What the confidence means here, dimmed under the verdict. */
export const confidenceLine = (a: Assessment, { c, width }: Pen) => wrap(confidenceMeaning(a), width).map((l) => c.dim(l));

/** Need and readiness against their thresholds, and the gates that capped the verdict. */
export function scoreLines(a: Assessment, { c, width }: Pen): string[] {
  const { need, readiness, thresholds } = a.scores;
  const part = (name: string, v: number, t: number) => `${name} ${c.bold(String(v))}/100 ${c.dim(`(threshold ${t})`)}`;
  const [n, r] = [part('need', need, thresholds.need), part('readiness', readiness, thresholds.readiness)];
  const gates = a.gates.length > 0 ? wrap(`gates: ${a.gates.join(', ')}`, width, '       ').map((l) => c.dim(l)) : [];
  return [...(visible(`${n}    ${r}`) <= width ? [`${n}    ${r}`] : [n, r]), ...gates];
}

/** Which way a reason pushed, in at most 13 columns a line. */
export function effectText(r: Reason): string {
  switch (r.effect.kind) {
    case 'score':
      return `${r.effect.points > 0 ? '+' : ''}${r.effect.points} ${r.effect.axis}`;
    case 'gate': {
      const lean = r.effect.points ? `\n${r.effect.points} ${r.effect.axis}` : '';
      return (r.effect.cap === 'never-adopt' ? 'gate:\nnever adopt' : 'gate: at most\nalternative') + lean;
    }
    case 'risk':
      return 'risk';
    case 'axis':
      return `${r.effect.axis} ${r.effect.score}\n${r.effect.met ? '>=' : '<'} ${r.effect.threshold}`;
  }
}

/** How the assessment moved since the --baseline one, when there is one: dimmed under the scores. */
export const comparisonLines = (a: Assessment, { c, width }: Pen) =>
  a.comparison ? clip(wrap(`since the baseline: ${comparisonText(a.comparison)}`, width, '  '), 3, width).map((l) => (a.comparison!.regression ? c.yellow(l) : c.dim(l))) : [];

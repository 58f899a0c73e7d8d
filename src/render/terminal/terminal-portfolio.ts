import type { Verdict } from '../../core/report/assessment.js';
import type { Brief } from '../summary/brief.js';
import { box } from './box.js';
import { settingsLines } from './terminal-head.js';
import { visible } from '../text.js';
import type { Pen } from './terminal-knowledge.js';
import { cut, wrap } from './wrap.js';

/** Several questionnaires side by side, say a business unit's portfolio: one row each. */
export function portfolio(as: readonly Brief[], pen: Pen, detail = false): string {
  const { c, width } = pen;
  const paint: Record<Verdict, (s: string) => string> = { adopt: c.green.bold, defer: c.yellow.bold, alternative: c.cyan.bold };
  // The first column takes what the width leaves: 37 at 80 columns.
  const widths = [width - 43, 13, 10, 15];
  // A long name wraps at words; a long path breaks anywhere rather than being cut off.
  // A mesh id breaks after a hyphen where it can (gcp-cloud- / service-mesh).
  const id = (s: string, w: number) =>
    s.split(/(?<=-)/).reduce<string[]>((lines, part) => {
      const last = lines.length - 1;
      if (last >= 0 && lines[last]!.length + part.length <= w) lines[last] += part;
      else lines.push(...cut(part, w));
      return lines;
    }, []);
  const rows = as.map((a) => [
    [...wrap(a.org, widths[0]! - 2), ...cut(a.file, widths[0]! - 2).map((l) => c.dim(l))],
    [paint[a.verdict](a.verdict), c.dim(a.confidence)],
    [`${a.scores.need}/${a.scores.readiness}`],
    a.verdict === 'alternative' ? [c.dim('cheaper tools')] : a.mesh ? id(a.mesh, widths[3]! - 2) : ['-'],
  ]);
  const first = widths[0]! - 2 >= 'Organisation and file'.length ? 'Organisation and file' : 'Organisation\nand file';
  const table = box([first, 'Verdict and\nconfidence', 'Need /\nready', 'Mesh'], rows, widths);
  const count = (v: Verdict) => as.filter((a) => a.verdict === v).length;
  const foot = wrap(detail ? 'Each report in full follows.' : 'Each report in full: add --detail; as data: --format json or markdown.', width).map((l) => c.dim(l));
  const tally = `${as.length} questionnaire${as.length === 1 ? '' : 's'}: ${count('adopt')} adopt, ${count('defer')} defer, ${count('alternative')} alternative`;
  const head = visible(`mesh-assess  ${tally}`) <= width ? [`${c.bold('mesh-assess')}  ${tally}`] : [c.bold('mesh-assess'), ...wrap(tally, width)];
  return `${[...head, ...settingsLines(pen)].join('\n')}\n${table}\n${foot.join('\n')}\n`;
}

import type { ChalkInstance } from 'chalk';
import type { Verdict } from '../core/assessment.js';
import type { Brief } from '../core/brief.js';
import { box } from './box.js';
import { cut, wrap } from './wrap.js';

/** Several questionnaires side by side, say a business unit's portfolio: one row each. */
export function portfolio(as: readonly Brief[], c: ChalkInstance): string {
  const paint: Record<Verdict, (s: string) => string> = { adopt: c.green.bold, defer: c.yellow.bold, alternative: c.cyan.bold };
  const widths = [37, 13, 10, 15];
  // A long name wraps at words; a long path breaks anywhere rather than being cut off.
  const chop = cut;
  // A mesh id breaks after a hyphen where it can (gcp-cloud- / service-mesh).
  const id = (s: string, w: number) =>
    s.split(/(?<=-)/).reduce<string[]>((lines, part) => {
      const last = lines.length - 1;
      if (last >= 0 && lines[last]!.length + part.length <= w) lines[last] += part;
      else lines.push(...chop(part, w));
      return lines;
    }, []);
  const rows = as.map((a) => [
    [...wrap(a.org, widths[0]! - 2), ...chop(a.file, widths[0]! - 2).map((l) => c.dim(l))],
    [paint[a.verdict](a.verdict), c.dim(a.confidence)],
    [`${a.scores.need}/${a.scores.readiness}`],
    a.verdict === 'alternative' ? [c.dim('cheaper tools')] : a.mesh ? id(a.mesh, widths[3]! - 2) : ['-'],
  ]);
  const table = box(['Organisation and file', 'Verdict and\nconfidence', 'Need /\nready', 'Mesh'], rows, widths);
  const count = (v: Verdict) => as.filter((a) => a.verdict === v).length;
  return `${c.bold('mesh-assess')}  ${as.length} questionnaires: ${count('adopt')} adopt, ${count('defer')} defer, ${count('alternative')} alternative\n${table}\n${c.dim('Details of one: mesh-assess FILE; of all: --format json or markdown.')}\n`;
}

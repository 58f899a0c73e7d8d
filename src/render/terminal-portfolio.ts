import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Assessment, Verdict } from '../core/assessment.js';

/** Several questionnaires side by side, say a business unit's portfolio: one row each. */
export function portfolio(as: readonly Assessment[], c: ChalkInstance): string {
  const paint: Record<Verdict, (s: string) => string> = { adopt: c.green.bold, defer: c.yellow.bold, alternative: c.cyan.bold };
  const table = new Table({
    head: ['Organisation and file', 'Verdict and\nconfidence', 'Need /\nready', 'Mesh'],
    colWidths: [37, 13, 10, 15],
    wordWrap: true,
    // A long path breaks anywhere rather than being cut off.
    wrapOnWordBoundary: false,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const a of as) {
    table.push([`${a.org}\n${c.dim(a.file)}`, `${paint[a.verdict](a.verdict)}\n${c.dim(a.confidence)}`, `${a.scores.need}/${a.scores.readiness}`, a.recommendation?.mesh ?? '-']);
  }
  const count = (v: Verdict) => as.filter((a) => a.verdict === v).length;
  return `${c.bold('mesh-assess')}  ${as.length} questionnaires: ${count('adopt')} adopt, ${count('defer')} defer, ${count('alternative')} alternative\n${table.toString()}\n${c.dim('Details of one: mesh-assess FILE; of all: --format json or markdown.')}\n`;
}

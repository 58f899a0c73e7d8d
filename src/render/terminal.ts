import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { Assessment, Reason, Verdict } from '../core/assessment.js';
import type { Value } from '../core/questionnaire/derive.js';

const WIDTH = 80;

const show = (v: Value) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

function verdictLine(a: Assessment, c: ChalkInstance): string {
  const paint: Record<Verdict, (s: string) => string> = { adopt: c.green.bold, defer: c.yellow.bold, alternative: c.cyan.bold };
  const meaning: Record<Verdict, string> = {
    adopt: 'run a service mesh',
    defer: 'a mesh fits, but not yet',
    alternative: 'cheaper tools meet the need',
  };
  return `${paint[a.verdict](a.verdict.toUpperCase())}  ${meaning[a.verdict]}  ${c.dim(`(confidence ${a.confidence})`)}`;
}

function effectText(r: Reason): string {
  switch (r.effect.kind) {
    case 'score':
      return `${r.effect.points > 0 ? '+' : ''}${r.effect.points} ${r.effect.axis}`;
    case 'gate':
      return r.effect.cap === 'never-adopt' ? 'gate:\nnever adopt' : 'gate: at most\nalternative';
    case 'risk':
      return 'risk';
  }
}

function reasonsTable(a: Assessment, c: ChalkInstance): string {
  const table = new Table({
    head: ['Effect', 'Reason'],
    colWidths: [15, WIDTH - 15 - 3],
    wordWrap: true,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
  });
  for (const r of a.reasons) {
    const evidence = r.evidence.map((e) => `${e.path}=${show(e.value)}${e.line === null ? ' (--set)' : ` (line ${e.line})`}`);
    const body = [c.bold(r.rule), r.message, c.dim(evidence.join('; ')), c.dim(`source: ${r.source}`)].join('\n');
    table.push([effectText(r), body]);
  }
  return table.toString();
}

function scoreLine(a: Assessment, c: ChalkInstance): string {
  const { need, readiness, thresholds } = a.scores;
  const part = (name: string, v: number, t: number) => `${name} ${c.bold(String(v))}/100 ${c.dim(`(threshold ${t})`)}`;
  return `${part('need', need, thresholds.need)}    ${part('readiness', readiness, thresholds.readiness)}`;
}

function section(title: string, lines: string[], c: ChalkInstance): string[] {
  return lines.length === 0 ? [] : ['', c.bold(title), ...lines];
}

/** The human report: verdict first, then scores, reasons, open questions and what would change it. */
export function renderTerminal(a: Assessment, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const sets = a.toAdopt.map((t) => `--set ${t.path}=${JSON.stringify(t.value).replace(/^"(.*)"$/, '$1')}`);
  const out = [
    `${c.bold('mesh-assess')}  ${a.org}  ${c.dim(a.file)}`,
    '',
    verdictLine(a, c),
    scoreLine(a, c),
    a.gates.length > 0 ? c.dim(`gates: ${a.gates.join(', ')}`) : '',
    '',
    reasonsTable(a, c),
    ...section(
      'Unanswered questions that could change the result',
      a.unknowns.map((u) => `  ? ${u.question}\n    ${c.dim(u.path)}`),
      c,
    ),
    ...section(
      'What would make it adopt (all together)',
      a.toAdopt.length > 0
        ? [...a.toAdopt.map((t) => `  - ${t.path}: ${show(t.value)}\n    ${c.dim(t.message)}`), '', c.dim(`  check: mesh-assess ${a.file} ${sets.join(' ')}`)]
        : a.verdict === 'adopt' ? [] : ['  No set of answer changes from the rubric reaches adopt.'],
      c,
    ),
  ];
  return `${out.filter((l, i) => !(l === '' && out[i - 1] === '')).join('\n')}\n`;
}

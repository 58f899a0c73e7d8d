import type { Assessment, Cost, Evidence, Flip, Precondition, Range } from '../core/report/assessment.js';
import type { Value } from '../core/questionnaire/derive.js';
import { SHARE_PATHS } from '../core/questionnaire/fields.js';
import { formatValue } from '../core/rubric/reason-text.js';
import { eastAsianWidth } from 'get-east-asian-width';
import { stripXmlInvalid } from '../core/text/safe-text.js';
import { midSentence } from './summary/summary.js';

// Colour codes take no room on screen.
const ANSI = /\u001b\[[0-9;]*m/g;

const NON_ASCII = /[^\u0000-\u007f]/;
// Marks that combine with the character before them, joiners and variation selectors: no column.
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200d\u2060\ufe00-\ufe0f]$/u;

/** How many columns one character takes: two for East Asian wide and fullwidth ones (and emoji), none for a combining mark. */
export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x7f) return 1;
  return ZERO_WIDTH.test(ch) ? 0 : eastAsianWidth(cp);
}

/** How many columns text takes on screen: colour codes left out, wide characters counted twice. */
export function visible(s: string): number {
  const plain = s.includes('\u001b') ? s.replace(ANSI, '') : s;
  // Most text is ASCII, one column a character; the rest is measured character by character.
  if (!NON_ASCII.test(plain)) return plain.length;
  let width = 0;
  for (const ch of plain) width += charWidth(ch);
  return width;
}

/** Money as a reader scans it: $950, $13.5k, $1.2M. */
export function usd(n: number): string {
  if (n >= 1e6) return `$${Number((n / 1e6).toFixed(1))}M`;
  if (n >= 1e3) return `$${Number((n / 1e3).toFixed(1))}k`;
  return `$${n}`;
}

/** A low-high range as text; one number when both ends agree. */
export const span = (r: Range | readonly [number, number], f: (n: number) => string = String, to = '-') => (r[0] === r[1] ? f(r[0]) : `${f(r[0])}${to}${f(r[1])}`);

/** An answer as it reads in a report: lists in brackets. */
export const show = (v: Value) => (Array.isArray(v) ? `[${v.join(', ')}]` : String(v));

/** An answer a reason read, as `path=value`; a derived share reads as the reason prints it, a percentage. */
export const evidenceText = (e: Evidence) => `${e.path}=${SHARE_PATHS.has(e.path) ? formatValue(e.value, 'percent') : show(e.value)}`;

/** Text safe in XML and HTML, attributes included. */
export const escapeXml = (s: string) => stripXmlInvalid(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * A Markdown table; cells are kept on one line, and every pipe in them escaped: one after an odd
 * run of backslashes already is, and one after an even run ("\\|" from input) gets one more, so
 * that no cell from input can end early and move the cells after it.
 */
export function markdownTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] {
  const cell = (s: string | number) => String(s).replace(/(\\*)\|/g, (m, slashes: string) => (slashes.length % 2 === 1 ? m : `${slashes}\\|`)).replace(/\n/g, ' ');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

/** Where the flips that change a fact of the organisation go, after those a reader can check. */
export const FACTS_HEADING = 'If these facts were different';

/** The flips made of answers to check (open questions, numbers near where they stand), and those that change a fact. */
export const flipsByKind = (a: Assessment) => ({ answers: a.flips.filter((f) => f.kind === 'answer'), facts: a.flips.filter((f) => f.kind === 'fact') });

/** A set of answer changes and the verdict it gives: "traffic.canary=required (unanswered) -> defer". */
export function flipText(f: Flip): string {
  const changes = f.changes.map((c) => `${c.path}=${show(c.value)} (${c.was === null ? 'unanswered' : `now ${show(c.was)}`})`);
  return `${changes.join(' and ')} -> ${f.verdict}`;
}

/** What the licence line of the cost says, the same in every report: what is charged, and what to check. */
export function licenceWhat(l: Cost['licence']): string {
  if (l.charge === 'none') return 'none charged';
  if (l.charge === 'unpublished') return "billed by the provider: see its price list";
  return l.count === null ? `per ${l.per}: needs kubernetes.clusters` : `${l.count} ${l.per}s; verify with the vendor`;
}

/** "(3 of 7)" after a heading whose section shows only some of its items. */
export const someOf = (shown: number, of: number) => (shown < of ? ` (${shown} of ${of})` : '');

/**
 * Open questions change the verdict only when confidence is below high (high means no answer to
 * them could), so the heading says which it is; with `shown`, it says how many of them follow.
 */
export function unknownsHeading(a: Assessment, shown = a.unknowns.length): string {
  const some = someOf(shown, a.unknowns.length);
  return a.confidence === 'high' ? `Unanswered questions${some}: answers to them would not change the verdict` : `Unanswered questions that could change the verdict${some}`;
}

/** What the confidence means for the verdict, in words a reader can act on (product.md). */
export const confidenceMeaning = (a: Assessment) =>
  ({
    high: 'No one or two answers, open or near where they stand, would change this verdict.',
    medium: 'No one or two answers would change this verdict; answering more of the open questions could.',
    low: 'One or two answers could change this verdict: see what would change it, below.',
  })[a.confidence];

/** The standing cost in one sentence for a short report, or null when there is no mesh to cost. */
export function costBrief(a: Assessment): string | null {
  const k = a.cost;
  if (!k) return null;
  const people = `${span(k.people.fte)} engineers`;
  const budget = k.money.budget_usd && k.money.against_budget ? `, ${{ within: 'within', 'may-exceed': 'may exceed', exceeds: 'over' }[k.money.against_budget]} the ${usd(k.money.budget_usd)} budget` : '';
  const open = k.missing.filter((p) => p.startsWith('kubernetes.'));
  const money = k.money.usd_per_year
    ? `${span(k.money.usd_per_year, usd)} a year with ${people}${budget}${k.money.excludes.length > 0 ? ' (licence excluded)' : ''}`
    : `${people} (${span(k.people.usd_per_year, usd)} a year) and compute, priced once ${open.join(' and ') || 'more'} ${open.length > 1 ? 'are' : 'is'} answered`;
  const whose = { adopt: '', defer: 'once adopted, ', alternative: `for ${midSentence(a.recommendation?.name ?? k.mesh)}, ` }[a.verdict];
  return `${whose}${money}`;
}

/** What a rollout phase waits for, and where this organisation stands on it; the renderer puts "waits until" before it. */
export function preconditionText(p: Precondition): string {
  const here = { met: 'met.', 'not-met': 'not met, so this phase cannot start yet.', unanswered: `unanswered; ${questionsText(p.questions)}` }[p.status];
  return `${p.requirement} Here: ${here}`;
}

/** The questions that would settle an open item, as one sentence. */
export const questionsText = (questions: readonly string[]) => `answer: ${questions.join(' ')}`;

import { visible } from '../text.js';

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - visible(s)));

/**
 * A boxed table in the single-line box style, for cells already wrapped to fit: one line per
 * entry of a cell (a heading may hold several, split at newlines), one space of padding each
 * side, a rule between rows. It measures width with a plain character count, which suits our
 * text (no emoji, no wide characters) and costs nothing, where a general table library spent
 * hundreds of milliseconds measuring a large table.
 */
export function box(head: readonly string[], rows: readonly (readonly string[][])[], widths: readonly number[]): string {
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w)).join(m)}${r}`;
  const row = (cells: readonly string[][]) => {
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({ length: height }, (_, i) => `│${cells.map((c, j) => ` ${pad(c[i] ?? '', widths[j]! - 2)} `).join('│')}│`);
  };
  const body = rows.flatMap((r, i) => [...(i > 0 ? [rule('├', '┼', '┤')] : []), ...row(r)]);
  return [rule('┌', '┬', '┐'), ...row(head.map((h) => h.split('\n'))), rule('├', '┼', '┤'), ...body, rule('└', '┴', '┘')].join('\n');
}

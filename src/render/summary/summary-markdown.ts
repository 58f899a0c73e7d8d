import { escapeMarkdown } from '../../core/text/safe-text.js';
import type { Summary } from './summary.js';
import { blocks, costBasis, glossary, opening, title } from './summary-text.js';

/** The one-pager in Markdown: about 600 words, the decision first. */
export function summaryMarkdown(s: Summary): string {
  const body = blocks(s).flatMap((b) => [
    `## ${b.heading}`,
    '',
    ...(b.paragraphs ?? []).flatMap((p) => [p, '']),
    ...(b.items ?? []).map((i) => `- ${b.checklist ? '[ ] ' : ''}${i}`),
    ...(b.items ? [''] : []),
  ]);
  const text = [`# ${title(s)}`, '', opening(s), '', ...body].join('\n');
  return escapeMarkdown([
    text.trimEnd(),
    '',
    ...(s.cost ? ['---', '', `*How the cost is worked out:* ${costBasis(s)}`, ''] : []),
    `*Terms:* ${glossary(text, s).join(' ')}`,
    '',
  ].join('\n'));
}

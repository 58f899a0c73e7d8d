import type { Summary } from './summary.js';
import { costChart, positionChart } from './summary-charts.js';
import { blocks, costBasis, glossary, opening, title, VERDICT_WORD } from './summary-text.js';
import { escapeXml as esc } from '../text.js';

/** The little Markdown the text uses (bold, code), as HTML, after escaping. */
const inline = (s: string) => esc(s).replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/`(.+?)`/g, '<code>$1</code>');

// Print first: one A4 page, black and white safe (the badge and quadrants carry text and
// patterns, not only colour), system fonts only.
const CSS = `
@page { size: A4; margin: 10mm 12mm; }
* { box-sizing: border-box; }
body { font: 9.5pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 0; }
main { max-width: 186mm; margin: 0 auto; padding: 4mm 0; }
header { display: flex; gap: 4mm; align-items: flex-start; border-bottom: 1.5pt solid #111; padding-bottom: 2mm; }
h1 { font-size: 15pt; margin: 0 0 1mm; }
h2 { font-size: 10.5pt; margin: 2.5mm 0 1mm; break-after: avoid; }
p, ul { margin: 0 0 1.5mm; }
ul { padding-left: 4.5mm; }
li { margin-bottom: 0.8mm; }
.badge { flex: none; border: 2pt solid #111; border-radius: 2mm; padding: 1.5mm 3mm; font-weight: 700; font-size: 12pt; text-transform: uppercase; letter-spacing: 0.04em; }
.badge.adopt { background: #d8f0da; } .badge.defer { background: #fbe7c2; } .badge.alternative { background: #dbe8f6; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; margin: 2mm 0; }
figure { margin: 0; } figcaption { font-size: 8pt; color: #333; }
.chart { width: 100%; height: auto; max-height: 62mm; } .chart .q { font-size: 10px; font-weight: 700; } .chart .axis { font-size: 9px; } .chart .tick { font-size: 8.5px; }
.columns { columns: 2; column-gap: 6mm; }
.columns section { break-inside: avoid-column; }
footer { margin-top: 2mm; border-top: 0.75pt solid #777; padding-top: 1.5mm; font-size: 7.5pt; color: #222; }
ul.check { list-style: none; padding-left: 0; } ul.check li::before { content: "\\2610\\00a0"; }
code { font-size: 8.5pt; }
@media print { body { font-size: 8.2pt; line-height: 1.28; } h1 { font-size: 13pt; } h2 { margin-top: 2mm; } .chart { max-height: 46mm; } main { padding: 0; } }
`;

const moved = (s: Summary) => s.position.plotted.need !== s.position.need || s.position.plotted.readiness !== s.position.readiness;

/** A single self-contained HTML page (inline CSS and SVG, no script, no external resource) that prints on one A4 page. */
export function summaryHtml(s: Summary): string {
  const sections = blocks(s).map((b) => [
    '<section>',
    `<h2>${esc(b.heading)}</h2>`,
    ...(b.paragraphs ?? []).map((p) => `<p>${inline(p)}</p>`),
    ...(b.items ? [`<ul${b.checklist ? ' class="check"' : ''}>`, ...b.items.map((i) => `<li>${inline(i)}</li>`), '</ul>'] : []),
    '</section>',
  ].join('\n'));
  const text = blocks(s).flatMap((b) => [...(b.paragraphs ?? []), ...(b.items ?? [])]).join(' ') + opening(s);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title(s))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<div class="badge ${s.verdict}" role="status" aria-label="Decision: ${esc(VERDICT_WORD[s.verdict])}">${esc(VERDICT_WORD[s.verdict])}</div>
<div>
<h1>${esc(title(s))}</h1>
<p>${inline(opening(s))}</p>
</div>
</header>
<div class="charts">
<figure>${positionChart(s)}<figcaption>Need for a mesh by readiness to own one: the dot is this organisation${moved(s) ? '; the hollow ring is its raw scores, moved by a rule that caps the decision' : ''}.</figcaption></figure>
${s.cost ? `<figure>${costChart(s)}<figcaption>Standing cost per year, low to high: ${s.cost.licence ? 'people, compute and licence add' : 'people and compute add'} up to the total${s.cost.budget === null ? '' : ', drawn against the budget named'}.</figcaption></figure>` : ''}
</div>
<div class="columns">
${sections.join('\n')}
</div>
<footer>
${s.cost ? `<p><strong>How the cost is worked out:</strong> ${inline(costBasis(s))}</p>` : ''}
<p><strong>Terms:</strong> ${glossary(text, s).map(inline).join(' ')}</p>
</footer>
</main>
</body>
</html>
`;
}

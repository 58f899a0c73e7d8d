import type { Range } from '../../core/report/assessment.js';
import type { Summary } from './summary.js';
import { escapeXml as esc, usd } from '../text.js';

// The plot area of the position chart, in SVG units: readiness runs left to right, need bottom to top.
const X0 = 46, X1 = 306, Y0 = 214, Y1 = 14;
// Points keep a small margin from the frame, so a score of 0 or 100 stays visible.
const M = 8;
const x = (readiness: number) => X0 + M + ((X1 - X0 - 2 * M) * readiness) / 100;
const y = (need: number) => Y0 - M - ((Y0 - Y1 - 2 * M) * need) / 100;

/** Hatchings that tell the quadrants apart without colour, for black-and-white printing. */
const PATTERNS = `<defs>
<pattern id="hatch-alternative" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#e6f0fa"/><line x1="0" y1="0" x2="0" y2="8" stroke="#7a9cc0" stroke-width="1.2"/></pattern>
<pattern id="hatch-defer" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#fdf1dc"/><circle cx="3" cy="3" r="1" fill="#b98a2f"/></pattern>
<pattern id="hatch-adopt" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#e3f4e4"/></pattern>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" fill="#222"/></marker>
</defs>`;

/** Need by readiness, the two thresholds drawn as quadrants, and the organisation on it. */
export function positionChart(s: Summary): string {
  const p = s.position;
  const tx = x(p.thresholds.readiness);
  const ty = y(p.thresholds.need);
  // Labels sit at the edge of each area away from the frame's extremes, where points gather.
  const quadrant = (name: string, x1: number, y1: number, x2: number, y2: number, label: string, labelY: number) =>
    `<rect data-quadrant="${name}" x="${x1}" y="${y1}" width="${x2 - x1}" height="${y2 - y1}" fill="url(#hatch-${name})" stroke="#555" stroke-width="0.6"/>` +
    `<text x="${(x1 + x2) / 2}" y="${labelY}" text-anchor="middle" class="q">${label}</text>`;
  const capped = p.plotted.need !== p.need || p.plotted.readiness !== p.readiness;
  const scores = capped
    ? `<circle data-point="scores" cx="${x(p.readiness)}" cy="${y(p.need)}" r="5" fill="#fff" stroke="#222" stroke-width="1.5"/>` +
      `<line x1="${x(p.readiness)}" y1="${y(p.need)}" x2="${x(p.plotted.readiness)}" y2="${y(p.plotted.need)}" stroke="#222" stroke-dasharray="3 2" marker-end="url(#arrow)"/>`
    : '';
  const desc = `Need ${p.need} of 100 against a threshold of ${p.thresholds.need}; readiness ${p.readiness} of 100 against ${p.thresholds.readiness}.${capped ? ` ${p.cappedBy.join(' and ')} moves the decision to the ${s.verdict} area.` : ''} The organisation sits in the ${s.verdict} area.`;
  return `<svg role="img" aria-labelledby="pos-title pos-desc" viewBox="0 0 320 250" class="chart">
<title id="pos-title">Where ${esc(s.org)} stands: need for a mesh by readiness to own one</title>
<desc id="pos-desc">${esc(desc)}</desc>
${PATTERNS}
${quadrant('alternative', X0, ty, X1, Y0, 'alternative: cheaper tools', ty + 14)}
${quadrant('defer', X0, Y1, tx, ty, 'defer', ty - 6)}
${quadrant('adopt', tx, Y1, X1, ty, 'adopt', ty - 6)}
${scores}
<circle data-point="plotted" cx="${x(p.plotted.readiness)}" cy="${y(p.plotted.need)}" r="6" fill="#111" stroke="#fff" stroke-width="1.5"/>
<text x="${(X0 + X1) / 2}" y="242" text-anchor="middle" class="axis">readiness to own a mesh (threshold ${p.thresholds.readiness})</text>
<text x="14" y="${(Y0 + Y1) / 2}" text-anchor="middle" class="axis" transform="rotate(-90 14 ${(Y0 + Y1) / 2})">need for a mesh (threshold ${p.thresholds.need})</text>
<text x="${X0 - 4}" y="${Y0 + 12}" text-anchor="end" class="tick">0</text><text x="${X1}" y="${Y0 + 12}" text-anchor="end" class="tick">100</text><text x="${X0 - 4}" y="${Y1 + 8}" text-anchor="end" class="tick">100</text>
</svg>`;
}

/**
 * The yearly cost as bars on one scale: each component (people, compute, licence) from its low to
 * its high end, then the total they add up to, with leadership's budget as a line. A component
 * that is not priced says why in place of its bar, and the total says what it leaves out.
 */
export function costChart(s: Summary): string {
  const c = s.cost;
  if (!c) return '';
  const open = (what: string) => `open until ${what} are counted`;
  const licenceOpen = c.licenceCharge === 'unpublished' ? 'not included: billed by the provider' : open('clusters');
  const rows: [label: string, range: Range | null, note: string][] = [
    ['people', c.peopleMoney, ''],
    ['compute', c.compute, c.compute ? '' : open(`${c.per}s`)],
    ['licence', c.licence, c.licence ? (c.licenceCharge === 'none' ? 'none charged' : c.licenceCharge === 'per-unit' ? 'verify with the vendor' : '') : licenceOpen],
    ['total', c.money, c.money ? (c.licence ? '' : 'without the licence') : 'open until every part is priced'],
  ];
  const max = Math.max(...rows.map(([, r]) => r?.[1] ?? 0), c.budget ?? 0, 1);
  const bx = (v: number) => 70 + (230 * v) / max;
  const amount = (r: Range) => (r[0] === r[1] ? usd(r[0]) : `${usd(r[0])}-${usd(r[1])}`);
  const bars = rows.map(([label, r, note], i) => {
    const top = 14 + i * 30;
    const bar = r
      ? `<rect data-bar="${label}" data-usd="${r[0]} ${r[1]}" x="${bx(r[0])}" y="${top}" width="${Math.max(2, bx(r[1]) - bx(r[0]))}" height="16" fill="${label === 'total' ? '#333' : '#8a8a8a'}"/><text x="72" y="${top + 27}" class="tick">${esc(`${amount(r)}${note ? `, ${note}` : ''}`)}</text>`
      : `<text data-open="${label}" x="72" y="${top + 12}" class="tick">${esc(note)}</text>`;
    return `<text x="64" y="${top + 12}" text-anchor="end" class="axis">${label}</text>${bar}`;
  });
  const bottom = 14 + rows.length * 30;
  const budget = c.budget === null ? '' : `<line x1="${bx(c.budget)}" y1="8" x2="${bx(c.budget)}" y2="${bottom}" stroke="#000" stroke-dasharray="4 3"/><text x="${bx(c.budget)}" y="${bottom + 12}" text-anchor="${bx(c.budget) > 260 ? 'end' : 'middle'}" class="tick">budget ${usd(c.budget)}</text>`;
  const desc = rows.map(([l, r, note]) => `${l} ${r ? `${usd(r[0])} to ${usd(r[1])}${note ? `, ${note}` : ''}` : note}`).join('; ');
  return `<svg role="img" aria-labelledby="cost-title cost-desc" viewBox="0 0 320 ${bottom + 18}" class="chart">
<title id="cost-title">Standing cost per year, low to high</title>
<desc id="cost-desc">${esc(`${desc}${c.budget === null ? '' : `; budget ${usd(c.budget)}`}.`)}</desc>
${bars.join('\n')}
${budget}
</svg>`;
}

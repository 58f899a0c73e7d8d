// npm run calibrate: assesses every case in cases/ with the built CLI and prints, for each, the
// expected verdict, the tool's verdict and confidence, and the reasons that decided it; then the
// agreement. Exits 1 when a case disagrees, so a rubric change that loses a case is seen.
import { spawnSync } from 'node:child_process';
import { readCases } from './cases.mjs';

const cases = readCases();
const r = spawnSync(process.execPath, ['dist/mesh-assess.js', '--format', 'json', ...cases.map((c) => c.file)], { encoding: 'utf8', maxBuffer: 1 << 28 });
if (r.status !== 0) {
  process.stderr.write(r.stderr);
  process.exit(2);
}
const assessed = JSON.parse(r.stdout);
const list = Array.isArray(assessed) ? assessed : [assessed];
const byFile = new Map(list.map((a) => [a.file, a]));

const rows = cases.map((c) => {
  const a = byFile.get(c.file);
  const deciding = a.reasons.filter((x) => x.effect.kind !== 'risk').slice(0, 3).map((x) => x.rule).join(', ');
  return { case: c.name, outcome: c.outcome, expected: c.expected, verdict: a.verdict, confidence: a.confidence, need: a.scores.need, readiness: a.scores.readiness, agree: a.verdict === c.expected, deciding };
});

const cols = ['case', 'outcome', 'expected', 'verdict', 'confidence', 'need', 'readiness', 'agree', 'deciding'];
const cell = (row, k) => (k === 'agree' ? (row.agree ? 'yes' : 'NO') : String(row[k]));
const widths = cols.map((k) => Math.max(k.length, ...rows.map((row) => cell(row, k).length)));
const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(cols.map((k) => cell(row, k))));
const agreed = rows.filter((row) => row.agree).length;
const edge = (k) => rows.filter((row) => row[k] === 0 || row[k] === 100).length;
console.log('');
console.log(`agreement: ${agreed} of ${rows.length} (${Math.round((agreed / rows.length) * 100)}%)`);
console.log(`at 0 or 100: need ${edge('need')}, readiness ${edge('readiness')} of ${rows.length}`);
process.exitCode = agreed === rows.length ? 0 : 1;

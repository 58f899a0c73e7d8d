// npm run calibrate: assesses every case in cases/ with the built CLI and prints, for each, what
// the organisation did, the expected verdict, the tool's verdict and confidence, and the reasons
// that decided it; then two agreements: with the expected verdicts (product.md's reading of the
// facts) and with what the organisations did. Exits 1 when either falls below the figure the
// README records, so a rubric change that loses a case is seen.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { outcomeAgrees, readCases, recordedAgreement, recordedOutcomeAgreement } from './cases.mjs';

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
  return { case: c.name, outcome: c.outcome, expected: c.expected, verdict: a.verdict, confidence: a.confidence, need: a.scores.need, readiness: a.scores.readiness, agree: a.verdict === c.expected, did: outcomeAgrees(c.outcome, a), deciding };
});

const cols = ['case', 'outcome', 'expected', 'verdict', 'confidence', 'need', 'readiness', 'agree', 'did', 'deciding'];
const cell = (row, k) => (k === 'agree' || k === 'did' ? (row[k] ? 'yes' : 'NO') : String(row[k]));
const widths = cols.map((k) => Math.max(k.length, ...rows.map((row) => cell(row, k).length)));
const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join('  ').trimEnd();
console.log(line(cols));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(cols.map((k) => cell(row, k))));
const agreed = rows.filter((row) => row.agree).length;
const did = rows.filter((row) => row.did).length;
const edge = (k) => rows.filter((row) => row[k] === 0 || row[k] === 100).length;
const pct = (n) => `${Math.round((n / rows.length) * 100)}%`;
console.log('');
console.log('agree: the verdict is the expected one (product.md on the facts of the case)');
console.log('did: the verdict fits what the organisation did (adopted: adopt, or defer that at most two open');
console.log('     readiness answers turn into adopt; deferred or removed: defer or alternative; cheaper tools: alternative)');
console.log(`agreement with the expected verdicts: ${agreed} of ${rows.length} (${pct(agreed)})`);
console.log(`agreement with what the organisations did: ${did} of ${rows.length} (${pct(did)})`);
console.log(`at 0 or 100: need ${edge('need')}, readiness ${edge('readiness')} of ${rows.length}`);
const readme = readFileSync('README.md', 'utf8');
const recorded = recordedAgreement(readme);
const recordedDid = recordedOutcomeAgreement(readme);
const below = [
  ...(recorded && agreed < recorded.agreed ? [`with the expected verdicts ${agreed} is below the README's ${recorded.agreed}`] : []),
  ...(recordedDid && did < recordedDid.agreed ? [`with what the organisations did ${did} is below the README's ${recordedDid.agreed}`] : []),
];
for (const line of below) console.log(`agreement ${line}`);
process.exitCode = below.length === 0 ? 0 : 1;

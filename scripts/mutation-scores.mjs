// The end of npm run mutation: reads Stryker's JSON report and prints the mutation score of each
// folder it mutated, then the mutants that survived. Exits 1 when either score is under 90%.
// The score is Stryker's own: mutants killed or timed out, over every valid mutant (those, plus
// the ones that survived or no test ran); ignored mutants and ones that did not compile or run
// are not valid, and count neither way.
// Usage: node scripts/mutation-scores.mjs [REPORT ...]: Stryker's report of the run (by default
// reports/mutation/mutation.json), or several, of runs over different files (`--mutate`), read as
// one; where two reports hold the same file, the later one counts.
import { readFileSync } from 'node:fs';

const FOLDERS = ['src/core/decision/', 'src/core/policy/'];
const MINIMUM = 90;
const paths = process.argv.slice(2);
const reports = (paths.length > 0 ? paths : ['reports/mutation/mutation.json']).map((p) => JSON.parse(readFileSync(p, 'utf8')));

const files = Object.entries(Object.assign({}, ...reports.map((r) => r.files)));
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);
let failed = false;
const survivors = [];
for (const folder of FOLDERS) {
  let found = 0;
  let valid = 0;
  for (const [file, result] of files) {
    if (!file.startsWith(folder)) continue;
    for (const m of result.mutants) {
      if (detected.has(m.status)) found++;
      if (detected.has(m.status) || undetected.has(m.status)) valid++;
      if (undetected.has(m.status)) survivors.push(`${file}:${m.location.start.line}:${m.location.start.column} ${m.status} ${m.mutatorName}: ${m.replacement ?? ''}`);
    }
  }
  const score = valid === 0 ? 0 : (100 * found) / valid;
  if (score < MINIMUM) failed = true;
  console.log(`${folder.padEnd(20)} ${score.toFixed(2).padStart(6)}%  (${found} of ${valid} mutants detected)${score < MINIMUM ? `  under ${MINIMUM}%` : ''}`);
}
if (survivors.length > 0) console.log(`\nSurvivors (${survivors.length}):\n${survivors.join('\n')}`);
if (failed) process.exitCode = 1;

// Measures, in one run on this machine (medians of alternating runs, so load weighs on both
// alike): the CLI's cold start on a block-style and on a flow-style questionnaire against a bare
// `node -e 0`; 1,000 questionnaires in one invocation against one; and one questionnaire against a
// rubric extended by a gate no remedy lifts plus 3,000 helper rules, against the built-in rubric.
// Prints the ratios against the targets and exits 1 when one is missed.
// Usage: npm run bench [-- --runs 21]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const TARGETS = { coldStart: 1.6, thousand: 4, bigRubric: 40 };
const CLI = 'dist/mesh-assess.js';
const EXAMPLE = 'examples/acme-payments.yaml';

const time = (args) => {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Alternates the commands run by run, so that load on the machine weighs on both alike. */
function compare(a, b, runs) {
  const ta = [];
  const tb = [];
  time(a);
  time(b);
  for (let i = 0; i < runs; i++) {
    ta.push(time(a));
    tb.push(time(b));
  }
  return { a: median(ta), b: median(tb) };
}

const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-bench-'));
const cold = compare(['-e', '0'], [CLI, '--format', 'json', EXAMPLE], RUNS);
// The same answers in flow style ({...} and [...] throughout), which the quick reader does not take.
const flowFile = join(dir, 'flow.yaml');
writeFileSync(flowFile, `${JSON.stringify((await import('yaml')).parse(readFileSync(EXAMPLE, 'utf8')))}\n`);
const coldFlow = compare(['-e', '0'], [CLI, '--format', 'json', flowFile], RUNS);

const examples = readdirSync('examples').filter((n) => n.endsWith('.yaml'));
// 1,000 different questionnaires: the examples, each copy with its own name and service count,
// so nothing can be reused from one file to the next.
const files = Array.from({ length: 1000 }, (_, i) => {
  const file = join(dir, `q${String(i).padStart(4, '0')}.yaml`);
  const text = readFileSync(join('examples', examples[i % examples.length]), 'utf8')
    .replace(/^(  name: )(.*)$/m, `$1$2 ${i}`)
    .replace(/^(  count: )(\d+)/m, (_m, key, n) => `${key}${Number(n) + (i % 40)}`);
  writeFileSync(file, text);
  return file;
});
// As people run it on a directory: the default report, a table of the thousand (one report for one).
const many = compare([CLI, files[0]], [CLI, ...files], Math.max(5, Math.floor(RUNS / 3)));

// A company rubric gone large: one gate with no remedy, 3,000 rules that each could help.
const ext = join(dir, 'ext');
mkdirSync(ext);
const rules = ['rules:', '  - id: ext-gate', '    title: A gate with no remedy', '    when: { path: services.count, gte: 0 }', '    effect: { gate: never-adopt }', '    reason: always', '    source: { document: bench, section: "1" }'];
const weights = ['weights:', '  ext-gate: 50'];
for (let i = 0; i < 3000; i++) {
  rules.push(`  - id: ext-h${i}`, `    title: helper ${i}`, `    when: { path: traffic.deploys_per_week, gte: ${i + 1} }`, '    effect: { axis: readiness, direction: up }', '    reason: r', `    remedy: { text: t, set: [{ path: traffic.deploys_per_week, value: ${i + 1} }] }`, '    source: { document: bench, section: "1" }');
  weights.push(`  ext-h${i}: 1`);
}
writeFileSync(join(ext, 'rules.yaml'), `${rules.join('\n')}\n`);
writeFileSync(join(ext, 'scoring.yaml'), `${weights.join('\n')}\n`);
const big = compare([CLI, EXAMPLE], [CLI, EXAMPLE, '--extend', ext], Math.max(3, Math.floor(RUNS / 5)));
rmSync(dir, { recursive: true, force: true });

const rows = [
  ['cold start, block style: mesh-assess --format json (one example) vs node -e 0', cold.b, cold.a, TARGETS.coldStart],
  ['cold start, flow style: the same answers as one flow mapping vs node -e 0', coldFlow.b, coldFlow.a, TARGETS.coldStart],
  ['1,000 questionnaires in one run vs one: mesh-assess FILES', many.b, many.a, TARGETS.thousand],
  ['a 3,000-rule extension with a locked gate vs the built-in rubric', big.b, big.a, TARGETS.bigRubric],
];
let missed = 0;
for (const [what, ms, base, target] of rows) {
  const ratio = ms / base;
  if (ratio > target) missed++;
  console.log(`${what}: ${ms.toFixed(0)} ms vs ${base.toFixed(0)} ms = ${ratio.toFixed(2)}x (target <= ${target}x) ${ratio <= target ? 'met' : 'MISSED'}`);
}
console.log(`node ${process.version}, median of ${RUNS} alternating runs`);
process.exitCode = missed > 0 ? 1 : 0;

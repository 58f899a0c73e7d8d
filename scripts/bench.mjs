// Measures, in one run on this machine (medians of alternating runs, so load weighs on both
// alike): the CLI's cold start on a block-style and on a flow-style questionnaire against a bare
// `node -e 0`; 1,000 questionnaires in one invocation against one; and one questionnaire against a
// rubric extended by a gate no remedy lifts plus 3,000 helper rules, against the built-in rubric;
// and `discover --kube` on a kubectl List of 100,000 pods (about a gigabyte), its time and the most
// memory it held. Prints the ratios against the targets and exits 1 when one is missed.
// Usage: npm run bench [-- --runs 21] [-- --pods 100000]
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;
const TARGETS = { coldStart: 1.6, thousand: 4, bigRubric: 40, discoverRssMib: 300 };
const PODS = Number(process.argv[process.argv.indexOf('--pods') + 1]) || 100_000;
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
// The same answers in the style people often write by hand: block keys at the top, each section's
// answers as one flow mapping on its line (`services: { count: 140, languages: [java, go] }`).
const { parse: parseYaml, stringify } = await import('yaml');
const mixed = (text) =>
  `${Object.entries(parseYaml(text))
    .map(([k, v]) => `${k}: ${stringify(v, { collectionStyle: 'flow', lineWidth: 0 }).trimEnd()}`)
    .join('\n')}\n`;
const mixedFile = join(dir, 'mixed.yaml');
writeFileSync(mixedFile, mixed(readFileSync(EXAMPLE, 'utf8')));
const coldMixed = compare(['-e', '0'], [CLI, '--format', 'json', mixedFile], RUNS);

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
// The same thousand in the mixed style.
const mixedFiles = files.map((f) => {
  const m = f.replace(/\.yaml$/, '.mixed.yaml');
  writeFileSync(m, mixed(readFileSync(f, 'utf8')));
  return m;
});
const manyMixed = compare([CLI, mixedFiles[0]], [CLI, ...mixedFiles], Math.max(5, Math.floor(RUNS / 3)));

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

// A cluster's export as kubectl prints it, 100,000 pods of about 10 kB each (labels, owner,
// managed fields, containers with probes and resources, status), written a pod at a time.
const pod = (i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `svc-${i % 400}-7d9c8b6f5-${String(i).padStart(6, '0')}`,
    namespace: `team-${i % 40}`,
    labels: { app: `svc-${i % 400}`, 'app.kubernetes.io/name': `svc-${i % 400}`, 'pod-template-hash': '7d9c8b6f5', version: 'v3' },
    annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-30T10:00:00Z', 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `svc-${i % 400}-7d9c8b6f5`, uid: '3f1c2b7e-0000-4000-8000-000000000000', controller: true, blockOwnerDeletion: true }],
    managedFields: Array.from({ length: 3 }, (_, m) => ({ manager: `manager-${m}`, operation: 'Update', apiVersion: 'v1', time: '2026-11-30T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: Object.fromEntries(Array.from({ length: 9 }, (_, f) => [`f:field${f}`, { '.': {}, 'f:name': {}, 'f:value': {} }])) })),
  },
  spec: {
    containers: [
      { name: 'app', image: `registry.example.com/team-${i % 40}/svc-${i % 400}:3.4.${i % 10}`, ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }], env: Array.from({ length: 12 }, (_, e) => ({ name: `SETTING_${e}`, value: `value-${e}` })), resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } }, readinessProbe: { httpGet: { path: '/ready', port: 8080 }, periodSeconds: 5 }, livenessProbe: { httpGet: { path: '/live', port: 8080 }, periodSeconds: 10 } },
      { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0', resources: { requests: { cpu: '10m', memory: '40Mi' } } },
    ],
    nodeName: `node-${i % 300}`,
    serviceAccountName: `svc-${i % 400}`,
  },
  status: { phase: 'Running', podIP: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, conditions: ['Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ type, status: 'True', lastTransitionTime: '2026-11-30T10:00:05Z' })), containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'app', imageID: 'sha256:0000', state: { running: { startedAt: '2026-11-30T10:00:04Z' } } }] },
});
const listFile = join(dir, 'pods.json');
const fd = openSync(listFile, 'w');
writeSync(fd, '{\n    "apiVersion": "v1",\n    "items": [\n');
for (let i = 0; i < PODS; i++) writeSync(fd, `${i ? ',\n' : ''}${JSON.stringify(pod(i), null, 4).replace(/^/gm, '        ')}`);
writeSync(fd, '\n    ],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
closeSync(fd);
const listMib = statSync(listFile).size / 1024 / 1024;
// The most memory the run held, as the system counts it, written by the process itself as it exits.
const rssFile = join(dir, 'rss');
const preload = join(dir, 'rss.cjs');
writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
const discoverMs = time(['-r', preload, CLI, 'discover', '--kube', listFile, '--format', 'json']);
const discoverRssMib = Number(readFileSync(rssFile, 'utf8')) / 1024;
rmSync(dir, { recursive: true, force: true });

const rows = [
  ['cold start, block style: mesh-assess --format json (one example) vs node -e 0', cold.b, cold.a, TARGETS.coldStart],
  ['cold start, flow style: the same answers as one flow mapping vs node -e 0', coldFlow.b, coldFlow.a, TARGETS.coldStart],
  ['cold start, mixed style: block keys, each section one flow mapping, vs node -e 0', coldMixed.b, coldMixed.a, TARGETS.coldStart],
  ['1,000 questionnaires in one run vs one: mesh-assess FILES', many.b, many.a, TARGETS.thousand],
  ['1,000 questionnaires in the mixed style vs one', manyMixed.b, manyMixed.a, TARGETS.thousand],
  ['a 3,000-rule extension with a locked gate vs the built-in rubric', big.b, big.a, TARGETS.bigRubric],
];
let missed = 0;
for (const [what, ms, base, target] of rows) {
  const ratio = ms / base;
  if (ratio > target) missed++;
  console.log(`${what}: ${ms.toFixed(0)} ms vs ${base.toFixed(0)} ms = ${ratio.toFixed(2)}x (target <= ${target}x) ${ratio <= target ? 'met' : 'MISSED'}`);
}
const rssMet = discoverRssMib <= TARGETS.discoverRssMib;
if (!rssMet) missed++;
console.log(`discover --kube on a List of ${PODS.toLocaleString('en-US')} pods (${listMib.toFixed(0)} MiB): ${(discoverMs / 1000).toFixed(1)} s, ${(listMib / (discoverMs / 1000)).toFixed(0)} MiB/s, at most ${discoverRssMib.toFixed(0)} MiB of memory (target <= ${TARGETS.discoverRssMib} MiB) ${rssMet ? 'met' : 'MISSED'}`);
console.log(`node ${process.version}, median of ${RUNS} alternating runs`);
process.exitCode = missed > 0 ? 1 : 0;

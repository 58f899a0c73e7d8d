import { LineCounter, parseAllDocuments } from 'yaml';
import { discoverCatalog } from '../../core/discover/catalog/catalog.js';
import { fillQuestionnaire, type Fill } from '../../core/discover/fill.js';
import { discoverIncidents, incidentMapOf, incidentMapTemplate, parseIncidentMap } from '../../core/discover/incidents/incidents.js';
import { discoverLanguages } from '../../core/discover/languages/languages.js';
import { JsonItems } from '../../core/discover/kubernetes/json-items.js';
import { ClusterTally, kubernetesAnswers } from '../../core/discover/kubernetes/kubernetes.js';
import type { KubernetesTable } from '../../core/discover/kubernetes/kubernetes-table.js';
import { provenanceText, type EvidenceKind } from '../../core/questionnaire/provenance.js';
import type { Discovered, SourceReport } from '../../core/discover/types.js';
import type { Problem } from '../../core/text/problem.js';
import { fields } from '../../core/questionnaire/fields.js';
import { conforms } from '../../core/questionnaire/shape.js';
import { questionnaireTemplate } from '../../core/questionnaire/template.js';
import { visible } from '../../core/text/safe-text.js';
import { emit, reportProblems } from './assess-command.js';
import { readCatalogFiles } from '../files/discover-catalog-files.js';
import { listRepositories } from '../files/discover-repos.js';
import { EXIT, type Io } from '../io.js';
import { schemaFor } from './init-command.js';
import { rubricFor } from '../config/rubric-set.js';

export interface DiscoverOptions {
  kube: string[];
  excludeNamespace: string[];
  catalog: string[];
  repos: string[];
  incidents?: string;
  causeColumn?: string;
  dateColumn?: string;
  incidentMap?: string;
  initIncidentMap?: string | boolean;
  /** Run kubectl against the current context (the one source that is not a file). */
  kubectl?: boolean;
  output?: string;
  into?: string;
  force?: boolean;
  format?: string;
}

/** The command that prints what a cluster holds, as the README gives it. */
export const KUBECTL_COMMAND = 'kubectl get nodes,namespaces,deployments,statefulsets,daemonsets,pods,services,networkpolicies,ingresses -A -o json';

/** The most rendered manifests read as YAML may take, held whole to parse. */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
const MANIFEST = /\.(ya?ml|json)$/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** One input of objects into a cluster's tally: a kubectl List streamed, or YAML manifests parsed. */
function readObjects(io: Io, name: string, tally: ClusterTally, problems: Problem[]): void {
  const bad = (message: string, suggestion?: string, line?: number, col?: number) => problems.push({ file: name, path: '', message, ...(line ? { line, col } : {}), ...(suggestion ? { suggestion } : {}) });
  if (!io.streamBytes) return void bad('cannot read evidence here');
  let mode: 'json' | 'yaml' | undefined;
  let json: JsonItems | undefined;
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let tooLarge = false;
  const read = io.streamBytes(name, (chunk) => {
    if (!mode) {
      const first = chunk.find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0xef && b !== 0xbb && b !== 0xbf);
      if (first === undefined) return true;
      mode = first === 0x7b || first === 0x5b ? 'json' : 'yaml';
      if (mode === 'json') json = new JsonItems(name, (item) => tally.add(item));
    }
    if (json) json.push(chunk);
    else {
      heldBytes += chunk.length;
      if (heldBytes > MAX_MANIFEST_BYTES) {
        tooLarge = true;
        return false;
      }
      // A copy: the buffer is read into again (and a Node Buffer's slice copies nothing).
      held.push(new Uint8Array(chunk));
    }
    return true;
  });
  if ('error' in read) return void bad(read.error, read.suggestion);
  if (tooLarge) return void bad(`YAML manifests larger than ${MAX_MANIFEST_BYTES / 1024 / 1024} MiB`, `export the cluster as JSON instead, which is read as it streams: ${KUBECTL_COMMAND}`);
  if (json) {
    const end = json.end();
    problems.push(...end.problems);
    if (end.problems.length > 0) return;
    if (end.outside && typeof end.outside.kind === 'string') {
      if (end.outside.kind === 'List') tally.markLive();
      else if (!('items' in end.outside)) tally.add(end.outside);
    } else if (end.items === 0 && end.outside === null) bad('expected Kubernetes objects: a kubectl List, a JSON object with a kind, or YAML manifests', `export them with: ${KUBECTL_COMMAND}`);
    return;
  }
  if (!mode) return void bad('the file is empty', `export the cluster with: ${KUBECTL_COMMAND}`);
  let text: string;
  try {
    text = utf8.decode(Buffer.concat(held));
  } catch {
    return void bad('bytes that are not UTF-8 text', 'save the file as UTF-8');
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, logLevel: 'error' });
  let objects = 0;
  // A text of comments alone parses as no documents: no object, said below.
  for (const doc of Array.isArray(docs) ? docs : []) {
    const error = doc.errors[0];
    if (error) {
      const pos = lines.linePos(error.pos[0]);
      return void bad(`invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, undefined, pos.line, pos.col);
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const items = typeof value === 'object' && !Array.isArray(value) && (value as { kind?: unknown }).kind === 'List' ? (value as { items?: unknown }).items : undefined;
    for (const o of Array.isArray(items) ? items : [value]) {
      tally.add(o);
      objects++;
    }
    if (items !== undefined) tally.markLive();
  }
  if (objects === 0) bad('no Kubernetes object in this file', `export the cluster with: ${KUBECTL_COMMAND}`);
}

/** A cluster: one export, one manifests file, or a folder of manifests. */
function readCluster(io: Io, name: string, tally: ClusterTally, problems: Problem[]): void {
  const listed = name !== '-' && io.listFiles ? io.listFiles(name, (n) => MANIFEST.test(n)) : undefined;
  if (listed && 'files' in listed) {
    if (listed.files.length === 0) problems.push({ file: name, path: '', message: 'the folder holds no .yaml, .yml or .json file', suggestion: 'name the folder of rendered manifests, or a kubectl export' });
    for (const f of listed.files) readObjects(io, `${name.replace(/\/+$/, '')}/${f}`, tally, problems);
    return;
  }
  readObjects(io, name, tally, problems);
}

interface Found extends Discovered {
  kind: EvidenceKind;
}

/** The answers of every source, the first source that answers a field giving it; the others' differing answers become notes. */
function merge(reports: readonly { kind: EvidenceKind; report: SourceReport }[]): { answers: Found[]; notes: string[] } {
  const answers = new Map<string, Found>();
  const notes: string[] = [];
  for (const { kind, report } of reports) {
    notes.push(...report.notes);
    for (const a of report.answers) {
      const field = fields().get(a.path);
      if (!field?.slot || !conforms(field.slot, a.value)) {
        notes.push(`${a.path}: the evidence gave ${visible(JSON.stringify(a.value))}, which is no valid answer; left out.`);
        continue;
      }
      const had = answers.get(a.path);
      if (!had) answers.set(a.path, { ...a, kind });
      else if (JSON.stringify(had.value) !== JSON.stringify(a.value)) notes.push(`${a.path}: ${visible(JSON.stringify(a.value))} from ${a.evidence.map((e) => visible(e.source)).join(', ')} differs from ${visible(JSON.stringify(had.value))}, which was kept.`);
    }
  }
  const order = [...fields().keys()];
  return { answers: [...answers.values()].sort((a, b) => order.indexOf(a.path) - order.indexOf(b.path)), notes };
}

function missingTable(io: Io, file: string): number {
  reportProblems(io, [{ file: 'rubrics', path: '', message: `the rubric set has no ${file}, which discover reads this evidence with`, suggestion: 'copy it from the built-in rubrics/ into your set' }]);
  return EXIT.badInput;
}

const readFailure = (file: string, r: { error: string; line?: number; col?: number; suggestion?: string }): Problem => ({ file, path: '', message: r.error, ...(r.line ? { line: r.line, col: r.col } : {}), ...(r.suggestion ? { suggestion: r.suggestion } : {}) });

const notesOf = (a: Found) => a.evidence.map((e) => provenanceText(a.kind, e));

/**
 * Reads evidence the organisation already has and writes a questionnaire from it, fills the
 * unanswered fields of one (--into), or prints what it found as JSON. Bad evidence is reported,
 * and nothing is written.
 */
export function discover(io: Io, opts: DiscoverOptions): number | Promise<number> {
  const format = opts.format ?? 'questionnaire';
  if (format !== 'questionnaire' && format !== 'json') {
    reportProblems(io, [{ file: 'discover', path: '', message: `unknown format "${format}": expected questionnaire or json` }]);
    return EXIT.badInput;
  }
  const rubric = rubricFor(io, { extend: [] });
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return EXIT.badInput;
  }
  const knowledge = rubric.value.knowledge;
  if (opts.initIncidentMap !== undefined) {
    const file = typeof opts.initIncidentMap === 'string' ? opts.initIncidentMap : 'incident-map.yaml';
    if (!knowledge.discoverIncidents) return missingTable(io, 'discover-incidents.yaml');
    if (file !== '-' && !opts.force && 'text' in io.readText(file)) {
      reportProblems(io, [{ file, path: '', message: 'the file exists; discover never replaces a file', suggestion: 'pass --force to replace it, or name another file' }]);
      return EXIT.badInput;
    }
    if (!emit(io, incidentMapTemplate(knowledge.discoverIncidents), file === '-' ? undefined : file, opts.force === true)) return EXIT.badInput;
    if (file !== '-') io.stderr(`wrote ${visible(file)}: map your own incident categories to the nine causes, then give it with --incident-map ${visible(file)}\n`);
    return EXIT.ok;
  }
  if (opts.kube.length === 0 && !opts.kubectl && opts.catalog.length === 0 && opts.repos.length === 0 && opts.incidents === undefined) {
    reportProblems(io, [{ file: 'discover', path: '', message: 'name the evidence to read: --kube FILE (a cluster export or manifests), --catalog PATH (a Backstage catalog), --repos DIR (service repositories) or --incidents FILE.csv', suggestion: `export a cluster with: ${KUBECTL_COMMAND} > prod.json` }]);
    return EXIT.badInput;
  }
  if (opts.into !== undefined && opts.output !== undefined) {
    reportProblems(io, [{ file: 'discover', path: '', message: '--into fills a questionnaire in place; --output writes a new one: give one of them' }]);
    return EXIT.badInput;
  }
  if (opts.incidents !== undefined && (opts.causeColumn === undefined || opts.dateColumn === undefined)) {
    const layouts = knowledge.discoverIncidents?.exports.map((e) => `${e.tool}: --cause-column "${e.cause_column}" --date-column "${e.date_column}"`).join('; ');
    reportProblems(io, [{ file: opts.incidents, path: '', message: '--incidents needs --cause-column and --date-column: the headers of the columns that hold each incident\'s category and its date', ...(layouts ? { suggestion: `for example ${layouts}` } : {}) }]);
    return EXIT.badInput;
  }
  const problems: Problem[] = [];
  const reports: { kind: EvidenceKind; report: SourceReport }[] = [];
  let tallies: ClusterTally[] = [];

  if (opts.kube.length > 0) {
    const table = knowledge.discoverKubernetes;
    if (!table) return missingTable(io, 'discover-kubernetes.yaml');
    tallies = opts.kube.map((name) => {
      const tally = new ClusterTally(name === '-' ? '<stdin>' : name, table, opts.excludeNamespace);
      readCluster(io, name, tally, problems);
      return tally;
    });
    reports.push({ kind: 'kube', report: kubernetesAnswers(tallies, table) });
  }
  if (opts.catalog.length > 0) {
    const table = knowledge.discoverCatalog;
    if (!table) return missingTable(io, 'discover-catalog.yaml');
    const read = readCatalogFiles(opts.catalog, io.readText);
    problems.push(...read.problems);
    if (read.problems.length === 0) {
      const r = discoverCatalog(read.files, table);
      problems.push(...r.problems);
      reports.push({ kind: 'catalog', report: r.report });
    }
  }
  for (const dir of opts.repos) {
    const table = knowledge.discoverLanguages;
    if (!table) return missingTable(io, 'discover-languages.yaml');
    const listed = listRepositories(dir);
    problems.push(...listed.problems);
    if (listed.problems.length === 0) reports.push({ kind: 'repos', report: discoverLanguages(listed.repos, table, dir) });
  }
  if (opts.incidents !== undefined) {
    const table = knowledge.discoverIncidents;
    if (!table) return missingTable(io, 'discover-incidents.yaml');
    let map = incidentMapOf(table);
    if (opts.incidentMap !== undefined) {
      const text = io.readText(opts.incidentMap);
      if ('error' in text) problems.push(readFailure(opts.incidentMap, text));
      else {
        const parsed = parseIncidentMap({ name: opts.incidentMap, text: text.text }, table);
        problems.push(...parsed.problems);
        map = parsed.map;
      }
    }
    const csv = opts.incidents === '-' ? io.readStdin?.() : io.readText(opts.incidents);
    const name = opts.incidents === '-' ? '<stdin>' : opts.incidents;
    if (!csv || 'error' in csv) problems.push(readFailure(name, csv ?? { error: 'cannot read standard input here' }));
    else if (problems.length === 0) {
      const r = discoverIncidents({ name, text: csv.text }, { causeColumn: opts.causeColumn!, dateColumn: opts.dateColumn! }, map, opts.incidentMap);
      problems.push(...r.problems);
      reports.push({ kind: 'incidents', report: r.report });
    }
  }
  if (opts.kubectl) {
    const table = knowledge.discoverKubernetes;
    if (!table) return missingTable(io, 'discover-kubernetes.yaml');
    if (problems.length > 0) return finish(io, opts, reports, problems);
    return fromKubectl(io, table, opts.excludeNamespace).then((r) => {
      if ('problem' in r) return finish(io, opts, reports, [r.problem]);
      // The current context is a cluster like any other, read before the exports named.
      return finish(io, opts, [{ kind: 'kube', report: kubernetesAnswers([r.tally, ...tallies], table) }, ...reports.filter((x) => x.kind !== 'kube')], problems);
    });
  }
  return finish(io, opts, reports, problems);
}

/** How long kubectl may take to print a cluster, and to name its context. */
const KUBECTL_TIMEOUT_MS = 300_000;
const CONTEXT_TIMEOUT_MS = 15_000;

/** Runs the README's kubectl command against the current context, reading the List as it streams. */
async function fromKubectl(io: Io, table: KubernetesTable, exclude: readonly string[]): Promise<{ tally: ClusterTally } | { problem: Problem }> {
  const bad = (message: string, suggestion?: string): { problem: Problem } => ({ problem: { file: 'kubectl', path: '', message, ...(suggestion ? { suggestion } : {}) } });
  if (!io.runStreaming) return bad('cannot run kubectl here');
  const context: Uint8Array[] = [];
  const named = await io.runStreaming('kubectl', ['config', 'current-context'], (b) => context.push(new Uint8Array(b)), CONTEXT_TIMEOUT_MS);
  if ('error' in named) return bad(named.error, 'check that kubectl works here, or export the cluster yourself and give the file with --kube');
  const name = Buffer.concat(context).toString('utf8').trim();
  const tally = new ClusterTally(`kubectl context ${name}`, table, exclude);
  const reader = new JsonItems(tally.source, (item) => tally.add(item));
  const args = KUBECTL_COMMAND.split(' ').slice(1);
  io.stderr(`reading the cluster of kubectl context ${visible(name)}: kubectl ${args.join(' ')}\n`);
  const got = await io.runStreaming('kubectl', [...args, '--context', name], (b) => reader.push(b), KUBECTL_TIMEOUT_MS);
  if ('error' in got) return bad(got.error, 'check that kubectl can read the cluster, or export it yourself and give the file with --kube');
  const { problems } = reader.end();
  if (problems.length > 0) return { problem: problems[0]! };
  tally.markLive();
  return { tally };
}

/** Writes what the sources found, or reports their problems and writes nothing. */
function finish(io: Io, opts: DiscoverOptions, reports: readonly { kind: EvidenceKind; report: SourceReport }[], problems: readonly Problem[]): number {
  if (problems.length > 0) {
    reportProblems(io, problems);
    return EXIT.badInput;
  }
  const format = opts.format ?? 'questionnaire';
  const { answers, notes } = merge(reports);

  if (opts.into !== undefined) {
    const read = io.readText(opts.into);
    if ('error' in read) {
      reportProblems(io, [{ file: opts.into, path: '', message: read.error, ...(read.line ? { line: read.line, col: read.col } : {}), ...(read.suggestion ? { suggestion: read.suggestion } : {}) }]);
      return EXIT.badInput;
    }
    const fills: Fill[] = answers.map((a) => ({ path: a.path, value: a.value, notes: notesOf(a) }));
    const r = fillQuestionnaire(opts.into, read.text, fills);
    if (r.problems.length > 0) {
      reportProblems(io, r.problems);
      return EXIT.badInput;
    }
    if (format === 'json') io.stdout(`${JSON.stringify({ answers: answers.map(shown), filled: r.filled, disagreements: r.disagreements, notes }, null, 2)}\n`);
    if (r.filled.length > 0) {
      const written = io.writeText(opts.into, r.text, { overwrite: true, update: true });
      if ('error' in written) {
        reportProblems(io, [{ file: opts.into, path: '', message: written.error, suggestion: 'check that the file can be written, or write a new one with --output' }]);
        return EXIT.badInput;
      }
    }
    for (const d of r.disagreements) io.stderr(`${visible(opts.into)}:${d.line}:${d.col} ${d.path}: the answer is ${visible(JSON.stringify(d.answered))}, the evidence says ${visible(JSON.stringify(d.discovered))} (${d.notes.join('; ')}); the answer was kept\n`);
    for (const s of r.skipped) io.stderr(`${visible(opts.into)}: ${s.path} not filled: ${s.why}\n`);
    for (const n of notes) io.stderr(`note: ${n}\n`);
    io.stderr(`${r.filled.length > 0 ? `filled ${r.filled.length} of ${answers.length} discovered answers in ${visible(opts.into)}` : `${visible(opts.into)} already answers everything discovered; nothing written`}${r.disagreements.length > 0 ? `; ${r.disagreements.length} disagree with the evidence` : ''}\n`);
    return EXIT.ok;
  }

  if (format === 'json') {
    return emit(io, `${JSON.stringify({ answers: answers.map(shown), notes }, null, 2)}\n`, opts.output, true) ? EXIT.ok : EXIT.badInput;
  }
  const text = questionnaireTemplate(
    new Map(answers.map((a) => [a.path, a.value])),
    schemaFor(io, opts.output ?? '-', {}),
    new Map(answers.map((a) => [a.path, notesOf(a)])),
  );
  if (opts.output !== undefined && opts.output !== '-' && !opts.force && 'text' in io.readText(opts.output)) {
    reportProblems(io, [{ file: opts.output, path: '', message: 'the file exists; discover never replaces a file', suggestion: 'pass --force to replace it, or --into to fill its unanswered fields' }]);
    return EXIT.badInput;
  }
  if (!emit(io, text, opts.output, opts.force === true)) return EXIT.badInput;
  for (const n of notes) io.stderr(`note: ${n}\n`);
  const where = opts.output && opts.output !== '-' ? `wrote ${visible(opts.output)}` : 'printed the questionnaire';
  const found = new Set(answers.map((a) => a.path));
  const blank = [...fields().values()].filter((f) => f.required && f.kind !== 'section' && f.path !== 'version' && !found.has(f.path)).map((f) => f.path);
  io.stderr(`${where}: ${answers.length} answers from evidence, each with where it came from; ${blank.length > 0 ? `answer ${blank.join(', ')}, which no evidence gave, ` : ''}then check it with: mesh-assess validate ${opts.output && opts.output !== '-' ? visible(opts.output) : 'FILE'}\n`);
  return EXIT.ok;
}

/** An answer as JSON prints it: the field, the value, and the evidence, with the source kind. */
const shown = (a: Found) => ({ path: a.path, value: a.value, source: a.kind, evidence: a.evidence });

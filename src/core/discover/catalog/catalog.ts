import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { MAX_DEPTH, MAX_FILE_BYTES, tooDeep } from '../../yaml/limits.js';
import type { Problem } from '../../text/problem.js';
import { visible } from '../../text/safe-text.js';
import { keyIssues, locate, type Source } from '../../yaml/yaml-source.js';
import { longestChain } from './call-graph.js';
import { inGroup, type CatalogTable } from './catalog-table.js';
import type { Discovered, Evidence, InputFile, SourceReport } from '../types.js';

/**
 * `discover --catalog`: what a Backstage software catalog says about the services, read from its
 * descriptor files (https://backstage.io/docs/features/software-catalog/descriptor-format).
 *
 * - services.count: the Components whose spec.type the table counts as a service, each distinct
 *   entity (kind, namespace, name) once;
 * - services.languages: the languages the tags of those Components name, through the table;
 * - services.protocols: the protocols of the APIs those Components provide or consume;
 * - services.call_depth: the longest chain of calls between them, where A calls B when A
 *   dependsOn B, or consumes an API that B provides and that is called rather than messaged.
 *
 * It reads the entities as written: Location entities are listed, never followed, and nothing is
 * fetched (a `$text` substitution stays a placeholder). Pure: the edge reads the files.
 */

/** A catalog file as the edge read it; `source` is the folder or file the user named, when it differs. */
export interface CatalogInput extends InputFile {
  source?: string;
}

/** The kinds this source reads, by their lower-case key, as Backstage spells them. */
const KIND_NAMES: Record<string, string> = { component: 'Component', api: 'API', location: 'Location' };

/** How many names a note lists before it says how many more there are. */
const LISTED = 10;

interface Entity {
  file: string;
  source: string;
  at: Source;
  /** Where in the file the document starts, for a note pointing at it. */
  line: number;
  kind: string;
  /** Lower-case kind, the key references use. */
  kindKey: string;
  namespace: string;
  name: string;
  /** kind:namespace/name in lower case: the entity's identity, as Backstage compares it. */
  ref: string;
  spec: Record<string, unknown>;
  tags: string[];
}

/** An entity reference, parsed: its identity in lower case and how to show it. */
interface Ref {
  kindKey: string;
  key: string;
  shown: string;
}

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = <T extends string>(xs: Iterable<T>): T[] => [...xs].sort(byText);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** Names from input, made visible, the first few of them and how many more. */
const listed = (names: readonly string[]): string => {
  const shown = names.slice(0, LISTED).map(visible).join(', ');
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
};
/** "a (2), b (1)": the most frequent first, then by name. */
const tally = (counts: ReadonlyMap<string, number>, noun?: [string, string]): string =>
  [...counts]
    .sort((a, b) => b[1] - a[1] || byText(a[0], b[0]))
    .map(([k, n], i) => `${visible(k)} (${noun && i === 0 ? plural(n, noun[0], noun[1]) : n})`)
    .join(', ');
const bump = (m: Map<string, number>, k: string, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

/** The namespace/name of an entity as a reader knows it: the name alone in the default namespace. */
const shownName = (namespace: string, name: string) => (namespace.toLowerCase() === 'default' ? name : `${namespace}/${name}`);

/**
 * Parses an entity reference, [kind:][namespace/]name, as Backstage's parseEntityRef does: a "/"
 * before the first ":" makes the colon part of the name, every part present must be non-empty, and
 * a reference without a kind takes the field's default kind, or is an error where the field has
 * none (dependsOn). https://backstage.io/docs/features/software-catalog/references
 */
export function parseEntityRef(raw: string, defaultKind: string | undefined, defaultNamespace: string): Ref | { error: string; suggestion?: string } {
  let colon = raw.indexOf(':');
  const slash = raw.indexOf('/');
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : raw.slice(0, colon);
  const namespace = slash === -1 ? undefined : raw.slice(colon + 1, slash);
  const name = raw.slice(Math.max(colon + 1, slash + 1));
  if (kind === '' || namespace === '' || name === '') {
    return { error: `"${raw}" is not an entity reference`, suggestion: 'write it as [kind:][namespace/]name, such as component:default/payments' };
  }
  const k = kind ?? defaultKind;
  if (k === undefined) {
    return { error: `the reference "${raw}" names no kind, and this field has no default kind`, suggestion: `write component:${raw} or resource:${raw}` };
  }
  const ns = namespace ?? defaultNamespace;
  const kindKey = k.toLowerCase();
  return { kindKey, key: `${kindKey}:${ns.toLowerCase()}/${name.toLowerCase()}`, shown: shownName(ns, name) };
}

/** A path with "." and ".." resolved and forward slashes, so that two spellings of a file compare equal. */
function normal(path: string): string {
  const parts: string[] = [];
  for (const p of path.replace(/\\/g, '/').split('/')) {
    if (p === '.' || (p === '' && parts.length > 0)) continue;
    if (p === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(p);
  }
  return parts.join('/') || '.';
}
/** Where a Location's target stands: relative to the folder of the file that names it, unless absolute. */
function targetOf(file: string, target: string): string {
  if (target.startsWith('/')) return normal(target);
  const f = normal(file);
  const i = f.lastIndexOf('/');
  return normal(`${i < 0 ? '.' : f.slice(0, i) || '/'}/${target}`);
}

// ---------------------------------------------------------------------------------------------
// Reading the files

interface Read {
  entities: Entity[];
  problems: Problem[];
  /** Documents of a Backstage apiVersion the table does not read, by apiVersion. */
  unread: Map<string, number>;
  /** Documents that are no Backstage entity, by apiVersion. */
  foreign: Map<string, number>;
}

function readFile(file: CatalogInput, table: CatalogTable, out: Read): void {
  const source = file.source ?? file.name;
  const problem = (line: number, col: number, path: string, message: string, suggestion?: string): Problem => ({ file: file.name, line, col, path, message, ...(suggestion ? { suggestion } : {}) });
  if (file.text.length > MAX_FILE_BYTES) {
    out.problems.push(problem(1, 1, '', `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, 'a catalog file describes a few entities; split a larger one'));
    return;
  }
  const deep = tooDeep(file.text);
  if (deep) {
    out.problems.push(problem(deep.line, deep.col, '', `nested more than ${MAX_DEPTH} levels deep`, 'check the brackets and the indentation'));
    return;
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(file.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, logLevel: 'error' }) as unknown as Document[];
  const at = (offset: number) => lines.linePos(offset);
  const before = out.problems.length;
  let backstage = 0;
  for (const doc of docs) {
    const yamlProblems = [
      ...doc.errors.map((e) => ({ offset: e.pos[0], message: e.message })),
      ...doc.warnings.filter((w) => w.code === 'TAG_RESOLVE_FAILED').map((w) => ({ offset: w.pos[0], message: w.message })),
      ...duplicateKeys(doc),
    ];
    if (yamlProblems.length > 0) {
      for (const y of yamlProblems) {
        const pos = at(y.offset);
        out.problems.push(problem(pos.line, pos.col, '', `invalid YAML: ${firstLine(y.message)}`));
      }
      continue;
    }
    let raw: unknown;
    try {
      raw = doc.toJS({ maxAliasCount: 101 });
    } catch {
      const pos = at(doc.contents?.range?.[0] ?? 0);
      out.problems.push(problem(pos.line, pos.col, '', 'invalid YAML: too many aliases'));
      continue;
    }
    if (!isRecord(raw)) continue;
    const src: Source = { file: file.name, doc, lines };
    const where = (path: (string | number)[]) => locate(src, path) ?? { line: 1, col: 1 };
    const report = (path: (string | number)[], message: string, suggestion?: string) => {
      const pos = where(path);
      out.problems.push(problem(pos.line, pos.col, path.join('.'), message, suggestion));
    };
    const apiVersion = raw['apiVersion'];
    if (typeof apiVersion !== 'string') {
      // A document shaped like an entity but without its apiVersion would otherwise pass unread.
      if ('kind' in raw || 'metadata' in raw) report([], 'an entity needs an apiVersion', `start it with apiVersion: ${table.entities.read[0]}`);
      continue;
    }
    if (!inGroup(apiVersion, table.entities.api_group)) {
      bump(out.foreign, apiVersion);
      continue;
    }
    backstage++;
    const kind = raw['kind'];
    const metadata = raw['metadata'];
    const name = isRecord(metadata) ? metadata['name'] : undefined;
    const namespace = isRecord(metadata) ? (metadata['namespace'] ?? 'default') : 'default';
    let ok = true;
    if (typeof kind !== 'string' || kind === '') {
      report(['kind'], 'an entity needs a kind', 'such as kind: Component or kind: API');
      ok = false;
    }
    if (typeof name !== 'string' || name === '') {
      report(isRecord(metadata) ? ['metadata', 'name'] : ['metadata'], 'an entity needs a name, under metadata.name');
      ok = false;
    }
    if (typeof namespace !== 'string' || namespace === '') {
      report(['metadata', 'namespace'], 'metadata.namespace is the name of a namespace, such as default');
      ok = false;
    }
    if (!ok) continue;
    if (!table.entities.read.includes(apiVersion)) {
      bump(out.unread, apiVersion);
      continue;
    }
    const kindKey = (kind as string).toLowerCase();
    const spec = isRecord(raw['spec']) ? raw['spec'] : {};
    const tagsRaw = isRecord(metadata) ? metadata['tags'] : undefined;
    const tags: string[] = [];
    if (tagsRaw !== undefined && tagsRaw !== null) {
      if (!Array.isArray(tagsRaw)) report(['metadata', 'tags'], 'metadata.tags is a list of tags', 'write tags: [java, payments]');
      else {
        tagsRaw.forEach((t, i) => {
          if (typeof t === 'string') tags.push(t.toLowerCase());
          else report(['metadata', 'tags', i], 'a tag is a single word, such as java');
        });
      }
    }
    const ns = namespace as string;
    const entity: Entity = {
      file: file.name,
      source,
      at: src,
      line: where([]).line,
      kind: KIND_NAMES[kindKey] ?? (kind as string),
      kindKey,
      namespace: ns,
      name: name as string,
      ref: `${kindKey}:${ns.toLowerCase()}/${(name as string).toLowerCase()}`,
      spec,
      tags,
    };
    // The fields this source reads must say what they mean, as Backstage requires of them.
    if ((kindKey === 'component' || kindKey === 'api') && (typeof spec['type'] !== 'string' || spec['type'] === '')) {
      report(isRecord(raw['spec']) ? ['spec', 'type'] : ['spec'], `a${kindKey === 'api' ? 'n API' : ' Component'} needs spec.type`, kindKey === 'api' ? 'such as type: openapi' : 'such as type: service');
    }
    out.entities.push(entity);
  }
  if (backstage === 0 && out.problems.length === before) {
    out.problems.push(problem(1, 1, '', 'no Backstage entity in this file', `a catalog file holds entities that start with apiVersion: ${table.entities.read[0]}; leave other YAML out of --catalog`));
  }
}

const firstLine = (s: string) => s.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? s;

/** Keys written twice in a mapping, or written as an alias. */
const duplicateKeys = (doc: Document): { offset: number; message: string }[] =>
  keyIssues(doc).map((k) => ({ offset: k.offset, message: k.alias !== undefined ? 'a key written as an alias' : 'Map keys must be unique' }));

// ---------------------------------------------------------------------------------------------
// The source

/** Reads the catalog files and answers what they say of the services; problems located in the files. */
export function discoverCatalog(files: readonly CatalogInput[], table: CatalogTable): { report: SourceReport; problems: Problem[] } {
  const ordered = [...files].sort((a, b) => byText(a.source ?? a.name, b.source ?? b.name) || byText(a.name, b.name));
  const read: Read = { entities: [], problems: [], unread: new Map(), foreign: new Map() };
  for (const f of ordered) readFile(f, table, read);
  const problems = read.problems;
  const notes: string[] = [];
  const where = (e: Entity, path: (string | number)[]) => locate(e.at, path) ?? { line: e.line, col: 1 };
  const report = (e: Entity, path: (string | number)[], message: string, suggestion?: string) => {
    problems.push({ file: e.file, ...where(e, path), path: path.join('.'), message, ...(suggestion ? { suggestion } : {}) });
  };

  // Each entity once: a second with the same kind, namespace and name is a problem where it stands.
  const byRef = new Map<string, Entity>();
  for (const e of read.entities) {
    const first = byRef.get(e.ref);
    if (first) {
      report(e, ['metadata', 'name'], `a second ${e.kind} named ${shownName(e.namespace, e.name)}; the first is at ${first.file}:${first.line}`, 'give each entity its own name, or its own namespace');
      continue;
    }
    byRef.set(e.ref, e);
  }
  const entities = [...byRef.values()];
  const ofKind = (k: string) => entities.filter((e) => e.kindKey === k).sort((a, b) => byText(a.ref, b.ref));
  const components = ofKind('component');
  const apis = new Map(ofKind('api').map((e) => [e.ref, e]));
  const serviceTypes = new Set(table.service_types.map((s) => s.type.toLowerCase()));
  const typeOf = (e: Entity) => (typeof e.spec['type'] === 'string' ? e.spec['type'] : '');
  const services = components.filter((c) => serviceTypes.has(typeOf(c).toLowerCase()));
  const serviceRefs = new Set(services.map((s) => s.ref));
  const shown = (ref: string) => {
    const e = byRef.get(ref);
    return e ? shownName(e.namespace, e.name) : ref;
  };

  /** A list of references under spec, parsed; problems for what is not one. */
  const refsAt = (e: Entity, field: string, defaultKind: string | undefined): Ref[] => {
    const v = e.spec[field];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      report(e, ['spec', field], `spec.${field} is a list of entity references`, `write ${field}: [name, ...]`);
      return [];
    }
    const out: Ref[] = [];
    v.forEach((item, i) => {
      if (typeof item !== 'string' || item === '') {
        report(e, ['spec', field, i], 'an entity reference is text of the form [kind:][namespace/]name');
        return;
      }
      const r = parseEntityRef(item, defaultKind, e.namespace);
      if ('error' in r) report(e, ['spec', field, i], r.error, r.suggestion);
      else out.push(r);
    });
    return out;
  };
  // Backstage's defaults: an API for providesApis and consumesApis, none for dependsOn.
  const relations = new Map(
    components.map((c) => [c.ref, { provides: refsAt(c, 'providesApis', 'API'), consumes: refsAt(c, 'consumesApis', 'API'), dependsOn: refsAt(c, 'dependsOn', undefined) }]),
  );

  // Evidence: one per input the user named that bears on the answer, with what it holds.
  const countsOf = (source: string) => {
    const counts: Record<string, number> = {};
    for (const e of entities.filter((x) => x.source === source).sort((a, b) => byText(a.kind, b.kind))) counts[e.kind] = (counts[e.kind] ?? 0) + 1;
    return counts;
  };
  const evidence = (summaries: ReadonlyMap<string, string>): Evidence[] => sorted(summaries.keys()).map((s) => ({ source: s, summary: summaries.get(s)!, counts: countsOf(s) }));
  const perSource = <T extends { source: string }>(items: readonly T[]) => {
    const m = new Map<string, T[]>();
    for (const i of items) {
      const list = m.get(i.source);
      if (list) list.push(i);
      else m.set(i.source, [i]);
    }
    return m;
  };
  const answers: Discovered[] = [];

  // services.count
  const otherTypes = new Map<string, number>();
  for (const c of components) if (!serviceRefs.has(c.ref)) bump(otherTypes, typeOf(c) || '(no type)');
  const typesNamed = sorted(serviceTypes).join(', ');
  if (services.length > 0) {
    const summaries = new Map<string, string>();
    for (const [s, list] of perSource(services)) {
      const apiCount = entities.filter((e) => e.source === s && e.kindKey === 'api').length;
      summaries.set(s, `${plural(list.length, 'Component')} of type ${typesNamed}, ${plural(apiCount, 'API')}`);
    }
    answers.push({ path: 'services.count', value: services.length, evidence: evidence(summaries) });
    if (otherTypes.size > 0) notes.push(`Components not counted as services, by type: ${tally(otherTypes)}.`);
  } else {
    notes.push(
      components.length === 0
        ? 'The catalog holds no Component, so services.count is left out.'
        : `No Component has a type counted as a service (${typesNamed}); services.count is left out. The types found: ${tally(otherTypes)}.`,
    );
  }

  // services.languages
  const languageOf = new Map<string, string>();
  for (const l of table.languages) for (const t of l.tags) languageOf.set(t.toLowerCase(), l.language);
  const tagged = new Map<string, string[]>();
  const unknownTags = new Map<string, number>();
  for (const s of services) {
    const langs = new Set<string>();
    for (const t of new Set(s.tags)) {
      const l = languageOf.get(t);
      if (l) langs.add(l);
      else bump(unknownTags, t);
    }
    if (langs.size > 0) tagged.set(s.ref, sorted(langs));
  }
  if (tagged.size > 0) {
    const summaries = new Map<string, string>();
    for (const [s, list] of perSource(services)) {
      const counts = new Map<string, number>();
      const withTag = list.filter((x) => tagged.has(x.ref));
      for (const x of withTag) for (const l of tagged.get(x.ref)!) bump(counts, l);
      if (withTag.length > 0) summaries.set(s, `${tally(counts)}, from ${withTag.length} of ${plural(list.length, 'service component')}`);
    }
    answers.push({ path: 'services.languages', value: sorted(new Set([...tagged.values()].flat())), evidence: evidence(summaries) });
  } else if (services.length > 0) {
    notes.push('No service component carries a tag that names a language, so services.languages is left out.');
  }
  const untagged = services.filter((s) => !tagged.has(s.ref));
  if (tagged.size > 0 && untagged.length > 0) {
    notes.push(`${untagged.length} of ${plural(services.length, 'service component')} carry no tag that names a language (${listed(untagged.map((s) => shownName(s.namespace, s.name)))}); services.languages comes from the other ${tagged.size}.`);
  }
  if (unknownTags.size > 0) notes.push(`Tags on service components that no table entry names: ${tally(unknownTags, ['component', 'components'])}.`);

  // services.protocols: the APIs service components provide or consume.
  const apiTypes = new Map(table.api_types.map((a) => [a.type.toLowerCase(), a]));
  const used = new Map<string, Ref>();
  const providers = new Map<string, string[]>();
  for (const s of services) {
    const r = relations.get(s.ref)!;
    for (const p of r.provides) {
      const list = providers.get(p.key);
      if (list) list.push(s.ref);
      else providers.set(p.key, [s.ref]);
      if (p.kindKey === 'api') used.set(p.key, p);
    }
    for (const c of r.consumes) if (c.kindKey === 'api') used.set(c.key, c);
  }
  const missing: string[] = [];
  const untyped = new Map<string, number>();
  const protocolApis = new Map<string, Entity[]>();
  for (const key of sorted(used.keys())) {
    const api = apis.get(key);
    if (!api) {
      missing.push(used.get(key)!.shown);
      continue;
    }
    const t = apiTypes.get(typeOf(api).toLowerCase());
    if (!t) {
      bump(untyped, typeOf(api) || '(no type)');
      continue;
    }
    const list = protocolApis.get(t.protocol);
    if (list) list.push(api);
    else protocolApis.set(t.protocol, [api]);
  }
  if (protocolApis.size > 0) {
    const counted = [...protocolApis.values()].flat();
    const summaries = new Map<string, string>();
    for (const [s, list] of perSource(counted)) {
      const byType = new Map<string, number>();
      for (const a of list) bump(byType, typeOf(a));
      summaries.set(s, `${plural(list.length, 'API')} that service components provide or consume: ${tally(byType)}`);
    }
    answers.push({ path: 'services.protocols', value: sorted(protocolApis.keys()), evidence: evidence(summaries) });
  } else if (services.length > 0) {
    notes.push('No API that a service component provides or consumes has a type the table names, so services.protocols is left out.');
  }
  const unused = [...apis.values()].filter((a) => !used.has(a.ref));
  if (unused.length > 0) notes.push(`APIs left out of services.protocols, as no service component provides or consumes them: ${listed(unused.map((a) => shownName(a.namespace, a.name)))}.`);
  if (missing.length > 0) notes.push(`APIs that service components provide or consume but that are not among the inputs: ${listed(missing)}.`);
  if (untyped.size > 0) notes.push(`APIs of types the table does not name, left out of services.protocols and of the call depth: ${tally(untyped, ['API', 'APIs'])}.`);

  // services.call_depth: who calls whom among the service components.
  // Each caller and callee once, however many dependsOn entries and APIs join them.
  const callees = new Map<string, Set<string>>();
  const add = (from: string, to: string) => {
    const set = callees.get(from);
    if (set) set.add(to);
    else callees.set(from, new Set([to]));
  };
  const messaged = new Set<string>();
  for (const s of services) {
    const r = relations.get(s.ref)!;
    for (const d of r.dependsOn) {
      if (d.kindKey === 'component' && serviceRefs.has(d.key)) add(s.ref, d.key);
    }
    for (const c of r.consumes) {
      const api = apis.get(c.key);
      const t = api ? apiTypes.get(typeOf(api).toLowerCase()) : undefined;
      if (!t) continue;
      if (!t.synchronous) {
        if ((providers.get(c.key) ?? []).length > 0) messaged.add(`${shownName(api!.namespace, api!.name)} (${typeOf(api!)})`);
        continue;
      }
      for (const p of providers.get(c.key) ?? []) add(s.ref, p);
    }
  }
  const edges = new Map([...callees].map(([from, to]) => [from, sorted(to)]));
  if (edges.size > 0) {
    const graph = longestChain([...serviceRefs], edges);
    const summaries = new Map<string, string>();
    for (const [s, list] of perSource(services)) {
      const from = list.reduce((n, x) => n + (edges.get(x.ref)?.length ?? 0), 0);
      if (from > 0) summaries.set(s, `${plural(from, 'call')} between service components (dependsOn, or an API one consumes and another provides)`);
    }
    answers.push({ path: 'services.call_depth', value: graph.depth, evidence: evidence(summaries) });
    // A chain of thousands of hops is shown by its ends.
    const names = graph.chain.map((r) => visible(shown(r)));
    const chain = names.length > LISTED ? [...names.slice(0, LISTED / 2), '...', ...names.slice(-LISTED / 2)] : names;
    notes.push(`The longest chain of calls between service components: ${chain.join(' -> ')} (${plural(graph.depth, 'hop')}).`);
    for (const group of graph.cycles) {
      const members = new Set(group);
      const cut = sorted(graph.dropped.filter(([a]) => members.has(a)).map(([a, b]) => `${shown(a)} -> ${shown(b)}`));
      notes.push(`Service components that call one another in a cycle: ${listed(group.map(shown))}; the call depth leaves out ${cut.length === 1 ? 'the call that closes it' : 'the calls that close it'}, ${listed(cut)}.`);
    }
  } else if (services.length > 0) {
    notes.push('No service component calls another (no dependsOn between them, and no API one provides that another consumes and calls), so services.call_depth is left out.');
  }
  if (messaged.size > 0) notes.push(`Consuming these APIs sends messages rather than calls, so they add no hop to the call depth: ${listed(sorted(messaged))}.`);

  // What the catalog holds that no answer reads.
  const inputs = new Set(files.map((f) => normal(f.name)));
  for (const loc of ofKind('location')) {
    const targets = [loc.spec['target'], ...(Array.isArray(loc.spec['targets']) ? loc.spec['targets'] : [])].filter((t): t is string => typeof t === 'string');
    const absent = targets.filter((t) => !inputs.has(targetOf(loc.file, t)));
    if (absent.length > 0) {
      notes.push(`Location ${visible(shownName(loc.namespace, loc.name))} (${visible(loc.file)}) names ${plural(absent.length, 'target')} not among the inputs, and locations are never followed: ${listed(absent)}.`);
    }
  }
  const otherKinds = new Map<string, number>();
  for (const e of entities) if (!(e.kindKey in KIND_NAMES)) bump(otherKinds, e.kind);
  if (otherKinds.size > 0) notes.push(`Entities of kinds this source does not read: ${tally(otherKinds)}.`);
  if (read.unread.size > 0) notes.push(`Entities of an apiVersion the table does not read: ${tally(read.unread)}.`);
  if (read.foreign.size > 0) notes.push(`Documents that are no Backstage entity, by apiVersion: ${tally(read.foreign)}.`);

  return { report: { answers, notes }, problems };
}

// The catalogs here are small ones of our own, written in Backstage's descriptor format as its
// documentation gives it: https://backstage.io/docs/features/software-catalog/descriptor-format
// (entities, kinds Component, API and Location) and
// https://backstage.io/docs/features/software-catalog/references (entity references).
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCatalogFiles } from '../src/cli/files/discover-catalog-files.js';
import { longestChain } from '../src/core/discover/catalog/call-graph.js';
import { discoverCatalog, parseEntityRef, type CatalogInput } from '../src/core/discover/catalog/catalog.js';
import type { CatalogTable } from '../src/core/discover/catalog/catalog-table.js';
import { formatProblem } from '../src/core/text/problem.js';
import { loadRubric } from '../src/core/rubric/load.js';
import { ROOT, rubricFiles } from './helpers.js';

const builtin = (): CatalogTable => {
  const r = loadRubric(rubricFiles());
  if (!r.ok || !r.value.knowledge.discoverCatalog) throw new Error('the built-in rubric set has no catalog table');
  return r.value.knowledge.discoverCatalog;
};
const TABLE = builtin();

/** One entity as YAML. */
function entity(kind: string, name: string, spec: Record<string, unknown> = {}, metadata: Record<string, unknown> = {}): string {
  const lines = ['apiVersion: backstage.io/v1alpha1', `kind: ${kind}`, 'metadata:', `  name: ${name}`];
  for (const [k, v] of Object.entries(metadata)) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  lines.push('spec:');
  for (const [k, v] of Object.entries({ lifecycle: 'production', owner: 'team-a', ...spec })) lines.push(`  ${k}: ${JSON.stringify(v)}`);
  return `${lines.join('\n')}\n`;
}
const service = (name: string, spec: Record<string, unknown> = {}, tags?: string[]) => entity('Component', name, { type: 'service', ...spec }, tags ? { tags } : {});
const api = (name: string, type: string) => entity('API', name, { type, definition: 'see the repository' });
/** Several entities in one file, as Backstage allows. */
const docs = (...entities: string[]) => entities.join('---\n');

const run = (files: CatalogInput[], table = TABLE) => discoverCatalog(files, table);
const answer = (r: ReturnType<typeof run>, path: string) => r.report.answers.find((a) => a.path === path);
const problemLines = (r: ReturnType<typeof run>) => r.problems.map(formatProblem);

/** A shop of five services: checkout calls payments and carts; payments calls fraud; carts messages stock. */
const SHOP: CatalogInput[] = [
  {
    name: 'shop/services.yaml',
    source: 'shop',
    text: docs(
      service('checkout', { dependsOn: ['component:payments'], consumesApis: ['carts-api'] }, ['java', 'payments']),
      service('payments', { providesApis: ['payments-api'], consumesApis: ['fraud-api'] }, ['golang']),
      service('fraud', { providesApis: ['fraud-api'] }, ['python']),
      service('carts', { providesApis: ['carts-api'], consumesApis: ['stock-events'] }),
      service('stock', { providesApis: ['stock-events'] }, ['go', 'inventory']),
      entity('Component', 'web', { type: 'website', consumesApis: ['carts-api'] }, { tags: ['typescript'] }),
      entity('Component', 'sdk', { type: 'library' }),
    ),
  },
  {
    name: 'shop/apis.yaml',
    source: 'shop',
    text: docs(api('payments-api', 'grpc'), api('fraud-api', 'openapi'), api('carts-api', 'openapi'), api('stock-events', 'asyncapi'), api('partner-api', 'openapi')),
  },
  { name: 'shop/system.yaml', source: 'shop', text: entity('System', 'shop') },
];

describe('the catalog table', () => {
  it('is part of the built-in rubric set and names Backstage’s service type', () => {
    expect(TABLE.service_types.map((s) => s.type)).toEqual(['service']);
    expect(TABLE.languages.find((l) => l.language === 'go')?.tags).toEqual(['go', 'golang']);
    expect(TABLE.api_types.map((a) => `${a.type}:${a.protocol}`)).toEqual(['openapi:http', 'graphql:http', 'grpc:grpc', 'asyncapi:messaging']);
  });

  const withTable = (edit: (t: string) => string) => {
    const text = readFileSync(join(ROOT, 'rubrics', 'discover-catalog.yaml'), 'utf8');
    const changed = edit(text);
    expect(changed).not.toBe(text);
    const files = rubricFiles().map((f) => (f.name.endsWith('/discover-catalog.yaml') ? { name: 'discover-catalog.yaml', text: changed } : f));
    const r = loadRubric(files);
    return r.ok ? [] : r.problems.map(formatProblem);
  };

  it('rejects a tag listed under two languages, located', () => {
    expect(withTable((t) => t.replace('tags: [typescript, ts]', 'tags: [typescript, ts, js]'))).toEqual([expect.stringMatching(/^discover-catalog.yaml:\d+:\d+ languages.5.tags.2: the tag "js" is listed twice$/)]);
  });

  it('rejects a protocol the questionnaire does not know', () => {
    expect(withTable((t) => t.replace('protocol: grpc', 'protocol: rpc')).join('\n')).toMatch(/api_types.2.protocol: .*"http"/);
  });

  it('rejects a fact without its month', () => {
    expect(withTable((t) => t.replace(/(tags: \[kotlin\]\n.*\n)    as_of: 2026-12\n/, '$1')).join('\n')).toMatch(/languages.\d+.as_of/);
  });

  it('rejects an apiVersion read outside the Backstage group', () => {
    expect(withTable((t) => t.replace('read: [backstage.io/v1alpha1, backstage.io/v1beta1]', 'read: [backstage.io/v1alpha1, apps/v1]')).join('\n')).toMatch(/entities.read.1: "apps\/v1" is not in the API group backstage.io/);
  });
});

describe('entity references, as Backstage parses them', () => {
  it.each([
    ['petstore', 'API', 'default', 'api:default/petstore'],
    ['internal/streetlights', 'API', 'default', 'api:internal/streetlights'],
    ['Component:Default/Payments', undefined, 'default', 'component:default/payments'],
    ['resource:artists-db', undefined, 'default', 'resource:default/artists-db'],
    ['petstore', 'API', 'shop', 'api:shop/petstore'],
    // A slash before the first colon makes the colon part of the name.
    ['team/a:b', 'API', 'default', 'api:team/a:b'],
  ])('%s with default kind %s in namespace %s is %s', (raw, kind, ns, key) => {
    expect(parseEntityRef(raw, kind, ns)).toMatchObject({ key });
  });

  it.each([':payments', 'component:', 'component:/payments', 'shop/'])('refuses %s', (raw) => {
    expect(parseEntityRef(raw, 'API', 'default')).toMatchObject({ error: expect.stringContaining('is not an entity reference') });
  });

  it('refuses a reference without a kind where the field has no default kind', () => {
    expect(parseEntityRef('payments', undefined, 'default')).toMatchObject({ error: expect.stringContaining('names no kind'), suggestion: 'write component:payments or resource:payments' });
  });
});

describe('discoverCatalog on a small shop', () => {
  const r = run(SHOP);

  it('reads it without a problem', () => {
    expect(problemLines(r)).toEqual([]);
  });

  it('counts the Components of type service, with the input as evidence', () => {
    expect(answer(r, 'services.count')).toEqual({
      path: 'services.count',
      value: 5,
      evidence: [{ source: 'shop', summary: '5 Components of type service, 5 APIs', counts: { API: 5, Component: 7, System: 1 } }],
    });
    expect(r.report.notes).toContain('Components not counted as services, by type: library (1), website (1).');
  });

  it('names the languages from the service components that carry a language tag, and says how many do not', () => {
    expect(answer(r, 'services.languages')?.value).toEqual(['go', 'java', 'python']);
    expect(answer(r, 'services.languages')?.evidence[0]?.summary).toBe('go (2), java (1), python (1), from 4 of 5 service components');
    expect(r.report.notes).toContain('1 of 5 service components carry no tag that names a language (carts); services.languages comes from the other 4.');
    // A tag no entry names is listed, never guessed at; the website's typescript is not a service's.
    expect(r.report.notes).toContain('Tags on service components that no table entry names: inventory (1 component), payments (1).');
  });

  it('takes the protocols from the APIs services provide or consume, and says which it left out', () => {
    expect(answer(r, 'services.protocols')?.value).toEqual(['grpc', 'http', 'messaging']);
    expect(answer(r, 'services.protocols')?.evidence[0]?.summary).toBe('4 APIs that service components provide or consume: openapi (2), asyncapi (1), grpc (1)');
    expect(r.report.notes).toContain('APIs left out of services.protocols, as no service component provides or consumes them: partner-api.');
  });

  it('counts the longest chain of calls, with messaging adding no hop', () => {
    // checkout -> payments -> fraud is 2 hops; carts -> stock is messaging, not a call.
    expect(answer(r, 'services.call_depth')?.value).toBe(2);
    expect(r.report.notes).toContain('The longest chain of calls between service components: checkout -> payments -> fraud (2 hops).');
    expect(r.report.notes).toContain('Consuming these APIs sends messages rather than calls, so they add no hop to the call depth: stock-events (asyncapi).');
    expect(answer(r, 'services.call_depth')?.evidence[0]?.summary).toBe('3 calls between service components (dependsOn, or an API one consumes and another provides)');
  });

  it('lists what it does not read', () => {
    expect(r.report.notes).toContain('Entities of kinds this source does not read: System (1).');
  });

  it('gives the same report, byte for byte, whatever order the files come in', () => {
    const expected = JSON.stringify(r);
    fc.assert(
      fc.property(fc.shuffledSubarray(SHOP, { minLength: SHOP.length, maxLength: SHOP.length }), (files) => {
        expect(JSON.stringify(run(files))).toBe(expected);
      }),
      { numRuns: 20, seed: 20261207 },
    );
  });
});

describe('services.count', () => {
  it('counts an entity once and locates the second of two with the same kind, namespace and name', () => {
    const r = run([
      { name: 'a.yaml', text: docs(service('payments'), service('orders')) },
      { name: 'b.yaml', text: docs(service('Payments'), service('payments', {}, undefined).replace('  name: payments\n', '  name: payments\n  namespace: eu\n')) },
    ]);
    expect(answer(r, 'services.count')?.value).toBe(3);
    expect(problemLines(r)).toEqual(['b.yaml:4:9 metadata.name: a second Component named Payments; the first is at a.yaml:1; give each entity its own name, or its own namespace']);
  });

  it('counts the types the table lists, and says when none is there', () => {
    const files = [{ name: 'c.yaml', text: docs(entity('Component', 'api-gw', { type: 'backend' }), entity('Component', 'site', { type: 'website' })) }];
    const none = run(files);
    expect(answer(none, 'services.count')).toBeUndefined();
    expect(none.report.notes).toContain('No Component has a type counted as a service (service); services.count is left out. The types found: backend (1), website (1).');
    const ours: CatalogTable = { ...TABLE, service_types: [...TABLE.service_types, { type: 'backend', source: 'our platform handbook', as_of: '2026-12' }] };
    expect(answer(run(files, ours), 'services.count')?.value).toBe(1);
  });
});

describe('services.languages', () => {
  it('is left out when no service carries a language tag', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', {}, ['payments']), service('b')) }]);
    expect(answer(r, 'services.languages')).toBeUndefined();
    expect(r.report.notes).toContain('No service component carries a tag that names a language, so services.languages is left out.');
  });

  it('reads the aliases the table lists as one language', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', {}, ['golang']), service('b', {}, ['go']), service('c', {}, ['c++', 'nodejs'])) }]);
    expect(answer(r, 'services.languages')?.value).toEqual(['cpp', 'go', 'javascript']);
  });
});

describe('services.protocols', () => {
  it('says which APIs are not among the inputs and which types the table does not name', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', { providesApis: ['a-api', 'gone'], consumesApis: ['t-api'] }), api('a-api', 'openapi'), api('t-api', 'trpc')) }]);
    expect(answer(r, 'services.protocols')?.value).toEqual(['http']);
    expect(r.report.notes).toContain('APIs that service components provide or consume but that are not among the inputs: gone.');
    expect(r.report.notes).toContain('APIs of types the table does not name, left out of services.protocols and of the call depth: trpc (1 API).');
  });

  it('finds an API in another namespace by its reference', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', { consumesApis: ['billing/ledger'] }), api('ledger', 'grpc').replace('  name: ledger\n', '  name: ledger\n  namespace: billing\n')) }]);
    expect(answer(r, 'services.protocols')?.value).toEqual(['grpc']);
  });
});

describe('services.call_depth', () => {
  it('is left out, with a note, when no service calls another', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a'), service('b', { dependsOn: ['resource:db'] })) }]);
    expect(answer(r, 'services.call_depth')).toBeUndefined();
    expect(r.report.notes).toContain('No service component calls another (no dependsOn between them, and no API one provides that another consumes and calls), so services.call_depth is left out.');
  });

  it('reports a cycle once and counts the depth with the call that closes it left out', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', { dependsOn: ['component:b'] }), service('b', { dependsOn: ['component:c'] }), service('c', { dependsOn: ['component:a', 'component:d'] }), service('d')) }]);
    expect(answer(r, 'services.call_depth')?.value).toBe(3);
    expect(r.report.notes).toContain('Service components that call one another in a cycle: a, b, c; the call depth leaves out the call that closes it, c -> a.');
    expect(r.report.notes).toContain('The longest chain of calls between service components: a -> b -> c -> d (3 hops).');
  });

  it('shows a long chain by its ends', () => {
    const names = Array.from({ length: 13 }, (_, i) => `s${String(i).padStart(2, '0')}`);
    const r = run([{ name: 'c.yaml', text: docs(...names.map((n, i) => service(n, i + 1 < names.length ? { dependsOn: [`component:${names[i + 1]}`] } : {}))) }]);
    expect(answer(r, 'services.call_depth')?.value).toBe(12);
    expect(r.report.notes).toContain('The longest chain of calls between service components: s00 -> s01 -> s02 -> s03 -> s04 -> ... -> s08 -> s09 -> s10 -> s11 -> s12 (12 hops).');
  });

  it('locates a dependsOn reference without a kind, which Backstage refuses', () => {
    const r = run([{ name: 'c.yaml', text: service('a', { dependsOn: ['b'] }) }]);
    expect(problemLines(r)).toEqual(['c.yaml:9:15 spec.dependsOn.0: the reference "b" names no kind, and this field has no default kind; write component:b or resource:b']);
  });
});

describe('the call graph', () => {
  it('walks a long chain without recursion', () => {
    const n = 20_000;
    const names = Array.from({ length: n }, (_, i) => `s${String(i).padStart(5, '0')}`);
    const edges = new Map(names.slice(0, -1).map((s, i) => [s, [names[i + 1]!]]));
    expect(longestChain(names, edges).depth).toBe(n - 1);
  });

  it('ignores calls to what is not a node, and reports a service that calls itself as a cycle', () => {
    const g = longestChain(['a', 'b'], new Map([['a', ['a', 'b', 'elsewhere']]]));
    expect(g).toEqual({ depth: 1, chain: ['a', 'b'], dropped: [['a', 'a']], cycles: [['a']] });
  });
});

describe('problems, one located line each', () => {
  const lines = (text: string, name = 'c.yaml') => problemLines(run([{ name, text }]));

  it.each([
    ['invalid YAML', 'apiVersion: backstage.io/v1alpha1\nkind: [Component\n', /^c.yaml:\d+:\d+ invalid YAML: /],
    ['a key written twice', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nkind: API\nmetadata: { name: a }\n', /^c.yaml:3:1 invalid YAML: Map keys must be unique$/],
    ['an entity without a kind', 'apiVersion: backstage.io/v1alpha1\nmetadata:\n  name: a\n', /^c.yaml:1:1 kind: an entity needs a kind; such as kind: Component or kind: API$/],
    ['an entity without a name', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: A\nspec: { type: service }\n', /^c.yaml:4:3 metadata.name: an entity needs a name, under metadata.name$/],
    ['an entity without an apiVersion', 'kind: Component\nmetadata:\n  name: a\n', /^c.yaml:1:1 an entity needs an apiVersion; start it with apiVersion: backstage.io\/v1alpha1$/],
    ['a Component without a type', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\nspec:\n  owner: me\n', /^c.yaml:6:3 spec.type: a Component needs spec.type; such as type: service$/],
    ['a file with no entity', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: a\n', /^c.yaml:1:1 no Backstage entity in this file; /],
    ['an empty file', '', /^c.yaml:1:1 no Backstage entity in this file; /],
    ['tags that are not a list', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  tags: java\nspec: { type: service }\n', /^c.yaml:5:9 metadata.tags: metadata.tags is a list of tags; write tags: \[java, payments\]$/],
  ])('%s', (_what, text, expected) => {
    const found = lines(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(expected);
  });

  it('locates an entity in the second document of a file', () => {
    expect(lines(docs(service('a'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ""\nspec: { type: service }\n'))).toEqual([expect.stringMatching(/^c.yaml:13:9 metadata.name: /)]);
  });

  it('counts entities of another Backstage apiVersion, and other documents, without reading them', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a'), 'apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: t\n', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n') }]);
    expect(problemLines(r)).toEqual([]);
    expect(r.report.notes).toContain('Entities of an apiVersion the table does not read: scaffolder.backstage.io/v1beta3 (1).');
    expect(r.report.notes).toContain('Documents that are no Backstage entity, by apiVersion: apps/v1 (1).');
  });
});

describe('locations', () => {
  const location = entity('Location', 'all', { targets: ['./services/a.yaml', './services/b.yaml', 'https://example.com/c.yaml'] });

  it('are listed, never followed, with the targets that are not among the inputs', () => {
    const r = run([
      { name: 'cat/all.yaml', text: location },
      { name: 'cat/services/a.yaml', text: service('a') },
    ]);
    expect(r.report.notes).toContain('Location all (cat/all.yaml) names 2 targets not among the inputs, and locations are never followed: ./services/b.yaml, https://example.com/c.yaml.');
  });

  it('say nothing when every target is among the inputs, however the names are spelled', () => {
    const r = run([
      { name: './cat/all.yaml', text: entity('Location', 'all', { targets: ['./services/a.yaml', 'services/../services/b.yaml'] }) },
      { name: 'cat/services/a.yaml', text: service('a') },
      { name: 'cat\\services\\b.yaml', text: service('b') },
    ]);
    expect(r.report.notes.filter((n) => n.startsWith('Location'))).toEqual([]);
  });
});

describe('text from the catalog', () => {
  it('reaches notes and summaries only made visible', () => {
    const r = run([{ name: 'c.yaml', text: docs(service('a', { consumesApis: ['b-api'] }, ['x\u001b[2J']), entity('Component', 'b', { type: 'web\u202esite' })) }]);
    const text = JSON.stringify(r.report);
    expect(text).not.toMatch(/\u001b|\u202e/);
    expect(r.report.notes.join('\n')).toContain('x\\x1B[2j');
  });
});

describe('evidence from two catalogs', () => {
  it('names each input the user gave, with what it holds', () => {
    const r = run([
      { name: 'team-a/catalog-info.yaml', source: 'team-a', text: docs(service('a', { consumesApis: ['b-api'] }, ['java']), api('x-api', 'openapi')) },
      { name: 'team-b/catalog-info.yaml', source: 'team-b/catalog-info.yaml', text: docs(service('b', { providesApis: ['b-api'] }), api('b-api', 'openapi')) },
    ]);
    expect(answer(r, 'services.count')?.evidence).toEqual([
      { source: 'team-a', summary: '1 Component of type service, 1 API', counts: { API: 1, Component: 1 } },
      { source: 'team-b/catalog-info.yaml', summary: '1 Component of type service, 1 API', counts: { API: 1, Component: 1 } },
    ]);
    expect(answer(r, 'services.languages')?.evidence.map((e) => e.source)).toEqual(['team-a']);
    expect(answer(r, 'services.call_depth')).toMatchObject({ value: 1, evidence: [{ source: 'team-a' }] });
  });
});

describe('readCatalogFiles', () => {
  const tree = () => {
    const root = mkdtempSync(join(tmpdir(), 'catalog-'));
    const write = (path: string, text: string) => {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    return { root, write };
  };
  const readText = (path: string) => ({ text: readFileSync(path, 'utf8') });

  it('reads every YAML file under the folder, sorted, and nothing hidden', () => {
    const { root, write } = tree();
    write('cat/b.yml', 'b');
    write('cat/a/z.yaml', 'z');
    write('cat/a/readme.md', 'no');
    write('cat/.github/workflow.yaml', 'no');
    write('cat/node_modules/pkg/x.yaml', 'no');
    const r = readCatalogFiles([join(root, 'cat')], readText);
    expect(r.problems).toEqual([]);
    expect(r.files).toEqual([
      { name: join(root, 'cat', 'a', 'z.yaml'), text: 'z', source: join(root, 'cat') },
      { name: join(root, 'cat', 'b.yml'), text: 'b', source: join(root, 'cat') },
    ]);
  });

  it('follows a link inside the folder once, and refuses one that leads outside', () => {
    const { root, write } = tree();
    write('cat/a.yaml', 'a');
    write('secret/s.yaml', 's');
    symlinkSync(join(root, 'cat', 'a.yaml'), join(root, 'cat', 'same.yaml'));
    symlinkSync(join(root, 'cat'), join(root, 'cat', 'loop'));
    symlinkSync(join(root, 'secret'), join(root, 'cat', 'out'));
    const r = readCatalogFiles([join(root, 'cat'), join(root, 'cat', 'a.yaml')], readText);
    expect(r.files.map((f) => f.name)).toEqual([join(root, 'cat', 'a.yaml')]);
    expect(r.problems.map(formatProblem)).toEqual([`${join(root, 'cat', 'out')} a symbolic link to a place outside the folder; not followed; copy what it points to into the folder, or name it with a --catalog of its own`]);
  });

  it('refuses a folder past its limits, a file too large, and a path that is not there', () => {
    const { root, write } = tree();
    for (const n of ['a', 'b', 'c']) write(`many/${n}.yaml`, n);
    write('big/big.yaml', 'x'.repeat(1024 * 1024 + 1));
    const r = readCatalogFiles([join(root, 'many'), join(root, 'big'), join(root, 'none')], readText, { files: 2, entries: 100 });
    expect(r.files).toEqual([]);
    expect(r.problems.map(formatProblem)).toEqual([
      `${join(root, 'many')} the folder holds more than 2 YAML files, so none of them was read; name the folders that hold the catalog, each with its own --catalog`,
      `${join(root, 'none')} cannot read: no such file or directory`,
      `${join(root, 'big', 'big.yaml')} the file is larger than 1024 KiB; a catalog file describes a few entities; leave this one out, or split it`,
    ]);
  });
});

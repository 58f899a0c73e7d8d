import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_FILES } from '../src/core/knowledge/schema.js';
import { formatProblem } from '../src/core/text/problem.js';
import { loadRubric, type RubricFile } from '../src/core/rubric/load.js';
import { ROOT, rubricFiles } from './helpers.js';

const builtin = (name: string) => readFileSync(join(ROOT, 'rubrics', name), 'utf8');

/** The built-in rubric set with one knowledge file's text replaced. */
const withFile = (name: string, text: string): string[] => {
  const files: RubricFile[] = rubricFiles().map((f) => (f.name.endsWith(`/${name}`) ? { name, text } : f));
  const r = loadRubric(files);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('knowledge files are validated as strictly as rules', () => {
  it('the built-in set has every knowledge file', () => {
    const r = loadRubric(rubricFiles());
    expect(r.ok && Object.keys(r.value.knowledge).sort()).toEqual(Object.values(KNOWLEDGE_FILES).map((f) => f.key).sort());
    expect(r.ok && Object.keys(r.value.knowledge)).toEqual(expect.arrayContaining(['alternatives', 'cost', 'meshes', 'rollout', 'sources', 'discoverKubernetes', 'discoverIncidents', 'discoverCatalog', 'discoverLanguages']));
  });

  it.each([
    ['alternatives.yaml', 'an unknown key, with a suggestion', (t: string) => t.replace('    enough_until: services need', '    enough_untill: services need'), /^alternatives.yaml:\d+:5 alternatives.0.enough_untill: unknown key "enough_untill"; did you mean enough_until\?$/],
    ['alternatives.yaml', 'a condition on a field that does not exist', (t: string) => t.replace('path: traffic.north_south_only', 'path: traffic.north_south'), /^alternatives.yaml:\d+:\d+ alternatives.0.when.path: "traffic.north_south" is not a questionnaire field or derived quantity; did you mean traffic.north_south_only\?$/],
    ['alternatives.yaml', 'a placeholder that names no field', (t: string) => t.replace('incidents, {incidents.top_other_cause}', 'incidents, {incidents.top_cause}'), /alternatives.\d+.tool: placeholder \{incidents.top_cause\} names no questionnaire field/],
    ['meshes.yaml', 'a mesh feature that is not listed', (t: string) => t.replace('      vm-workloads: { status: ga, note: "Mesh expansion', '      vms: { status: ga, note: "Mesh expansion'), /^meshes.yaml:\d+:\d+ meshes.\d+.features.vms: "vms" is not a feature listed under features; one of mtls, /],
    ['meshes.yaml', 'a feature fact without its source', (t: string) => t.replace('multi-cluster: { status: ga, source: "linkerd.io docs: Multi-cluster communication", as_of: 2026-11 }', 'multi-cluster: { status: ga, as_of: 2026-11 }'), /meshes.\d+.features.multi-cluster.source: .*expected string/],
    ['meshes.yaml', 'a feature fact without its month', (t: string) => t.replace('multi-cluster: { status: ga, source: "linkerd.io docs: Multi-cluster communication", as_of: 2026-11 }', 'multi-cluster: { status: ga, source: "linkerd.io docs: Multi-cluster communication" }'), /meshes.\d+.features.multi-cluster.as_of: .*expected string/],
    ['meshes.yaml', 'a status the catalogue does not define', (t: string) => t.replace('multi-cluster: { status: ga, source: "linkerd.io docs: Multi-cluster communication"', 'multi-cluster: { status: stable, source: "linkerd.io docs: Multi-cluster communication"'), /meshes.\d+.features.multi-cluster.status: .*ga/],
    ['meshes.yaml', 'a fact newer than the catalogue', (t: string) => t.replace('source: "linkerd.io docs: Multi-cluster communication", as_of: 2026-11', 'source: "linkerd.io docs: Multi-cluster communication", as_of: 2027-01'), /meshes.\d+.features.multi-cluster.as_of: a fact read in 2027-01 is newer than the catalogue's as_of/],
    ['meshes.yaml', 'a mesh without a licence', (t: string) => t.replace(/    licence:\n      terms: Apache-2.0 \(a CNCF[^]*?as_of: 2026-11\n/, ''), /meshes.\d+.licence: .*expected object/],
    ['meshes.yaml', 'an operating weight out of range', (t: string) => t.replace('operating_weight: 5', 'operating_weight: 9'), /meshes.\d+.operating_weight: Too big: expected number to be <=5/],
    ['meshes.yaml', "a project's Beta filed as ga, as the catalogue once read Istio's", (t: string) => t.replace('multi-cluster: { status: beta, label: Beta, note: "Istio recommends', 'multi-cluster: { status: ga, label: Beta, note: "Istio recommends'), /meshes.\d+.features.multi-cluster.label: the label "Beta" reads as beta by the maturity rule, not ga; file it as beta/],
    ['meshes.yaml', 'a label in none of the maturity words', (t: string) => t.replace('fault-injection: { status: beta, label: Alpha,', 'fault-injection: { status: beta, label: Incubating,'), /meshes.\d+.features.fault-injection.label: the label "Incubating" names none of the maturity words/],
    ['meshes.yaml', 'an offering in preview whose label reads as generally available', (t: string) => t.replace('    preview:\n      label: Preview', '    preview:\n      label: GA'), /meshes.\d+.preview.label: the label "GA" reads as ga by the maturity rule, not beta/],
    ['meshes.yaml', 'a duplicate mesh id', (t: string) => t.replace('id: kuma', 'id: consul'), /duplicate mesh id "consul"/],
    ['cost.yaml', 'a range written high to low', (t: string) => t.replace('cpu_millicores: [10, 50]', 'cpu_millicores: [50, 10]'), /^cost.yaml:\d+:\d+ per_pod.cpu_millicores: a range is \[low, high\]; got \[50, 10\]; write \[10, 50\]$/],
    ['cost.yaml', 'a people table without five weights', (t: string) => t.replace('[[0.25, 0.5], ', '['), /people_fte.by_weight: Too small: expected array to have exactly 5 items/],
    ['rollout.yaml', 'a last first use case with a condition', (t: string) => t.replace('  - id: authz-one-api\n', '  - id: authz-one-api\n    when: { path: services.count, gt: 1 }\n'), /first_use_cases.3: the last first use case needs no "when"/],
    ['rollout.yaml', 'a checklist condition with the wrong operand', (t: string) => t.replace('done_when: { path: governance.runbooks, equals: true }', 'done_when: { path: governance.runbooks, equals: yes }'), /checklist.\d+.done_when.equals: "yes" cannot be compared with governance.runbooks, which is true or false/],
  ])('%s: rejects %s, located', (name, _what, edit, expected) => {
    const text = builtin(name);
    const changed = edit(text);
    expect(changed).not.toBe(text);
    const found = withFile(name, changed);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((p) => expected.test(p))).toHaveLength(1);
  });

  it('a custom rubric set may leave the knowledge files out', () => {
    const r = loadRubric(rubricFiles(join(ROOT, 'test', 'fixtures', 'custom-rubric')));
    expect(r.ok && r.value.knowledge).toEqual({});
  });

  it('a knowledge file in an extension replaces the built-in one', () => {
    const ext = [{ name: 'ext/alternatives.yaml', text: 'alternatives:\n  - id: our-gateway\n    need: N\n    tool: T\n    why: W\n    enough_until: E\n    source: { document: policy, section: "1" }\n' }];
    const r = loadRubric(rubricFiles(), [ext]);
    expect(r.ok && r.value.knowledge.alternatives?.map((a) => a.id)).toEqual(['our-gateway']);
    expect(r.ok && r.value.knowledge.meshes?.meshes.length).toBeGreaterThan(5);
  });
});

/** Seed 003's survey and benchmark figures are unverified: they must appear nowhere the tool reads or prints. */
const SEED_003_STATISTICS = [/68\s?%/, /54\s?%/, /2\.3\s?x/i, /140\+/, /Gartner/i, /CNCF 2023/i, /12[–-]18\s?%/, /9[–-]14\s?%/, /30[–-]40\s?%/, /FTE-months/i];

describe('no statistic from seed 003', () => {
  const files = [
    ...rubricFiles().map((f) => f.name),
    join(ROOT, 'README.md'),
    ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(ROOT, 'docs', n)),
    ...readdirSync(join(ROOT, 'examples'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.yaml')).map((n) => join(ROOT, 'examples', n)),
    ...readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts')).map((n) => join(ROOT, 'src', n)),
  ];
  it.each(files.map((f) => [f.slice(ROOT.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    for (const pattern of SEED_003_STATISTICS) expect(text).not.toMatch(pattern);
  });
});

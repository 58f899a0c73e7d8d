import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { MAX_DEPTH } from '../src/core/limits.js';
import { memoryIo, ROOT, run, runMain, SCORING_HEAD } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-hostile-'));
const BASE = 'version: 1\norg: {name: X}\nservices: {count: 30, languages: [go]}\nplatform_team: {exists: true}\n';
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/**
 * Exit 2, a located message naming the field, no stack trace. Through the built CLI where reading
 * the file is the point; otherwise in process, where a crash would throw here. A hang fails by the
 * test's own timeout: no wall-clock figure is asserted, since a loaded machine would make it flaky.
 */
function rejects(args: string[], message: RegExp, through: 'cli' | 'main' = 'cli') {
  const r = through === 'cli' ? run(args) : runMain(args);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal|RangeError|TypeError/);
}

const bomb = ['a: &a [x,x,x,x,x,x,x,x,x]', 'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]', 'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]', 'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]', 'e: [*d,*d,*d,*d,*d,*d,*d,*d,*d]', ''].join('\n');

const QUESTIONNAIRES: [kind: string, content: string | Buffer, message: RegExp][] = [
  ['an unknown key', `${BASE}colour: blue\n`, /:5:1 colour: unknown key "colour"; valid keys here: version, org/],
  ['a misspelt key', BASE.replace('platform_team', 'platfrom_team'), /:4:1 platfrom_team: unknown key "platfrom_team"; did you mean platform_team\?/],
  ['a wrong type', BASE.replace('count: 30', 'count: many'), /:3:19 services.count: expected a whole number >= 0, got "many"/],
  ['a bad enumeration value', `${BASE}kubernetes: {maturity: Operational}\n`, /:5:24 kubernetes.maturity: expected one of none, basic, operational, advanced, got "Operational"; did you mean operational\?/],
  ['a misspelt provider (questionnaire 1.1)', `${BASE}kubernetes: {provider: EKS}\n`, /:5:24 kubernetes.provider: expected one of eks, gke, aks, openshift, on-prem, other, got "EKS"; did you mean eks\?/],
  ['a missing required field', BASE.replace('platform_team: {exists: true}\n', ''), /:1:1 platform_team: required but missing/],
  ['a negative count', BASE.replace('count: 30', 'count: -3'), /:3:19 services.count: expected a whole number >= 0, got -3/],
  ['a fractional count', BASE.replace('count: 30', 'count: 2.5'), /:3:19 services.count: expected a whole number >= 0, got 2.5/],
  ['broken YAML', 'version: [1\n', /:2:1 invalid YAML: /],
  ['an empty file', '', /:1:1 expected a mapping of questionnaire sections, got an empty document/],
  ['a root that is not a mapping', '- a\n- b\n', /:1:1 expected a mapping of questionnaire sections, got a list/],
  ['duplicate keys', `${BASE}org: {name: Y}\n`, /:5:1 invalid YAML: Map keys must be unique/],
  ['an alias bomb (billion laughs)', bomb, /:1:1 too many aliases: more than 100 expansions/],
  ['flow nesting thousands deep', `${BASE}traffic: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, new RegExp(`:5:\\d+ nested more than ${MAX_DEPTH} levels deep`)],
  ['block nesting thousands deep', `${BASE}x:\n${Array.from({ length: 500 }, (_, i) => `${' '.repeat(2 * (i + 1))}k${i}:`).join('\n')}\n`, new RegExp(`:\\d+:1 nested more than ${MAX_DEPTH} levels deep`)],
  ['block nesting one space a level, as deep as fits the size limit', `${BASE}x:\n${Array.from({ length: 1300 }, (_, i) => `${' '.repeat(i + 1)}k${i}:`).join('\n')}\n`, new RegExp(`:\\d+:1 nested more than ${MAX_DEPTH} levels deep`)],
  ['a __proto__ key', `${BASE}__proto__: {polluted: true}\n`, /:5:1 __proto__: unknown key "__proto__"/],
  ['a constructor key', BASE.replace('{exists: true}', '{exists: true, constructor: 1}'), /:4:31 platform_team.constructor: unknown key "constructor"/],
  ['bytes that are not UTF-8', Buffer.from('version: 1\norg: {name: Caf\xe9}\n', 'latin1'), /:2:16 bytes that are not UTF-8 text; save the file as UTF-8/],
];

describe('bad questionnaires: exit 2, located, no stack trace, under a second', () => {
  it.each(QUESTIONNAIRES)('%s', (kind, content, message) => {
    const edge = Buffer.isBuffer(content) || kind.startsWith('flow nesting');
    rejects([file(`${kind.replace(/\W+/g, '-')}.yaml`, content)], message, edge ? 'cli' : 'main');
  });

  it('a file of tens of megabytes, refused before it is read', () => {
    rejects([file('huge.yaml', `${BASE}# ${'x'.repeat(30 * 1024 * 1024)}\n`)], /huge.yaml the file is larger than 1024 KiB/);
  });

  it('a missing file', () => rejects([join(dir, 'absent.yaml')], /absent.yaml cannot read: no such file or directory/));

  it('a directory', () => rejects([dir], /cannot read: it is a directory, not a file/));

  it('an unreadable file', () => {
    const path = file('locked.yaml', BASE);
    chmodSync(path, 0o000);
    // root reads anything, so there the refusal is shown through main() with the error the OS gives.
    if (process.getuid?.() !== 0) rejects([path], /locked.yaml cannot read: permission denied/);
    const { io, out } = memoryIo();
    const read = io.readText;
    io.readText = (p) => (p === path ? { error: 'cannot read: permission denied' } : read(p));
    expect(main([path], io)).toBe(2);
    expect(out.stderr).toBe(`${path} cannot read: permission denied; check the path; mesh-assess init writes a questionnaire to start from\n`);
  });

  it('a bad file among good ones: reported, and the others still assessed and decoded', () => {
    const bad = file('latin1.yaml', Buffer.from('version: 1\norg: {name: Caf\xe9}\n', 'latin1'));
    const r = run([bad, 'examples/minimal.yaml', 'examples/acme-payments.yaml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/latin1.yaml:2:16 bytes that are not UTF-8 text/);
    expect(r.stdout).toMatch(/2 questionnaires: 1 adopt, 0 defer, 1 alternative/);
    expect(r.stdout).toMatch(/Tiny Tickets[\s\S]*Acme Payments/);
  });

  it('a __proto__ key pollutes nothing', () => {
    const { io } = memoryIo();
    main([file('pollute.yaml', `${BASE}__proto__: {polluted: true}\n`)], io);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

const RULES = 'rules:\n  - id: r1\n    title: T\n    when: { path: services.count, gt: 1 }\n    effect: { axis: need, direction: up }\n    reason: a reason for it\n    source: { document: d, section: s }\n';
const SCORING = `${SCORING_HEAD}\nweights:\n  r1: 10\n`;

const RUBRICS: [kind: string, files: Record<string, string>, message: RegExp][] = [
  ['an unknown field', { 'rules.yaml': RULES.replace('    title: T\n', '    title: T\n    colour: red\n'), 'scoring.yaml': SCORING }, /rules.yaml:4:5 rules.0.colour: unknown key "colour"/],
  ['a condition on a path that does not exist', { 'rules.yaml': RULES.replace('services.count', 'services.cuont'), 'scoring.yaml': SCORING }, /rules.yaml:4:19 rules.0.when.path: "services.cuont" is not a questionnaire field or derived quantity; did you mean services.count\?/],
  ['duplicate rule ids', { 'a.yaml': RULES, 'b.yaml': RULES, 'scoring.yaml': SCORING }, /b.yaml:2:9 rules.0.id: duplicate rule id "r1"; it is first defined in/],
  ['an empty rule set', { 'rules.yaml': 'rules: []\n', 'scoring.yaml': SCORING.replace('  r1: 10\n', '') }, /rules.yaml:1:8 rules: Too small: expected array to have >=1 items/],
  ['a weight out of range', { 'rules.yaml': RULES, 'scoring.yaml': SCORING.replace('r1: 10', 'r1: 500') }, /scoring.yaml:8:7 weights.r1: Too big: expected number to be <=100/],
  ['an alias bomb', { 'rules.yaml': bomb, 'scoring.yaml': SCORING }, /rules.yaml:1:1 too many YAML aliases/],
];

describe('bad rubric files through --rubrics: the same standard', () => {
  it.each(RUBRICS)('%s', (kind, files, message) => {
    const rubrics = join(dir, kind.replace(/\W+/g, '-'));
    mkdirSync(rubrics, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(rubrics, name), text);
    rejects(['examples/minimal.yaml', '--rubrics', rubrics], message, kind === 'an alias bomb' ? 'cli' : 'main');
  });
});

describe('Markdown from an answer where Markdown is rendered', () => {
  const NAME = 'Acme ![pixel](https://e.example/p.png) [sign in](https://e.example/login) [docs][d] <img src=x>';

  it.each([
    ['the markdown report', ['--format', 'markdown']],
    ['the markdown report with --detail', ['--format', 'markdown', '--detail']],
    ['the job summary the github format appends', ['--format', 'github']],
    ['the leadership summary', ['summary']],
  ])('an organisation name cannot embed an image or a link in %s', (_, args) => {
    const q = file('markdown-name.yaml', readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8').replace(/name: .*/, `name: ${JSON.stringify(NAME)}`));
    const summary = file('markdown-summary.md', '');
    const r = run(args[0] === 'summary' ? ['summary', q] : [q, ...args], { GITHUB_STEP_SUMMARY: summary });
    expect(r.code, r.stderr).toBe(0);
    const md = args.includes('github') ? readFileSync(summary, 'utf8') : r.stdout;
    // Shown, readable, with a backslash before each bracket that would form an image or a link.
    expect(md).toContain('Acme !\\[pixel\\](https://e.example/p.png) [sign in\\](https://e.example/login) [docs\\][d] &lt;img src=x>');
    expect(md).not.toMatch(/!\[/);
    expect(md).not.toMatch(/(?<!\\)\][([:]/);
  });
});

describe('no code from data', () => {
  const sources = (readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }) as string[]).filter((n) => n.endsWith('.ts'));

  it.each(sources)('src/%s runs no code taken from input', (name) => {
    const text = readFileSync(join(ROOT, 'src', name), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
    expect(text).not.toMatch(/\beval\s*\(/);
    expect(text).not.toMatch(/\bnew\s+Function\b/);
    expect(text).not.toMatch(/\bimport\s*\(/);
    expect(text).not.toMatch(/\brequire\s*\(/);
    expect(text).not.toMatch(/\bvm\.|from 'node:vm'/);
  });
});

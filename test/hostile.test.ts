import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { MAX_DEPTH } from '../src/core/yaml/limits.js';
import { visible } from '../src/core/text/safe-text.js';
import { CLI, memoryIo, OUR_COMMAND, ROOT, run, runMain, SCORING_HEAD } from './helpers.js';

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

// Controls, invisible format characters, lines that would be workflow commands, and Markdown that
// would embed an image or a link: what a pull request can put in the files it controls.
const EVIL_REASON = 'evil\u001b[2J\u0007\u202e\u200b\u2060\ufeff\u00ad\u{e0041}\n::error::forged ![i](https://e.example/x.png) [click](https://e.example) [ref][r]\n[r]: https://e.example <img src=x>';
const EVIL_OWNER = 'own\u001b]0;title\u0007er\r\n::warning::y';
const EVIL_RISK = 'risky\u001b[2J\u0085\u2066 ![i](https://e.example/r.png)\n::error::z';
const EVIL_GATE = 'gate\u202e\u0007\n::error::g [x](https://e.example/g)';
const EVIL_RULE = 'rule\u001b[1m\u200b\n::notice::r ![i](https://e.example/y.png)';
const EVIL_FILE = 'base\u001b[31m\n::error::b.yaml';

// Tab and newline only: no other C0, no DEL, no C1, no line or paragraph separator, and no format
// character but the joiners.
const UNSAFE_OUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]|(?![\u200c\u200d])\p{Cf}/u;

/** A repository whose configuration waives a gate, whose --waivers file waives a risk, and whose baseline names hostile rules. */
function hostileRepo(): string {
  const repo = mkdtempSync(join(tmpdir(), 'mesh-assess-hostile-repo-'));
  mkdirSync(join(repo, '.git'));
  copyFileSync(join(ROOT, 'examples', 'startup-monolith.yaml'), join(repo, 'org.yaml'));
  const waiver = (rule: string, reason: string, owner: string) => ['waivers:', `  - rule: ${rule}`, `    reason: ${JSON.stringify(reason)}`, `    owner: ${JSON.stringify(owner)}`, '    expires: 2026-06-30', ''].join('\n');
  writeFileSync(join(repo, '.mesh-assess.yaml'), waiver('handful-of-services', EVIL_REASON, EVIL_OWNER));
  writeFileSync(join(repo, 'waivers.yaml'), waiver('retry-stacking', EVIL_RISK, EVIL_OWNER));
  const earlier = JSON.parse(spawnSync(process.execPath, [CLI, 'org.yaml', '--format', 'json', '--no-config'], { cwd: repo, encoding: 'utf8', timeout: 60_000 }).stdout) as { file: string; gates: string[]; reasons: { rule: string }[] };
  earlier.file = EVIL_FILE;
  earlier.gates.push(EVIL_GATE);
  earlier.reasons.push({ rule: EVIL_GATE }, { rule: EVIL_RULE });
  writeFileSync(join(repo, 'baseline.json'), JSON.stringify(earlier));
  return repo;
}

describe('a hostile waiver and a hostile baseline: made visible once, when read, for every format', () => {
  const repo = hostileRepo();
  const summary = join(repo, 'summary.md');
  writeFileSync(summary, '');
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, 'org.yaml', '--waivers', 'waivers.yaml', '--baseline', 'baseline.json', '--today', '2026-01-01', ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', GITHUB_STEP_SUMMARY: summary }, timeout: 60_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  /** No raw control, no line from input that GitHub would run, and where Markdown renders: no image, link or tag from input. */
  function harmless(out: string, what: string, opts: { github?: boolean; markdown?: boolean } = {}) {
    expect(out, what).not.toMatch(UNSAFE_OUT);
    for (const line of out.split('\n')) {
      if (opts.github && OUR_COMMAND.test(line)) continue;
      expect(line.startsWith('::'), `${what}: ${line}`).toBe(false);
    }
    if (opts.markdown) {
      expect(out, what).not.toMatch(/!\[/);
      expect(out, what).not.toMatch(/(?<!\\)\][([:]/);
      expect(out, what).not.toMatch(/<img/);
    }
  }

  // Each format shows the texts it has room for; the terminal's short report only marks a waived risk.
  const CASES: [format: string, args: string[], shown: string[]][] = [
    ['terminal', [], [EVIL_OWNER, EVIL_GATE]],
    ['terminal', ['--detail'], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE]],
    ['json', [], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE, EVIL_FILE]],
    ['markdown', [], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE]],
    ['sarif', [], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE]],
    ['junit', [], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE]],
    ['github', [], [EVIL_REASON, EVIL_OWNER, EVIL_RISK, EVIL_GATE, EVIL_RULE]],
  ];

  it.each(CASES)('%s %j: controls, forged workflow commands and Markdown links in waivers and baselines are escaped', (format, args, shown) => {
    writeFileSync(summary, '');
    const r = cli(['--format', format, ...args]);
    expect(r.code, r.stderr).toBe(0);
    harmless(r.stdout, format, { github: format === 'github', markdown: format === 'markdown' });
    harmless(r.stderr, `${format} stderr`);
    if (format === 'github') harmless(readFileSync(summary, 'utf8'), 'job summary', { markdown: true });
    // Still there, shown with its controls escaped: the start of each text, short enough not to be wrapped.
    const inOutput = format === 'json' || format === 'sarif' ? (s: string) => JSON.stringify(s).slice(1, -1) : (s: string) => s;
    for (const text of shown) expect(r.stdout, `${format}: ${visible(text)}`).toContain(inOutput(visible(text).slice(0, 12)));
  });

  it('json carries the visible form, as it carries answers: the same text every other format shows', () => {
    const doc = JSON.parse(cli(['--format', 'json']).stdout) as { waivers: { reason: string; owner: string }[]; config: { waivers: { reason: string }[] }; comparison: { baseline: string; gates_went: string[]; went: string[] } };
    expect(doc.waivers.map((w) => [w.reason, w.owner])).toEqual([[visible(EVIL_REASON), visible(EVIL_OWNER)], [visible(EVIL_RISK), visible(EVIL_OWNER)]]);
    expect(doc.config.waivers.map((w) => w.reason)).toEqual([visible(EVIL_REASON), visible(EVIL_RISK)]);
    expect(doc.comparison.baseline).toBe(visible(EVIL_FILE));
    expect(doc.comparison.gates_went).toEqual([visible(EVIL_GATE)]);
    expect(doc.comparison.went).toEqual([visible(EVIL_GATE), visible(EVIL_RULE)]);
  });
});

describe('paths in the configuration, as the json format reports them', () => {
  it('a directory named with a right-to-left override and a bell, given to extend, is shown escaped', () => {
    const repo = mkdtempSync(join(tmpdir(), 'mesh-assess-hostile-repo-'));
    mkdirSync(join(repo, '.git'));
    copyFileSync(join(ROOT, 'examples', 'minimal.yaml'), join(repo, 'org.yaml'));
    const ext = 'pol\u202eicy\u0007';
    mkdirSync(join(repo, ext));
    writeFileSync(join(repo, ext, 'scoring.yaml'), 'weights: {}\n');
    writeFileSync(join(repo, '.mesh-assess.yaml'), `extend: [${JSON.stringify(ext)}]\nformat: json\n`);
    const r = spawnSync(process.execPath, [CLI, 'org.yaml'], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(UNSAFE_OUT);
    expect((JSON.parse(r.stdout) as { config: { extend: string[] } }).config.extend).toEqual([visible(ext)]);
  });
});

describe('bytes that are not UTF-8 in the files a pull request controls: located, with the advice to save as UTF-8', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  const cases: [file: string, content: Buffer, args: string[], where: string][] = [
    ['.mesh-assess.yaml', latin1('waivers:\n  - rule: retry-stacking\n    reason: Caf\xe9 budget\n'), [], '.mesh-assess.yaml:3:16'],
    ['waivers.yaml', latin1('waivers:\n  - rule: retry-stacking\n    owner: M\xfcller\n'), ['--waivers', 'waivers.yaml'], 'waivers.yaml:3:13'],
    ['baseline.json', latin1('{\n  "file": "caf\xe9.yaml"\n}\n'), ['--baseline', 'baseline.json'], 'baseline.json:2:15'],
  ];

  it.each(cases)('%s', (name, content, args, where) => {
    const repo = mkdtempSync(join(tmpdir(), 'mesh-assess-hostile-repo-'));
    mkdirSync(join(repo, '.git'));
    copyFileSync(join(ROOT, 'examples', 'minimal.yaml'), join(repo, 'org.yaml'));
    writeFileSync(join(repo, name), content);
    const r = spawnSync(process.execPath, [CLI, 'org.yaml', ...args], { cwd: repo, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${where} bytes that are not UTF-8 text; save the file as UTF-8\n`);
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

describe('build-time variables in the environment of a run', () => {
  // The build once asked the bin, through these, to run extra argument lists and to write its code
  // cache; a run given them must behave exactly as one without.
  const VARIABLES: [what: string, env: (cli: string, scratch: string) => Record<string, string>][] = [
    ['warm-up runs that are not JSON', (cli) => ({ MESH_ASSESS_WRITE_CACHE: join(cli, 'mesh-assess.cache'), MESH_ASSESS_WARM_RUNS: '{' })],
    ['warm-up runs that write a file', (cli, scratch) => ({ MESH_ASSESS_WRITE_CACHE: join(scratch, 'x.cache'), MESH_ASSESS_WARM_RUNS: JSON.stringify([['init', join(scratch, 'planted.yaml')]]) })],
    ['the cache written over the shipped one', (cli) => ({ MESH_ASSESS_WRITE_CACHE: join(cli, 'mesh-assess.cache'), MESH_ASSESS_WARM_RUNS: '[]' })],
  ];

  it.each(VARIABLES)('%s: the same output, no file written, no stack trace', (_what, variables) => {
    // A copy of the built CLI, so that a cache written over is seen, and the suite's own is untouched.
    const scratch = mkdtempSync(join(tmpdir(), 'mesh-assess-buildvars-'));
    const cli = join(scratch, 'cli');
    mkdirSync(cli);
    for (const name of readdirSync(join(ROOT, 'dist'))) writeFileSync(join(cli, name), readFileSync(join(ROOT, 'dist', name)));
    // Each file as a digest: comparing buffers of hundreds of KiB element by element is slow.
    const files = () => readdirSync(cli).map((n) => `${n} ${createHash('sha256').update(readFileSync(join(cli, n))).digest('hex')}`);
    const before = files();
    const spawn = (env: Record<string, string>) =>
      spawnSync(process.execPath, [join(cli, 'mesh-assess.js'), '--format', 'json', 'examples/minimal.yaml'], { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env }, timeout: 60_000 });
    const plain = spawn({});
    const given = spawn(variables(cli, scratch));
    expect(given.status).toBe(0);
    expect(given.stdout).toBe(plain.stdout);
    expect(given.stderr).toBe('');
    expect(readdirSync(scratch)).toEqual(['cli']);
    expect(files()).toEqual(before);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/** Every file the package ships, each with why. Anything else in the tarball fails the test. */
const SHIPS: [file: RegExp, why: string][] = [
  [/^package\.json$/, 'the manifest: the bin, and no dependency or install-time script'],
  [/^(README\.md|LICENSE)$/, 'npm ships them whatever `files` says: the documentation and the licence'],
  [/^action\/mesh-assess\.js$/, "the bin: turns on Node's compile cache and requires the bundle"],
  [/^action\/package\.json$/, 'says the bin is CommonJS, whose loader starts faster'],
  [/^action\/mesh-assess\.cjs$/, 'the CLI, bundled with its runtime dependencies but zod and yaml'],
  [/^action\/mesh-assess-(zod|yaml)\.cjs$/, 'zod and yaml, each bundled on its own, which the CLI requires when a run first needs it'],
  [/^action\/builtin-rubric\.json$/, 'the built-in rubric, validated at build time, which an assessment reads'],
  [/^action\/linguist-languages\.json$/, "GitHub Linguist's languages, which discover --repos reads on first use"],
  [/^rubrics\/[\w-]+(\.test)?\.yaml$/, 'the built-in rubric files, which --extend, the test command and `rubrics` read'],
  [/^schema\/(questionnaire|assessment)\.schema\.json$/, "the schemas, which init's modeline and editors point at"],
];

/** Scripts npm runs when it installs a package, or prepares one from git or a directory (pacote). */
const INSTALL_TIME = ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack', 'build'];

/**
 * The package as npm would publish it: packed from the committed build in action/ (npm pack runs
 * no script: there is none), unpacked in a scratch directory, and run from there with nothing else
 * around.
 */
describe('the npm package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-pack-'));
  const packed = execFileSync('npm', ['pack', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  const pkg = join(dir, 'package');
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts?: Record<string, string>; dependencies?: object; optionalDependencies?: object; peerDependencies?: object; bundleDependencies?: unknown };
  const bin = join(pkg, manifest.bin['mesh-assess']!);
  const work = mkdtempSync(join(tmpdir(), 'mesh-assess-pack-work-'));
  writeFileSync(join(work, 'org.yaml'), readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8'));
  const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

  it('npm pack --dry-run lists exactly the files that have a reason to ship, and each reason is used', () => {
    const listed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' })) as { files: { path: string }[] }[];
    const files = listed[0]!.files.map((f) => f.path).sort();
    for (const file of files) expect(SHIPS.some(([re]) => re.test(file)), `${file} ships with no reason given here`).toBe(true);
    for (const [re, why] of SHIPS) expect(files.some((f) => re.test(f)), `nothing ships for: ${why}`).toBe(true);
    // The committed build, not dist/ (which is what the last local build left, and not committed).
    expect(files.filter((f) => f.startsWith('action/'))).toEqual(['action/builtin-rubric.json', 'action/linguist-languages.json', 'action/mesh-assess-yaml.cjs', 'action/mesh-assess-zod.cjs', 'action/mesh-assess.cjs', 'action/mesh-assess.js', 'action/package.json']);
  });

  it('has no dependency to download and no script that runs when it is installed', () => {
    // The bundles carry chalk, commander, yaml and zod: they are dev dependencies of the build.
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies'] as const) expect(manifest[field], field).toBeUndefined();
    for (const script of INSTALL_TIME) expect(manifest.scripts?.[script], `scripts.${script}`).toBeUndefined();
    // npm pack printed the tarball's name and nothing else, which pre-commit 4.6.0 and earlier read.
    expect(packed).toBe(`${tarball}\n`);
  });

  it('ships its bin, and runs an assessment, validate, the HTML summary and init from the package alone', () => {
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(cli(['org.yaml'])).toMatchObject({ status: 0, stderr: '' });
    expect(cli(['validate', 'org.yaml']).stdout).toBe('org.yaml: valid\n');
    expect(cli(['summary', '--html', 'org.yaml']).stdout).toMatch(/^<!DOCTYPE html>/i);
    expect(cli(['explain', 'no-platform-team']).status).toBe(0);
    expect(cli(['init', 'new.yaml']).status).toBe(0);
    // init's modeline resolves to the schema the package ships.
    const schema = /\$schema=(.+)$/m.exec(readFileSync(join(work, 'new.yaml'), 'utf8'))![1]!;
    expect(resolve(dirname(join(work, 'new.yaml')), schema)).toBe(join(pkg, 'schema', 'questionnaire.schema.json'));
    expect(existsSync(join(pkg, 'schema', 'questionnaire.schema.json'))).toBe(true);
  });

  it('gives no hint that points at files it does not ship', () => {
    expect(existsSync(join(pkg, 'examples'))).toBe(false);
    const missing = cli(['nothere.yaml']);
    const empty = (writeFileSync(join(work, 'empty.yaml'), ''), cli(['empty.yaml']));
    for (const r of [missing, empty]) {
      expect(r.status).toBe(2);
      expect(r.stderr).not.toMatch(/examples\//);
      expect(r.stderr).toMatch(/mesh-assess init/);
    }
  });

  it('installs into an empty prefix as npm install --global does, offline with an empty cache, printing no warning, and runs', () => {
    // Offline and with an empty cache, npm would fail on anything it had to download.
    const prefix = mkdtempSync(join(tmpdir(), 'mesh-assess-prefix-'));
    const cache = mkdtempSync(join(tmpdir(), 'mesh-assess-npm-cache-'));
    const r = spawnSync('npm', ['install', '--global', '--prefix', prefix, '--cache', cache, '--offline', '--no-audit', '--no-fund', join(dir, tarball)], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^added 1 package in /m);
    expect(readdirSync(join(prefix, 'lib', 'node_modules'))).toEqual(['mesh-assess']);
    expect(existsSync(join(prefix, 'lib', 'node_modules', 'mesh-assess', 'node_modules'))).toBe(false);
    const installed = join(prefix, 'bin', 'mesh-assess');
    const run = spawnSync(installed, ['org.yaml', '--format', 'json'], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).verdict).toBe('adopt');
    expect(spawnSync(installed, ['validate', 'org.yaml'], { cwd: work, encoding: 'utf8' }).stdout).toBe('org.yaml: valid\n');
  }, 180_000);
});

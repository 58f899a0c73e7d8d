import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

/**
 * The package as npm would publish it: packed (without rebuilding: the tests run on the build
 * npm test made), unpacked in a scratch directory, and run from there with nothing else around.
 */
describe('the npm package', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-pack-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir]);
  const pkg = join(dir, 'package');
  const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  const bin = join(pkg, manifest.bin['mesh-assess']!);
  const work = mkdtempSync(join(tmpdir(), 'mesh-assess-pack-work-'));
  writeFileSync(join(work, 'org.yaml'), readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8'));
  const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });

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

  // Installing fetches the runtime dependencies npm lists from the registry: .ci/run asks for it.
  it.runIf(process.env.MESH_ASSESS_INSTALL_TEST === 'required')('installs into a prefix as npm install --global does, and the installed mesh-assess runs', () => {
    const prefix = mkdtempSync(join(tmpdir(), 'mesh-assess-prefix-'));
    execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', join(dir, tarball)], { encoding: 'utf8', timeout: 240_000 });
    const installed = join(prefix, 'bin', 'mesh-assess');
    const r = spawnSync(installed, ['org.yaml', '--format', 'json'], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe('adopt');
    expect(spawnSync(installed, ['validate', 'org.yaml'], { cwd: work, encoding: 'utf8' }).stdout).toBe('org.yaml: valid\n');
  }, 300_000);
});

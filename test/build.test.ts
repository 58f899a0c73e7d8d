import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, rubric } from './helpers.js';

describe('the build', () => {
  it('makes a bin that runs by its shebang, as npx and a global install run it', () => {
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs without its code cache, only slower (a cache another Node rejects is the same)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-nocache-'));
    for (const f of ['mesh-assess.js', 'mesh-assess.cjs', 'builtin-rubric.json']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    const r = spawnSync(process.execPath, [join(dir, 'mesh-assess.js'), '--format', 'json', join(ROOT, 'examples', 'minimal.yaml')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).org).toBe('Tiny Tickets');
  });

  it('on a Node other than the one it was built with, requires the bundle instead of using the cache', () => {
    // There Node's own compile cache, where it has one (22.1 and later), takes the V8 cache's place.
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-othernode-'));
    for (const f of ['mesh-assess.cjs', 'mesh-assess.cache', 'builtin-rubric.json', 'package.json']) copyFileSync(join(ROOT, 'dist', f), join(dir, f));
    const launcher = readFileSync(join(ROOT, 'dist', 'mesh-assess.js'), 'utf8');
    expect(launcher).toContain(`const BUILT_WITH = ${JSON.stringify(process.version)};`);
    writeFileSync(join(dir, 'mesh-assess.js'), launcher.replace(/const BUILT_WITH = .*;/, 'const BUILT_WITH = "v0.0.0";'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));");
    const r = spawnSync(process.execPath, ['--require', probe, join(dir, 'mesh-assess.js'), '--format', 'json', join(ROOT, 'examples', 'minimal.yaml')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).org).toBe('Tiny Tickets');
    expect(JSON.parse(r.stderr) as string[]).not.toContain('NativeModule vm');
  });

  it('loads no Node module at start-up that a run does not use', () => {
    // child_process (commander's separate-program subcommands), readline (init --interactive) and
    // tty (chalk's colour detection) each take milliseconds to load.
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-modules-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));");
    const r = spawnSync(process.execPath, ['--require', probe, CLI, '--format', 'json', join(ROOT, 'examples', 'acme-payments.yaml')], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const loaded = JSON.parse(r.stderr) as string[];
    expect(loaded).toContain('NativeModule vm');
    for (const name of ['child_process', 'readline', 'tty']) expect(loaded).not.toContain(`NativeModule ${name}`);
  });

  it('ships the built-in rubric exactly as validating its YAML gives it', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin-rubric.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(rubric())));
  });
});

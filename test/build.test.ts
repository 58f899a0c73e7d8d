import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT, rubric } from './helpers.js';

describe('the build', () => {
  it('makes a bin that runs by its shebang, as npx and a global install run it', () => {
    const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('ships no V8 code cache: the launcher turns on Node\'s own compile cache where Node has one', () => {
    // A V8 cache fits only the Node that made it; the package runs on whatever Node its user has.
    expect(readdirSync(join(ROOT, 'dist')).sort()).toEqual(['builtin-rubric.json', 'linguist-languages.json', 'mesh-assess-yaml.cjs', 'mesh-assess-zod.cjs', 'mesh-assess.cjs', 'mesh-assess.js', 'package.json']);
    const cacheDir = mkdtempSync(join(tmpdir(), 'mesh-assess-compile-cache-'));
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', join(ROOT, 'examples', 'minimal.yaml')], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NODE_COMPILE_CACHE: cacheDir } });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).org).toBe('Tiny Tickets');
    // Node 22.1 and later write their cache where NODE_COMPILE_CACHE says; Node 20 has none.
    const written = readdirSync(cacheDir, { recursive: true }).length > 0;
    expect(written).toBe('enableCompileCache' in nodeModule);
  });

  it('loads no Node module at start-up that a run does not use', () => {
    // child_process (commander's separate-program subcommands), readline (init --interactive) and
    // tty (chalk's colour detection) each take milliseconds to load, and crypto (the digest of a
    // rubric read from files) about ten.
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-modules-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));");
    // Output to a pipe, and thrown away: /dev/null is a character device, like a terminal, but never
    // one. Windows has no /dev/null to tell its null device by, so there tty is asked.
    for (const stdout of process.platform === 'win32' ? (['pipe'] as const) : (['pipe', 'ignore'] as const)) {
      const r = spawnSync(process.execPath, ['--require', probe, CLI, '--format', 'json', join(ROOT, 'examples', 'acme-payments.yaml')], { encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'] });
      expect(r.status).toBe(0);
      const loaded = JSON.parse(r.stderr) as string[];
      for (const name of ['child_process', 'readline', 'tty', 'crypto']) expect(loaded).not.toContain(`NativeModule ${name}`);
    }
  });

  it('loads zod and yaml from their own bundles only when a run needs them', () => {
    // A valid questionnaire on the built-in rubric, in block, flow and mixed style, needs neither;
    // an invalid one needs zod to say what is wrong and the parser to say where, as a custom rubric does.
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-vendored-'));
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, "process.on('exit', () => process.stderr.write(JSON.stringify(Object.keys(require.cache).map((f) => require('node:path').basename(f)))));");
    const flow = join(dir, 'flow.yaml');
    writeFileSync(flow, JSON.stringify(parse(readFileSync(join(ROOT, 'examples', 'acme-payments.yaml'), 'utf8'))));
    const mixed = join(ROOT, 'examples', 'mixed-style.yaml');
    const invalid = join(dir, 'invalid.yaml');
    writeFileSync(invalid, 'version: 1\norg: { name: Broken }\nservices: { count: -4 }\n');
    const loaded = (args: string[], status: number) => {
      const r = spawnSync(process.execPath, ['--require', probe, CLI, ...args], { encoding: 'utf8' });
      expect(r.status).toBe(status);
      return (JSON.parse(r.stderr.slice(r.stderr.lastIndexOf('['))) as string[]).filter((f) => f.startsWith('mesh-assess-'));
    };
    expect(loaded(['--format', 'json', join(ROOT, 'examples', 'acme-payments.yaml')], 0)).toEqual([]);
    expect(loaded(['--format', 'json', flow], 0)).toEqual([]);
    expect(loaded(['--format', 'json', mixed], 0)).toEqual([]);
    expect(loaded(['--format', 'json', invalid], 2).sort()).toEqual(['mesh-assess-yaml.cjs', 'mesh-assess-zod.cjs']);
    expect(loaded(['--format', 'json', '--extend', join(ROOT, 'test', 'fixtures', 'extension'), join(ROOT, 'examples', 'acme-payments.yaml')], 0).sort()).toEqual(['mesh-assess-yaml.cjs', 'mesh-assess-zod.cjs']);
  });

  it('ships the built-in rubric exactly as validating its YAML gives it', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin-rubric.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(rubric())));
  });
});

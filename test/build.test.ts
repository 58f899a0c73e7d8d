import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
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

  it('ships the built-in rubric exactly as validating its YAML gives it', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin-rubric.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(rubric())));
  });
});

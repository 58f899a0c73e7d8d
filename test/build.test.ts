import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

  it('ships the built-in rubric exactly as validating its YAML gives it', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin-rubric.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(rubric())));
  });
});

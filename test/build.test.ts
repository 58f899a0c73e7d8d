import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, rubric } from './helpers.js';

describe('the build', () => {
  it('ships the built-in rubric exactly as validating its YAML gives it', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'dist', 'builtin-rubric.json'), 'utf8')) as unknown;
    expect(shipped).toEqual(JSON.parse(JSON.stringify(rubric())));
  });
});

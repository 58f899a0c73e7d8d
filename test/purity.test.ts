import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('the pure core', () => {
  const core = walk(join(ROOT, 'src', 'core'));

  it.each(core.map((f) => [f.slice(ROOT.length + 1), f]))('%s imports no I/O, process, colour or CLI module', (_name, file) => {
    for (const spec of imports(file)) {
      expect(spec).not.toMatch(/^(node:)?(fs|fs\/promises|process|child_process|os|path|net|http|https)$/);
      expect(spec).not.toMatch(/^(chalk|commander|cli-table3)$/);
      expect(spec.startsWith('.') ? spec.includes('/cli') || spec.includes('/render') : false).toBe(false);
    }
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\bprocess\.|\bconsole\.|Date\.now|new Date|Math\.random/);
  });

  it('only the entry files touch the process (the CLI, and the build steps that check the rubric and read the questionnaire shape)', () => {
    const entries = [join('src', 'cli.ts'), join('src', 'build', 'compile-rubric.ts'), join('src', 'build', 'questionnaire-shape.ts')];
    const src = walk(join(ROOT, 'src')).filter((f) => !entries.some((e) => f.endsWith(e)));
    for (const f of src) expect(readFileSync(f, 'utf8'), f).not.toMatch(/process\.(exitCode|exit|argv|env|stdout|stderr)/);
  });

  it('no code is ever built from data', () => {
    for (const f of walk(join(ROOT, 'src'))) expect(readFileSync(f, 'utf8'), f).not.toMatch(/\beval\(|new Function\(|import\(/);
  });
});

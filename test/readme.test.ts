import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fields } from '../src/core/questionnaire/fields.js';
import { ROOT, examples } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('opens with the two set-up commands', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm install && npx mesh-assess examples/acme-payments.yaml\nnpm test\n');
  });

  it('documents every questionnaire field', () => {
    for (const f of fields().values()) if (f.kind !== 'section') expect(readme, f.path).toContain(`\`${f.path}\``);
  });

  it('lists every example', () => {
    for (const e of examples()) expect(readme).toContain(`\`${e}\``);
  });
});

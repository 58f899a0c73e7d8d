import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fields } from '../src/core/questionnaire/fields.js';
import { ROOT, examples, runMain } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('opens with the two set-up commands', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm install && npx mesh-assess examples/acme-payments.yaml\nnpm test\n');
  });

  it('documents every questionnaire field', () => {
    for (const f of fields().values()) if (f.kind !== 'section') expect(readme, f.path).toContain(`\`${f.path}\``);
  });

  it("shows the sample output of the command it names, piece by piece in order", () => {
    const [, command, sample] = /A `defer`, from `npx (mesh-assess [^`]+)` \(shortened where `\.\.\.` stands\):\n\n```text\n([\s\S]*?)```/.exec(readme) ?? [];
    expect(command).toBe('mesh-assess examples/no-standing-budget.yaml');
    const out = runMain(command!.split(' ').slice(1)).stdout;
    let from = 0;
    for (const piece of sample!.split(/^\.\.\.\n/m)) {
      const at = out.indexOf(piece, from);
      expect(at, piece).toBeGreaterThanOrEqual(0);
      from = at + piece.length;
    }
  });

  it('lists every example', () => {
    for (const e of examples()) expect(readme).toContain(`\`${e}\``);
  });
});

import { describe, expect, it } from 'vitest';
import { examples, json, run } from './helpers.js';

describe('the built CLI', () => {
  it.each(examples())('assesses %s with exit 0 in both formats', (file) => {
    const term = run([file]);
    expect(term.code).toBe(0);
    expect(term.stderr).toBe('');
    expect(term.stdout).toMatch(/^mesh-assess /);
    const a = json([file]);
    expect(['adopt', 'defer', 'alternative']).toContain(a.verdict);
    expect(a.reasons.length).toBeGreaterThanOrEqual(3);
  });

  it('prints byte-identical JSON for the same input', () => {
    const a = run(['--format', 'json', 'examples/acme-payments.yaml']);
    const b = run(['--format', 'json', 'examples/acme-payments.yaml']);
    expect(a.stdout).toBe(b.stdout);
  });
});

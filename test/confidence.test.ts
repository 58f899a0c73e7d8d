import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fields } from '../src/core/questionnaire/fields.js';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText } from './assessing.js';

describe('unknown is not false', () => {
  // Each with the answer that makes its confidence what it is: an open question whose answer alone
  // changes the verdict makes it low; with none, open questions that could still move it make it medium.
  const REQUIRED_ONLY: [string, string, 'low' | 'medium', { path: string; value: unknown; was: null; verdict: string } | null][] = [
    // Its one flip needs a fact changed (a mandate, and 12 services made 20): no plausible change moves it.
    ['the minimal example', readFileSync('examples/minimal.yaml', 'utf8'), 'medium', null],
    // Answering that the estate is a monolith turns the defer into alternative.
    ['a large polyglot fleet with a platform team', yamlOf(variant(neutral(), { 'services.count': 300, 'services.languages': ['go', 'java', 'python', 'rust'] })), 'low', { path: 'services.architecture', value: 'monolith', was: null, verdict: 'alternative' }],
    // Need sits at the threshold: answering that mTLS is already everywhere takes it under.
    ['a mid-size fleet', yamlOf(neutral()), 'low', { path: 'security.mtls_today', value: 'everywhere', was: null, verdict: 'alternative' }],
  ];

  it.each(REQUIRED_ONLY)('a questionnaire with only the required fields is never high confidence unless a hard rule decides it: %s', (_name, text, confidence, first) => {
    const a = assessText(text);
    expect(a.confidence).toBe(confidence);
    if (first) {
      const { verdict, ...c } = first;
      expect(a.flips[0]).toEqual({ changes: [c], verdict, kind: 'answer' });
    } else {
      expect(a.flips.map((f) => f.kind)).toEqual(a.flips.map(() => 'fact'));
      expect(a.unknowns.length).toBeGreaterThan(0);
    }
  });

  it('a hard rule on a required answer decides with high confidence whatever is left out', () => {
    const a = assessText(yamlOf(variant(neutral(), { 'services.count': 5, 'services.languages': ['go'], 'platform_team.exists': false })));
    expect(a.verdict).toBe('alternative');
    expect(a.gates).toContain('handful-of-services');
    expect(a.confidence).toBe('high');
  });

  it('a rule on a missing answer does not fire, and its field becomes a question', () => {
    const a = assessText(yamlOf(neutral()));
    expect(a.reasons.map((r) => r.rule)).not.toContain('compliance-mandate');
    expect(a.reasons.map((r) => r.rule)).not.toContain('no-compliance-forcing-function');
    const mandate = a.unknowns.find((u) => u.path === 'security.mandate')!;
    expect(mandate.question).toBe(fields().get('security.mandate')!.question);
    expect(mandate.rules).toEqual(expect.arrayContaining(['compliance-mandate', 'no-compliance-forcing-function']));
  });

  it('unknowns that could flip the verdict make confidence low', () => {
    // need sits just under the threshold; an unanswered canary need could carry it over.
    const a = assessText(yamlOf(variant(neutral(), { 'security.mandate': 'none' })));
    expect(a.verdict).toBe('alternative');
    expect(a.confidence).toBe('low');
    expect(a.flips).toContainEqual({ changes: [{ path: 'traffic.canary', value: 'required', was: null }], verdict: 'defer', kind: 'answer' });
  });

  it('a fully answered questionnaire has no unknowns and high confidence', () => {
    const a = assessText(yamlOf(acme()));
    expect(a.unknowns).toEqual([]);
    expect(a.confidence).toBe('high');
  });

  // Examples below high, so that a rise would be visible.
  it.each(['examples/no-platform-team.yaml', 'examples/no-standing-budget.yaml'])(
    'leaving out answers of %s never raises its confidence',
    (file) => {
      const order = { low: 0, medium: 1, high: 2 };
      const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
      const full = assessText(yamlOf(data));
      for (const section of ['security', 'traffic', 'observability', 'incidents', 'leadership', 'kubernetes', 'governance']) {
        const partial = assessText(yamlOf(variant(data, { [section]: undefined })));
        expect(order[partial.confidence], section).toBeLessThanOrEqual(order[full.confidence]);
      }
    },
  );

  it('the same answers left out can lower confidence from high', () => {
    // To low: leadership refusing the standing cost, a question now open, would be a gate alone.
    const a = assessText(yamlOf(variant(acme(), { security: undefined, leadership: undefined })));
    expect(a.confidence).toBe('low');
    expect(a.flips[0]).toEqual({ changes: [{ path: 'leadership.accepts_standing_cost', value: false, was: null }], verdict: 'defer', kind: 'answer' });
  });

  it('unknowns are ordered by how much hangs on them, then by path', () => {
    const a = assessText(readFileSync('examples/minimal.yaml', 'utf8'));
    expect(a.unknowns.length).toBeGreaterThan(5);
    expect(a.unknowns[0]!.path).toBe('security.mandate');
  });
});

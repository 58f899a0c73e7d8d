import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { acme, neutral, variant, yamlOf } from './fixtures.js';
import { assessText } from './assessing.js';

describe('unknown is not no', () => {
  it('a strong fleet with only the required answers and Kubernetes in use defers with low confidence, never alternative', () => {
    const a = assessText(yamlOf(variant(neutral(), { 'services.count': 400, 'services.languages': ['go', 'java', 'python'], 'kubernetes.in_use': true })));
    expect(a.verdict).toBe('defer');
    expect(a.confidence).toBe('low');
    // The first reason says why: readiness is not shown yet, and which questions would show it.
    expect(a.reasons[0]).toMatchObject({ rule: 'readiness-score', effect: { kind: 'axis', met: false } });
    expect(a.reasons[0]!.message).toMatch(/unanswered question/);
  });

  it('answering nothing about need leaves need at its prior, not below the threshold', () => {
    const a = assessText(yamlOf(neutral()));
    expect(a.scores.need).toBe(50);
    expect(a.verdict).not.toBe('alternative');
  });

  it('400 services in two languages with a funded team and canary needs adopts', () => {
    const a = assessText(yamlOf(variant(acme(), { 'services.count': 400, 'services.languages': ['go', 'java'], 'security.mandate': 'none', 'traffic.canary': 'required' })));
    expect(a.verdict).toBe('adopt');
    expect(a.reasons.map((r) => r.rule)).toContain('fleet-scale-polyglot');
  });

  it('a fully answered clear profile is high confidence', () => {
    expect(assessText(yamlOf(acme())).confidence).toBe('high');
  });
});

describe('flips', () => {
  it.each([['acme', acme()], ['neutral', neutral()], ['no mandate', variant(neutral(), { 'security.mandate': 'none' })]])('each flip of %s gives the verdict it claims, and no flip is a superset of another', (_name, data) => {
    const a = assessText(yamlOf(data));
    // Five: more than five sets of changes move each of these verdicts (each hard rule on an
    // answer given, each open question that settles need), and the list stops at five.
    expect(a.flips).toHaveLength(5);
    for (const f of a.flips) {
      const changed = assessText(yamlOf(variant(data, Object.fromEntries(f.changes.map((c) => [c.path, c.value])))));
      expect(changed.verdict, JSON.stringify(f)).toBe(f.verdict);
      expect(f.verdict).not.toBe(a.verdict);
    }
    const sets = a.flips.map((f) => f.changes.map((c) => c.path));
    for (const s of sets) for (const t of sets) if (s !== t && t.length > s.length) expect(s.every((p) => t.includes(p)) && a.flips[sets.indexOf(s)]!.verdict === a.flips[sets.indexOf(t)]!.verdict).toBe(false);
  });

  it('tells the answers to check from the facts that would have to differ', () => {
    const kinds = (file: string) => assessText(readFileSync(file, 'utf8')).flips.map((f) => `${f.changes.map((c) => `${c.path}=${String(c.value)}`).join(' + ')} ${f.kind}`);
    // A question left open is an answer to check; 9 services where there are 140, or edge-only
    // routing where the answer says otherwise, are facts of the organisation.
    expect(kinds('examples/no-platform-team.yaml')).toEqual(['traffic.north_south_only=true fact', 'services.count=9 fact']);
    expect(kinds('examples/no-standing-budget.yaml')[0]).toBe('traffic.north_south_only=true answer');
    expect(kinds('examples/no-standing-budget.yaml').slice(1).every((k) => k.endsWith(' fact'))).toBe(true);
    // A number one short of where it stands is within the plausible margin: an answer to check.
    expect(kinds('examples/streaming-latency.yaml')).toContain('traffic.latency_budget_ms=59 answer');
  });

  it('lists one change before two, and a question answered before an answer changed', () => {
    const flips = assessText(yamlOf(variant(neutral(), { 'security.mandate': 'none' }))).flips;
    const sizes = flips.map((f) => f.changes.length);
    expect(sizes).toEqual([...sizes].sort());
    expect(flips[0]!.changes.every((c) => c.was === null)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { assess } from '../src/core/decision/assess.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import type { Rubric } from '../src/core/rubric/rubric.js';
import { baseOf, fixture, RULE_FIXTURES, yamlOf } from './fixtures.js';
import { assessText, rubric } from './helpers.js';

const without = (r: Rubric, id: string): Rubric => {
  const weights = { ...r.scoring.weights };
  delete weights[id];
  return { ...r, rules: r.rules.filter((x) => x.id !== id), scoring: { ...r.scoring, weights } };
};

const outcome = (text: string, r: Rubric) => {
  const q = loadQuestionnaire('f.yaml', text);
  if (!q.ok) throw new Error(JSON.stringify(q.problems));
  const a = assess(q.value, r);
  return { verdict: a.verdict, scores: a.scores, gates: a.gates, risks: a.reasons.filter((x) => x.effect.kind === 'risk').map((x) => x.rule) };
};

describe('every rule', () => {
  const ids = rubric().rules.map((r) => r.id);

  it('has a fixture, and every fixture names a rule', () => {
    expect(Object.keys(RULE_FIXTURES).sort()).toEqual([...ids].sort());
  });

  it.each(ids)('%s has a source and a reason', (id) => {
    const rule = rubric().rules.find((r) => r.id === id)!;
    expect(rule.source.document.length).toBeGreaterThan(0);
    expect(rule.source.section.length).toBeGreaterThan(0);
    expect(rule.reason.length).toBeGreaterThan(20);
  });

  it.each(ids)('%s fires on its fixture and not on the fixture base', (id) => {
    const base = baseOf(id);
    expect(assessText(yamlOf(fixture(id))).reasons.map((r) => r.rule)).toContain(id);
    expect(assessText(yamlOf(base)).reasons.map((r) => r.rule)).not.toContain(id);
  });

  it.each(ids)('removing %s from the rubric changes the outcome of its fixture', (id) => {
    const text = yamlOf(fixture(id));
    expect(outcome(text, without(rubric(), id))).not.toEqual(outcome(text, rubric()));
  });

  it.each(ids)('%s fills every placeholder of its reason', (id) => {
    const reason = assessText(yamlOf(fixture(id))).reasons.find((r) => r.rule === id)!;
    expect(reason.message).not.toMatch(/[{}]/);
    expect(reason.message).not.toContain('undefined');
  });
});

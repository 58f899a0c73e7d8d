import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefOf } from '../src/core/brief.js';
import { assessText, examples } from './helpers.js';

const LATER = ['reasons', 'unknowns', 'toAdopt', 'recommendation', 'cost', 'alternatives', 'risks', 'rollout', 'checklist', 'runbook'] as const;
const computed = (a: object, key: string) => 'value' in Object.getOwnPropertyDescriptor(a, key)!;

describe('an assessment computes its parts when they are first read', () => {
  it.each(examples().map((f) => [f.split('/').pop()!, f]))('%s: a portfolio row leaves the rest uncomputed', (_name, file) => {
    const a = assessText(readFileSync(file, 'utf8'));
    const brief = briefOf(a);
    expect(brief.mesh).toBe(a.recommendation?.mesh ?? null);
    for (const key of LATER.filter((k) => k !== 'recommendation')) expect(computed(a, key), key).toBe(false);
  });

  it.each(examples().map((f) => [f.split('/').pop()!, f]))('%s: read in any order, the parts and their JSON are the same', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const first = JSON.stringify(assessText(text));
    const backwards = assessText(text);
    for (const key of [...LATER].reverse()) void backwards[key];
    expect(LATER.every((k) => computed(backwards, k))).toBe(true);
    expect(JSON.stringify(backwards)).toBe(first);
    expect(Object.keys(backwards)).toEqual(Object.keys(JSON.parse(first) as object));
  });
});

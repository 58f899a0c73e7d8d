import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { briefOf } from '../src/render/summary/brief.js';
import { later } from '../src/core/lazy/later.js';
import { assessText, examples } from './helpers.js';

const LATER = ['reasons', 'unknowns', 'toAdopt', 'recommendation', 'cost', 'alternatives', 'risks', 'rollout', 'checklist', 'runbook'] as const;
const computed = (a: object, key: string) => 'value' in Object.getOwnPropertyDescriptor(a, key)!;

describe('an assessment computes its parts when they are first read', () => {
  it.each(examples().map((f) => [f.split('/').pop()!, f]))('%s: a portfolio row leaves the rest uncomputed', (_name, file) => {
    const a = assessText(readFileSync(file, 'utf8'));
    const brief = briefOf(a);
    expect(brief.mesh).toBe(a.verdict === 'alternative' ? null : (a.recommendation?.mesh ?? null));
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

describe('later', () => {
  it('gives every object the same getter for a property, holding no closure of its own', () => {
    // A getter made per object gave each its own hidden class and kept its closure alive until a
    // full collection: a thousand-file portfolio spent a fifth of its time collecting garbage.
    const [a, b] = examples().slice(0, 2).map((f) => assessText(readFileSync(f, 'utf8')));
    for (const key of LATER) expect(Object.getOwnPropertyDescriptor(a!, key)!.get, key).toBe(Object.getOwnPropertyDescriptor(b!, key)!.get);
  });

  it('keeps its bookkeeping out of keys, JSON and spreads', () => {
    const obj = { a: 1 } as { a: number; b: number };
    later(obj, 'b', () => 2);
    expect(Object.keys(obj)).toEqual(['a', 'b']);
    expect(JSON.stringify(obj)).toBe('{"a":1,"b":2}');
    expect(Reflect.ownKeys({ ...obj })).toEqual(['a', 'b']);
  });
});

import { describe, expect, it } from 'vitest';
import { evaluate, pathsOf, type Truth } from '../src/core/rubric/condition.js';
import type { Value } from '../src/core/questionnaire/derive.js';
import type { Condition } from '../src/core/rubric/schema.js';

const answers = new Map<string, Value>([
  ['services.count', 40],
  ['services.languages', ['go', 'java']],
  ['security.mandate', 'required'],
  ['platform_team.exists', true],
  ['kubernetes.cni', 'Cilium 1.16'],
]);

const T = { path: 'services.count', gt: 10 } satisfies Condition;
const F = { path: 'services.count', lt: 10 } satisfies Condition;
const U = { path: 'traffic.canary', equals: 'required' } satisfies Condition;

const CASES: [string, Condition, Truth][] = [
  ['equals, true', { path: 'security.mandate', equals: 'required' }, true],
  ['equals, false', { path: 'security.mandate', equals: 'none' }, false],
  ['equals on a boolean', { path: 'platform_team.exists', equals: true }, true],
  ['not_equals, true', { path: 'security.mandate', not_equals: 'none' }, true],
  ['not_equals, false', { path: 'security.mandate', not_equals: 'required' }, false],
  ['lt at the boundary', { path: 'services.count', lt: 40 }, false],
  ['lte at the boundary', { path: 'services.count', lte: 40 }, true],
  ['gt at the boundary', { path: 'services.count', gt: 40 }, false],
  ['gte at the boundary', { path: 'services.count', gte: 40 }, true],
  ['in, member', { path: 'security.mandate', in: ['planned', 'required'] }, true],
  ['in, not a member', { path: 'security.mandate', in: ['none'] }, false],
  ['contains, present', { path: 'services.languages', contains: 'java' }, true],
  ['contains ignores case', { path: 'services.languages', contains: 'Go' }, true],
  ['contains, absent', { path: 'services.languages', contains: 'rust' }, false],
  ['contains on text finds a part, ignoring case', { path: 'kubernetes.cni', contains: 'cilium' }, true],
  ['contains on text, absent', { path: 'kubernetes.cni', contains: 'calico' }, false],
  ['known on an answer', { path: 'services.count', known: true }, true],
  ['known on a missing answer', { path: 'traffic.canary', known: true }, false],
  ['unknown on a missing answer', { path: 'traffic.canary', unknown: true }, true],
  ['unknown on an answer', { path: 'services.count', unknown: true }, false],
  ['any comparison on a missing answer', U, 'unknown'],
  ['lt on a missing answer', { path: 'traffic.latency_budget_ms', lt: 5 }, 'unknown'],
  ['all: true and true', { all: [T, T] }, true],
  ['all: false beats unknown', { all: [U, F] }, false],
  ['all: true and unknown', { all: [T, U] }, 'unknown'],
  ['any: true beats unknown', { any: [U, T] }, true],
  ['any: false and unknown', { any: [F, U] }, 'unknown'],
  ['any: false and false', { any: [F, F] }, false],
  ['not true', { not: T }, false],
  ['not false', { not: F }, true],
  ['not unknown stays unknown', { not: U }, 'unknown'],
  ['nested', { all: [T, { any: [F, { not: F }] }] }, true],
];

describe('conditions, three-valued', () => {
  it.each(CASES)('%s', (_name, condition, expected) => {
    expect(evaluate(condition, answers)).toBe(expected);
  });

  it('lists every path it reads once, in order', () => {
    expect(pathsOf({ all: [T, { any: [U, { not: T }] }] })).toEqual(['services.count', 'traffic.canary']);
  });
});

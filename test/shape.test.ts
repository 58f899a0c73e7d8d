import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fields } from '../src/core/questionnaire/fields.js';
import { questionnaireSchemas } from '../src/core/questionnaire/schema.js';
import { questionnaireShape, questionnaireShapeOf } from '../src/core/questionnaire/shape-of.js';
import { conforms, type Slot } from '../src/core/questionnaire/shape.js';
import { mutated, questionnaire } from './arbitraries.js';

/**
 * The quick check (shape.ts) stands in for the zod schema on every valid file, so it must give
 * zod's answer: the same yes or no, and on yes the same value with its keys in the same order.
 */
const RUNS = Math.ceil(Number(process.env.FUZZ_CASES ?? 600) / 2);
const TIMEOUT = 10_000 + RUNS * 60;

function agree(value: unknown): boolean {
  const quick = conforms(questionnaireShape(), value);
  const zod = questionnaireSchemas().questionnaire.safeParse(value);
  expect(Boolean(quick), `quick ${quick ? 'accepts' : 'refuses'} what zod ${zod.success ? 'accepts' : 'refuses'}: ${JSON.stringify(value)}`).toBe(zod.success);
  // JSON text keeps the order of keys, so this compares order as well as content.
  if (quick && zod.success) expect(JSON.stringify(quick.value)).toBe(JSON.stringify(zod.data));
  return zod.success;
}

/** Values that sit on an edge of some field's rules, or break them. */
const EDGES: unknown[] = [
  null, 0, -0, -1, 1, 1.5, 2 ** 53, 2 ** 53 - 1, 10_000_000, 10_000_001, 1e12, 1e12 + 1, Infinity, -Infinity, NaN,
  '', ' ', 'x', 'istio', 'monolith', 'required', 'eks', '2026-02-28', '2026-02-29', '2024-02-29', '1899-12-31', '2026-13-01', '2026-1-1',
  true, false, [], [''], ['go'], ['http', 'grpc'], ['carrier-pigeon'], {}, { x: 1 }, [1], '1',
];

/** A valid questionnaire with one answer (or section) changed, removed, or a key added. */
const edited = fc
  .tuple(questionnaire, fc.constantFrom(...[...fields().values()].filter((f) => !f.derived).map((f) => f.path)), fc.oneof(fc.constantFrom(...EDGES.map((v) => ({ set: v }))), fc.constant({ remove: true }), fc.constant({ unknownKey: true })))
  .map(([data, path, edit]) => {
    const copy = structuredClone(data);
    const keys = path.split('.');
    let node: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    const last = keys[keys.length - 1]!;
    if ('set' in edit) node[last] = edit.set;
    else if ('remove' in edit) delete node[last];
    else node[`${last}_extra`] = 1;
    return copy;
  });

describe('the quick check gives the zod schema answer', () => {
  it('on random valid questionnaires: accepted, with the same value and key order', () => {
    fc.assert(
      fc.property(questionnaire, (data) => {
        expect(agree(data)).toBe(true);
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  }, TIMEOUT);

  it('on questionnaires with one answer set to an edge value, removed, or a key added', () => {
    let refused = 0;
    fc.assert(
      fc.property(edited, (data) => {
        if (!agree(data)) refused++;
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
    // The edits reach both answers: some pass, most break a rule.
    expect(refused).toBeGreaterThan(RUNS / 4);
    expect(refused).toBeLessThan(RUNS);
  }, TIMEOUT);

  it('on every answer of full and minimal questionnaires set to every edge value, removed, or beside an unknown key', () => {
    const full = fc.sample(questionnaire, { numRuns: 50, seed: 7 }).reduce((a, b) => (JSON.stringify(b).length > JSON.stringify(a).length ? b : a));
    const minimal = { version: 1, org: { name: 'M' }, services: { count: 3, languages: ['go'] }, platform_team: { exists: false } };
    let refused = 0;
    let cases = 0;
    for (const base of [full, minimal]) {
      for (const f of fields().values()) {
        if (f.derived) continue;
        const keys = f.path.split('.');
        const last = keys[keys.length - 1]!;
        const edits: ((node: Record<string, unknown>) => void)[] = [...EDGES.map((v) => (node: Record<string, unknown>) => void (node[last] = v)), (node) => delete node[last], (node) => void (node[`${last}_extra`] = 1)];
        for (const edit of edits) {
          const copy = structuredClone(base) as Record<string, unknown>;
          let node = copy;
          for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
          edit(node);
          cases++;
          if (!agree(copy)) refused++;
        }
      }
    }
    expect(cases).toBeGreaterThan(4000);
    expect(refused).toBeGreaterThan(cases / 2);
  });

  it('on randomly edited example files, as the YAML parser reads them', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        let value: unknown;
        try {
          value = parse(text, { logLevel: 'silent' });
        } catch {
          return;
        }
        agree(value);
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  }, TIMEOUT);

  it.each([
    ['not a mapping', 'a questionnaire'],
    ['an array at the top', [{ version: 1 }]],
    ['undefined', undefined],
    ['a key that is __proto__', JSON.parse('{"__proto__": {"x": 1}, "version": 1}')],
  ])('on odd inputs: %s', (_what, value) => {
    expect(agree(value)).toBe(false);
  });
});

describe('the shape read off the zod schema', () => {
  it('has every field the catalogue lists, with its question and whether it is required', () => {
    const slots = new Map<string, Slot>();
    const walk = (slot: Slot, path: string) => {
      if (path) slots.set(path, slot);
      if (slot.shape.type === 'object') for (const [k, s] of Object.entries(slot.shape.keys)) walk(s, path ? `${path}.${k}` : k);
    };
    walk(questionnaireShapeOf(), '');
    const answers = [...fields().values()].filter((f) => !f.derived);
    expect([...slots.keys()].sort()).toEqual(answers.map((f) => f.path).sort());
    for (const f of answers) {
      expect(slots.get(f.path)!.optional, f.path).toBe(!f.required);
      expect(slots.get(f.path)!.question, f.path).toMatch(/\?/);
    }
    expect(slots.get('org.assessed_on')!.shape).toMatchObject({ type: 'string', date: true });
    expect(slots.get('services.count')!.shape).toEqual({ type: 'number', int: true, min: 0, max: 10_000_000 });
    expect(slots.get('version')).toMatchObject({ optional: false, shape: { type: 'literal', value: 1 } });
  });

  it('is plain data, the same after a trip through JSON (which is how the build ships it)', () => {
    const shape = questionnaireShapeOf();
    expect(JSON.parse(JSON.stringify(shape))).toEqual(shape);
  });
});

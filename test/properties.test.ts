import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { main } from '../src/cli/main.js';
import { assess } from '../src/core/assess.js';
import type { Assessment } from '../src/core/assessment.js';
import { applyChanges } from '../src/core/to-adopt.js';
import { fields, type Field } from '../src/core/questionnaire/fields.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import type { Questionnaire } from '../src/core/questionnaire/schema.js';
import type { Change } from '../src/core/rubric/schema.js';
import { examples, memoryIo, rubric } from './helpers.js';

/** Cases across the four properties: a few hundred in `npm test`, 10,000 in `npm run fuzz`. */
const TOTAL = Number(process.env.FUZZ_CASES ?? 600);
const RUNS = Math.ceil(TOTAL / 4);
// A long fuzz run needs more than vitest's five seconds a test.
const TIMEOUT = 10_000 + RUNS * 60;
let cases = 0;
afterAll(() => {
  // Reached only when every property held: a failure stops fast-check with its counterexample.
  console.log(`fuzz: ${cases} cases, 0 failures`);
});

const NAMES = ['go', 'java', 'python', 'rust', 'node', 'ruby', 'kotlin'];

/** A value of one field, from the catalogue's own description of it. */
function valueOf(f: Field): fc.Arbitrary<unknown> {
  if (f.path === 'org.assessed_on') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  if (f.path === 'services.languages') return fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 5 });
  switch (f.kind) {
    case 'count': return fc.nat({ max: f.path.endsWith('pods') ? 20000 : 300 });
    case 'number': return fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...f.options!);
    case 'list': return f.options ? fc.subarray([...f.options]) : fc.array(fc.constantFrom(...NAMES), { maxLength: 3 });
    case 'literal': return fc.constant(1);
    default: return fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);
  }
}

/** Any valid questionnaire: every required answer, any subset of the optional ones. */
const questionnaire: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(...[...fields().values()].filter((f) => !f.derived && f.kind !== 'section').map((f) => (f.required ? valueOf(f) : fc.option(valueOf(f), { nil: undefined })).map((v) => [f.path, v] as const)))
  .map((pairs) => {
    const out: Record<string, unknown> = {};
    for (const [path, v] of pairs) {
      if (v === undefined) continue;
      const keys = path.split('.');
      let node = out;
      for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
      node[keys[keys.length - 1]!] = v;
    }
    return out;
  });

const load = (data: unknown) => {
  const q = loadQuestionnaire('q.yaml', stringify(data));
  if (!q.ok) throw new Error(`generated an invalid questionnaire: ${JSON.stringify(q.problems)}`);
  return q.value;
};
const assessData = (data: unknown): Assessment => assess(load(data), rubric());
const MANDATES = ['none', 'nice-to-have', 'planned', 'required'] as const;

describe('properties of the assessment, on random valid questionnaires', () => {
  it('assess never throws, and its invariants hold', () => {
    fc.assert(
      fc.property(questionnaire, (data) => {
        cases++;
        const a = assessData(data);
        const q = data as unknown as Questionnaire;
        // No platform team never gives adopt.
        if (q.platform_team.exists === false) expect(a.verdict).not.toBe('adopt');
        // The JSON is the same twice.
        expect(JSON.stringify(assessData(data))).toBe(JSON.stringify(a));
        // toAdopt, applied, gives adopt.
        if (a.toAdopt.length > 0) {
          const changed = applyChanges(q, a.toAdopt as Change[]);
          expect(changed).toBeDefined();
          expect(assessData(changed).verdict).toBe('adopt');
        }
      }),
      { numRuns: RUNS, seed: 20261122 },
    );
  }, TIMEOUT);

  it('more services never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.nat({ max: 200 }), (data, more) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const bigger = { ...q, services: { ...q.services, count: q.services.count + more } };
        expect(assessData(bigger).scores.need).toBeGreaterThanOrEqual(assessData(q).scores.need);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  }, TIMEOUT);

  it('a stronger mandate never lowers need', () => {
    fc.assert(
      fc.property(questionnaire, fc.integer({ min: 0, max: 2 }), (data, from) => {
        cases++;
        const q = data as unknown as Questionnaire;
        const at = (m: (typeof MANDATES)[number]) => assessData({ ...q, security: { ...q.security, mandate: m } }).scores.need;
        expect(at(MANDATES[from + 1]!)).toBeGreaterThanOrEqual(at(MANDATES[from]!));
      }),
      { numRuns: RUNS, seed: 20261124 },
    );
  }, TIMEOUT);
});

const texts = examples().map((f) => readFileSync(f, 'utf8'));
const NOISE = fc.constantFrom(':', '-', ' ', '\n', '[', ']', '{', '}', '&a', '*a', '#', '"', "'", '\t', '|', '>', '!!', '%', '@', '`', '\u00e9', '\u0000', '?', ',', '0', '-1', '1e9', 'null', '~', 'true');

/** A random edit of a valid questionnaire's text: deletions, insertions, duplicated or swapped lines. */
const mutated = fc
  .tuple(fc.nat({ max: texts.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.constantFrom('delete', 'insert', 'duplicate', 'swap'), NOISE), { minLength: 1, maxLength: 6 }))
  .map(([which, edits]) => {
    let text = texts[which]!;
    for (const [at, len, kind, noise] of edits) {
      const i = at % (text.length + 1);
      if (kind === 'delete') text = text.slice(0, i) + text.slice(i + len);
      else if (kind === 'insert') text = text.slice(0, i) + noise + text.slice(i);
      else {
        const lines = text.split('\n');
        const l = at % lines.length;
        if (kind === 'duplicate') lines.splice(l, 0, lines[l]!);
        else [lines[l], lines[(l + 1) % lines.length]] = [lines[(l + 1) % lines.length]!, lines[l]!];
        text = lines.join('\n');
      }
    }
    return text;
  });

describe('random mutations of valid YAML', () => {
  it('give exit 0 or 2 and nothing else, never a throw', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        cases++;
        const { io, out } = memoryIo();
        out.written.set('fuzz.yaml', text);
        const code = main(['--format', 'json', 'fuzz.yaml'], io);
        expect([0, 2]).toContain(code);
        if (code === 0) expect(() => JSON.parse(out.stdout)).not.toThrow();
        else expect(out.stderr).toMatch(/^fuzz.yaml(:\d+:\d+)? /);
      }),
      { numRuns: RUNS, seed: 20261125 },
    );
  }, TIMEOUT);
});

// The checkable sentences of product.md, each a property on random questionnaires (fast-check,
// fixed seeds): a few hundred profiles in `npm test`, thousands in `npm run fuzz`.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { assess } from '../src/core/decision/assess.js';
import type { Assessment, Verdict } from '../src/core/report/assessment.js';
import { fields, type Field } from '../src/core/questionnaire/fields.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { profile } from './arbitraries.js';
import { HARD } from './fixtures.js';
import { rubric } from './helpers.js';

/** Profiles per property: 100 in `npm test` (about 1,400 in all); FUZZ_CASES / 8 in `npm run fuzz` (about 19,000 in all). */
const RUNS = Math.max(25, Math.ceil(Number(process.env.FUZZ_CASES ?? 800) / 8));
const TIMEOUT = 20_000 + RUNS * 80;
let profiles = 0;
afterAll(() => console.log(`decision properties: ${profiles} profiles, 0 failures`));

type Data = Record<string, unknown>;
const RANK: Record<Verdict, number> = { alternative: 0, defer: 1, adopt: 2 };

const get = (data: Data, path: string): unknown => path.split('.').reduce<unknown>((node, k) => (node as Data | undefined)?.[k], data);
function withAnswer(data: Data, path: string, value: unknown): Data {
  const copy = structuredClone(data);
  const keys = path.split('.');
  let node = copy;
  for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Data;
  if (value === undefined) delete node[keys[keys.length - 1]!];
  else node[keys[keys.length - 1]!] = value;
  return copy;
}
const withAnswers = (data: Data, changes: readonly { path: string; value: unknown }[]) => changes.reduce((d, c) => withAnswer(d, c.path, c.value), data);

function assessData(data: Data): Assessment {
  const q = loadQuestionnaire('q.yaml', stringify(data));
  if (!q.ok) throw new Error(`invalid questionnaire: ${JSON.stringify(q.problems)}`);
  return assess(q.value, rubric());
}

/** The questions a person answers (not derived, not sections, not the format version). */
const ANSWERABLE = [...fields().values()].filter((f) => !f.derived && f.kind !== 'section' && f.kind !== 'literal');
const NUMBERS = ANSWERABLE.filter((f) => f.kind === 'count' || f.kind === 'number');

/** Any value a question allows, counts reaching well past every threshold. */
function anyValue(f: Field): fc.Arbitrary<unknown> {
  switch (f.kind) {
    case 'count': return fc.oneof(fc.nat({ max: 40 }), fc.nat({ max: 5000 }));
    case 'number': return fc.oneof(fc.nat({ max: 100 }), fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }));
    case 'boolean': return fc.boolean();
    case 'enum': return fc.constantFrom(...f.options!);
    case 'list': return f.options ? fc.subarray([...f.options], { minLength: 1 }) : fc.uniqueArray(fc.constantFrom('go', 'java', 'python', 'rust', 'node'), { minLength: 1, maxLength: 4 });
    default: return fc.constant('text');
  }
}

/**
 * product.md: "A plausible change is: answering an open question with any value it allows, or
 * moving an answered number by up to 25% (at least one unit), every number included."
 */
function plausibleChange(data: Data): fc.Arbitrary<{ path: string; value: unknown }> | undefined {
  const open = ANSWERABLE.filter((f) => get(data, f.path) === undefined && !f.path.startsWith('org.'));
  const answered = NUMBERS.filter((f) => typeof get(data, f.path) === 'number');
  const options: fc.Arbitrary<{ path: string; value: unknown }>[] = [
    ...open.map((f) => anyValue(f).map((value) => ({ path: f.path, value }))),
    ...answered.map((f) => {
      const was = get(data, f.path) as number;
      const reach = Math.max(1, 0.25 * was);
      return f.kind === 'count'
        ? fc.integer({ min: Math.max(0, Math.ceil(was - reach)), max: Math.floor(was + reach) }).map((value) => ({ path: f.path, value }))
        : fc.double({ min: Math.max(0, was - reach), max: was + reach, noNaN: true }).map((value) => ({ path: f.path, value }));
    }),
  ];
  return options.length > 0 ? fc.oneof(...options) : undefined;
}

/** A profile with one or two plausible changes to different answers. */
const withPlausible = profile.chain((data) => {
  const one = plausibleChange(data);
  if (!one) return fc.constant({ data, changes: [] as { path: string; value: unknown }[] });
  return fc.uniqueArray(one, { minLength: 1, maxLength: 2, selector: (c) => c.path }).map((changes) => ({ data, changes }));
});

describe('hard rules stay hard on any background (product.md, "When such a condition is answered, it keeps the verdict from adopt, whatever the points elsewhere say")', () => {
  // Every gate of the rubric (hard-rules.test.ts holds the table to the rubric), but the latency
  // one: on a random background the mesh recommended may put no proxy on the path at all.
  const rows = HARD.filter(([rule]) => rule !== 'latency-unmeasured');
  it.each(rows)('%s caps the verdict', (_rule, changes, cap) => {
    fc.assert(
      fc.property(profile, (data) => {
        profiles++;
        const a = assessData(withAnswers(data, Object.entries(changes).map(([path, value]) => ({ path, value }))));
        expect(RANK[a.verdict]).toBeLessThanOrEqual(RANK[cap]);
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: 2212207 },
    );
  }, TIMEOUT);
});

describe('confidence is true (product.md, "Confidence means something a reader can act on, and it must be true")', () => {
  it('no one or two plausible changes overturn a high or medium verdict', () => {
    fc.assert(
      fc.property(withPlausible, ({ data, changes }) => {
        profiles++;
        const a = assessData(data);
        if (a.confidence === 'low' || changes.length === 0) return;
        const after = assessData(withAnswers(data, changes));
        expect(after.verdict, `${a.confidence} ${a.verdict}, then ${JSON.stringify(changes)} gives ${after.verdict}`).toBe(a.verdict);
      }),
      { numRuns: RUNS * 3, seed: 2212201 },
    );
  }, TIMEOUT * 3);

  it('a low verdict lists first a flip of plausible changes, and every flip gives the verdict it claims and is minimal', () => {
    fc.assert(
      fc.property(profile, (data) => {
        profiles++;
        const a = assessData(data);
        for (const flip of a.flips) {
          const changed = withAnswers(data, flip.changes);
          expect(assessData(changed).verdict, JSON.stringify(flip)).toBe(flip.verdict);
          // Minimal: without any one of its changes, the set no longer gives that verdict.
          if (flip.changes.length > 1) {
            for (const c of flip.changes) expect(assessData(withAnswers(data, flip.changes.filter((x) => x !== c))).verdict, JSON.stringify(flip)).not.toBe(flip.verdict);
          }
        }
        const share = rubric().scoring.confidence.borderline_share;
        const plausible = (c: (typeof a.flips)[number]['changes'][number]) => c.was === null || (typeof c.was === 'number' && typeof c.value === 'number' && Math.abs(c.value - c.was) <= Math.max(1, share * c.was) + 1e-9);
        if (a.confidence === 'low') {
          const first = a.flips[0]!;
          for (const c of first.changes) expect(plausible(c), JSON.stringify(first)).toBe(true);
        }
        // A flip is an answer to check exactly when every change is plausible, answers come before
        // facts, and a high or medium verdict has no answer flip of one or two changes.
        for (const flip of a.flips) expect(flip.kind, JSON.stringify(flip)).toBe(flip.changes.every(plausible) ? 'answer' : 'fact');
        const kinds = a.flips.map((f) => f.kind);
        expect(kinds).toEqual([...kinds].sort());
        if (a.confidence !== 'low') expect(a.flips.filter((f) => f.kind === 'answer' && f.changes.length <= 2)).toEqual([]);
      }),
      { numRuns: RUNS, seed: 2212202 },
    );
  }, TIMEOUT);
});

describe('unknown is not no (product.md, "An unanswered question never counts as evidence against adoption or readiness")', () => {
  /** Values that reach either side of every boundary the rubric draws on a question. */
  const valuesOf = (f: Field, was: unknown): unknown[] => {
    if (f.kind === 'boolean') return [true, false];
    if (f.kind === 'enum') return [...f.options!];
    if (f.kind === 'count' || f.kind === 'number') return [0, 1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 19, 20, 21, 24, 25, 30, 40, 49, 50, 51, 60, 99, 100, 101, 200, 250, 500, 1000, 5000, 100000, was];
    return [was];
  };

  it('removing an answer never gives a verdict that no value of it gives', () => {
    const removable = ANSWERABLE.filter((f) => !f.required && ['boolean', 'enum', 'count', 'number'].includes(f.kind));
    fc.assert(
      fc.property(profile, fc.constantFrom(...removable), (data, f) => {
        profiles++;
        if (get(data, f.path) === undefined) return;
        const without = assessData(withAnswer(data, f.path, undefined)).verdict;
        const reachable = new Set(valuesOf(f, get(data, f.path)).map((v) => assessData(withAnswer(data, f.path, v)).verdict));
        expect([...reachable], `${f.path} left out gives ${without}`).toContain(without);
      }),
      { numRuns: RUNS, seed: 2212203 },
    );
  }, TIMEOUT);
});

/** The profile with one more incident of a cause it counted; unchanged where it left the cause out. */
const oneMore = (d: Data, path: string): Data => {
  const n = get(d, path) as number | undefined;
  return n === undefined ? d : withAnswer(d, path, n + 1);
};

describe('monotone in need and readiness (product.md, "One more timeout incident must never make a mesh less advisable")', () => {
  const NEED: [string, (d: Data) => Data][] = [
    // One more of a cause that was counted. A cause left out is unknown, not 0 (product.md), so
    // writing 1 there answers a question rather than adding an incident: that may rightly settle a
    // share the unknown had left open, and is the unknown-is-not-no property's to check.
    ['one more service-communication incident', (d) => oneMore(d, 'incidents.causes.service_communication')],
    ['one more certificate incident', (d) => oneMore(d, 'incidents.causes.certificates')],
    ['one more release-traffic incident', (d) => oneMore(d, 'incidents.causes.release_traffic')],
    ['more services', (d) => withAnswer(d, 'services.count', (get(d, 'services.count') as number) + 7)],
    ['one more language', (d) => withAnswer(d, 'services.languages', [...(get(d, 'services.languages') as string[]), 'another-language'])],
    ['a stronger mandate', (d) => {
      const order = ['none', 'nice-to-have', 'planned', 'required'];
      const now = get(d, 'security.mandate') as string | undefined;
      return now === undefined || now === 'required' ? d : withAnswer(d, 'security.mandate', order[order.indexOf(now) + 1]);
    }],
  ];
  const READINESS: [string, string][] = ['platform_team.owns_on_call', 'platform_team.funded', 'leadership.accepts_standing_cost', 'governance.config_as_code', 'governance.staged_config_rollout', 'governance.rehearsed_rollback', 'governance.runbooks', 'governance.scoped_config_ownership', 'governance.validated_kill_switch', 'traffic.overhead_benchmarked'].map((p) => [p, p]);

  it.each(NEED)('%s never moves the verdict away from adopt, nor lowers need', (_name, more) => {
    fc.assert(
      fc.property(profile, (data) => {
        profiles++;
        const before = assessData(data);
        const after = assessData(more(data));
        expect(after.scores.need).toBeGreaterThanOrEqual(before.scores.need);
        expect(RANK[after.verdict], `${before.verdict} became ${after.verdict}`).toBeGreaterThanOrEqual(RANK[before.verdict]);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 2212204 },
    );
  }, TIMEOUT);

  it.each(READINESS)('%s answered yes rather than no never moves the verdict away from adopt, nor lowers readiness', (path) => {
    fc.assert(
      fc.property(profile, (data) => {
        profiles++;
        const no = assessData(withAnswer(data, path, false));
        const yes = assessData(withAnswer(data, path, true));
        expect(yes.scores.readiness).toBeGreaterThanOrEqual(no.scores.readiness);
        expect(RANK[yes.verdict]).toBeGreaterThanOrEqual(RANK[no.verdict]);
      }),
      { numRuns: Math.ceil(RUNS / 3), seed: 2212205 },
    );
  }, TIMEOUT);
});

describe('the plan to adopt is true and minimal (product.md, "concrete changes to questionnaire answers which, all applied, turn the verdict into adopt")', () => {
  it('toAdopt applied gives adopt, and without any one of its changes it does not', () => {
    fc.assert(
      fc.property(profile, (data) => {
        profiles++;
        const a = assessData(data);
        if (a.toAdopt.length === 0) return;
        expect(assessData(withAnswers(data, a.toAdopt)).verdict).toBe('adopt');
        for (const c of a.toAdopt) {
          expect(assessData(withAnswers(data, a.toAdopt.filter((x) => x !== c))).verdict, `${c.path} can be dropped from ${JSON.stringify(a.toAdopt)}`).not.toBe('adopt');
        }
      }),
      { numRuns: RUNS, seed: 2212206 },
    );
  }, TIMEOUT);
});

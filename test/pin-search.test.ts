// The sensitivity search (src/core/decision/sensitivity.ts) against an exhaustive one, on small
// random rubrics whose rules share answers (`all` and `any` of two conditions), so that pairs and
// triples of changes meet in a rule: the code that adds the effects of changes, decides only the
// rules two changes share, and passes over pairs that cannot move the verdict. The exhaustive
// search decides every rule again for every single change, pair and triple (decide() on the
// changed answers). Each case checks that confidence is low exactly when one or two plausible
// changes move the verdict, that every flip listed moves the verdict as it says and is minimal,
// and that the flips list as many distinct sets as there are, up to five.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatesOf, valueOf } from '../src/core/decision/candidates.js';
import { decide } from '../src/core/decision/decide.js';
import { numberCandidates, plausibleRange } from '../src/core/decision/nudges.js';
import { fields } from '../src/core/questionnaire/fields.js';
import { answersWith, type Answers, type Value } from '../src/core/questionnaire/derive.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { assess } from '../src/core/decision/assess.js';
import { testRubric, type TestRule } from './pin-rubric.js';

const RUNS = Math.max(300, Math.ceil(Number(process.env.FUZZ_CASES ?? 0) / 10));

/** One condition on one answer: booleans each way, numbers at a few boundaries, one derived number. */
const leaf = fc.oneof(
  fc.record({ path: fc.constantFrom('traffic.header_routing', 'traffic.fault_injection', 'traffic.mirroring', 'platform_team.publishes_slos'), is: fc.boolean() }).map(({ path, is }) => `{ path: ${path}, equals: ${is} }`),
  fc.record({ path: fc.constantFrom('platform_team.engineers', 'services.count', 'traffic.deploys_per_week'), op: fc.constantFrom('gte', 'lt'), n: fc.integer({ min: 1, max: 12 }) }).map(({ path, op, n }) => `{ path: ${path}, ${op}: ${n} }`),
  fc.record({ op: fc.constantFrom('gte', 'lt'), n: fc.integer({ min: 20, max: 120 }) }).map(({ op, n }) => `{ path: traffic.latency_budget_per_hop_ms, ${op}: ${n} }`),
  // Derived from the incident counts, each cause an answer of its own under incidents.causes.
  fc.record({ op: fc.constantFrom('gte', 'lt'), n: fc.integer({ min: 1, max: 15 }) }).map(({ op, n }) => `{ path: incidents.mesh_addressable_total, ${op}: ${n} }`),
  fc.record({ op: fc.constantFrom('gte', 'lt'), n: fc.constantFrom(0.2, 0.5, 0.8) }).map(({ op, n }) => `{ path: incidents.mesh_addressable_share, ${op}: ${n} }`),
);
const when = fc.oneof({ weight: 2, arbitrary: leaf }, { weight: 3, arbitrary: fc.tuple(fc.constantFrom('all', 'any'), leaf, leaf).map(([k, a, b]) => `{ ${k}: [${a}, ${b}] }`) });
const points = fc.constantFrom('{ axis: need, direction: up }', '{ axis: need, direction: down }', '{ axis: readiness, direction: up }', '{ axis: readiness, direction: down }');
const gates = fc.constantFrom('{ gate: never-adopt }', '{ gate: at-most-alternative }');
/** Rules, with gates one in `gateShare` parts: a verdict several gates hold moves only with three changes. */
const rulesOf = (gateShare: number) =>
  fc
    .array(fc.record({ when, effect: fc.oneof({ weight: 3 - gateShare, arbitrary: points }, { weight: gateShare, arbitrary: gates }), weight: fc.integer({ min: 1, max: 20 }) }), { minLength: 3, maxLength: 7 })
    .map((rs) => rs.map((r, i): TestRule => ({ id: `r${i}`, ...r })));
const thresholds = fc.record({ need: fc.integer({ min: 30, max: 70 }), readiness: fc.integer({ min: 30, max: 80 }) });

/**
 * A verdict held by three to five gates on booleans answered false (or one engineer), some reading two of them, with both
 * axes at their prior and the thresholds there: one or two changes rarely lift them all, three may.
 */
const bool = fc.oneof(
  fc.constantFrom('traffic.header_routing', 'traffic.fault_injection', 'traffic.mirroring', 'platform_team.publishes_slos').map((path) => `{ path: ${path}, equals: false }`),
  // Engineers answered 1: two boundaries on one answer, so that two changes to it each turn a gate.
  fc.constantFrom(3, 5).map((n) => `{ path: platform_team.engineers, lt: ${n} }`),
);
const heldByGates = fc
  .array(fc.record({ when: fc.oneof(bool, fc.tuple(fc.constantFrom('all', 'any'), bool, bool).map(([k, a, b]) => `{ ${k}: [${a}, ${b}] }`)), effect: gates }), { minLength: 3, maxLength: 5 })
  .map((gs): TestRule[] => gs.map((g, i) => ({ id: `g${i}`, ...g, weight: 1 })));

/** Answers: a few always given, each of the rest given or left open. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const answers = fc.record({
  count: fc.integer({ min: 1, max: 16 }),
  team: fc.boolean(),
  engineers: maybe(fc.integer({ min: 0, max: 14 })),
  slos: maybe(fc.boolean()),
  headers: maybe(fc.boolean()),
  faults: maybe(fc.boolean()),
  mirroring: maybe(fc.boolean()),
  deploys: maybe(fc.integer({ min: 0, max: 14 })),
  budget: maybe(fc.integer({ min: 50, max: 600 })),
  depth: maybe(fc.integer({ min: 1, max: 8 })),
  communication: maybe(fc.integer({ min: 0, max: 12 })),
  certificates: maybe(fc.integer({ min: 0, max: 6 })),
  database: maybe(fc.integer({ min: 0, max: 12 })),
});
type Given = typeof answers extends fc.Arbitrary<infer T> ? T : never;

function yamlOf(g: Given): string {
  const section = (name: string, entries: [string, unknown][]) => {
    const given = entries.filter(([, v]) => v !== undefined);
    return given.length > 0 ? [`${name}: { ${given.map(([k, v]) => `${k}: ${v}`).join(', ')} }`] : [];
  };
  return [
    'version: 1',
    'org: { name: Search Co }',
    `services: { count: ${g.count}, languages: [go]${g.depth === undefined ? '' : `, call_depth: ${g.depth}`} }`,
    ...section('platform_team', [['exists', g.team], ['engineers', g.engineers], ['publishes_slos', g.slos]]),
    ...section('traffic', [['header_routing', g.headers], ['fault_injection', g.faults], ['mirroring', g.mirroring], ['deploys_per_week', g.deploys], ['latency_budget_ms', g.budget]]),
    ...section('incidents', [['period_months', 6]]).flatMap((head) => {
      const causes = section('causes', [['service_communication', g.communication], ['certificates', g.certificates], ['database', g.database]]);
      return causes.length > 0 ? [`${head.slice(0, -2)}, ${causes[0]} }`] : [];
    }),
  ].join('\n') + '\n';
}

/** The answers the derived numbers of these rubrics (the latency budget of a hop, the incident totals and share) come from. */
const DERIVED_FROM = ['traffic.latency_budget_ms', 'services.call_depth', 'incidents.causes.service_communication', 'incidents.causes.certificates', 'incidents.causes.database'];

interface Change {
  path: string;
  value: Value;
  was: Value | undefined;
}

/** product.md: an open question answered, or an answered number moved by up to a quarter, at least one unit. */
const plausible = (c: { value: unknown; was: unknown }) =>
  c.was === undefined || c.was === null || (typeof c.was === 'number' && typeof c.value === 'number' && Math.abs(c.value - c.was) <= Math.max(1, 0.25 * c.was) + 1e-9);

/** Every proper, non-empty part of a set. */
const parts = <T>(xs: readonly T[]): T[][] =>
  Array.from({ length: 2 ** xs.length - 2 }, (_, m) => xs.filter((_x, i) => ((m + 1) >> i) & 1));

/** Checks the search on random cases; returns how many low verdicts, pair flips and triple flips they gave. */
function check(rules: fc.Arbitrary<TestRule[]>, seed: number, given = answers, limits = thresholds) {
    let lowSeen = 0;
    let pairFlips = 0;
    let tripleFlips = 0;
    fc.assert(
      fc.property(rules, limits, given, (rs, t, g) => {
        const r = testRubric(rs, t);
        const q = loadQuestionnaire('q.yaml', yamlOf(g));
        if (!q.ok) throw new Error(JSON.stringify(q.problems));
        const given: Answers = q.value.answers;
        const base = decide(given, r).verdict;
        const verdictOf = (changes: readonly Change[]) => decide(answersWith(given, changes), r).verdict;

        // Every change the search may try: the rubric's boundaries and the numbers' plausible ends.
        const seen = new Set<string>();
        const tried: Change[] = [];
        for (const c of [...candidatesOf(r), ...numberCandidates(given, r)]) {
          const value = valueOf(c, given);
          const key = `${c.path}=${JSON.stringify(value)}`;
          if (value === undefined || seen.has(key)) continue;
          seen.add(key);
          tried.push({ path: c.path, value, was: given.get(c.path) });
        }
        const keyOf = (set: readonly { path: string }[], v: string) => `${set.map((c) => c.path).sort().join('+')}>${v}`;
        const moves = new Set<string>();
        const keepsAlone = tried.filter((c) => verdictOf([c]) === base);
        for (const c of tried) if (verdictOf([c]) !== base) moves.add(keyOf([c], verdictOf([c])));
        let plausibleMove = tried.some((c) => plausible(c) && verdictOf([c]) !== base);
        // In a pair of plausible changes, an answered number behind a derived quantity is taken at
        // the ends of its plausible range only: the verdict moves one way along the range, so a
        // pair inside it moves only if the pair at an end does, or the end alone already does
        // (and is listed as one change).
        const atEnd = (c: Change) => !DERIVED_FROM.includes(c.path) || typeof c.was !== 'number' || plausibleRange(c.was, 0.25, fields().get(c.path)?.kind === 'count').includes(c.value as number);
        for (let i = 0; i < keepsAlone.length; i++) {
          for (let j = i + 1; j < keepsAlone.length; j++) {
            const pair = [keepsAlone[i]!, keepsAlone[j]!];
            if (pair[0]!.path === pair[1]!.path || (pair.every(plausible) && !pair.every(atEnd))) continue;
            const v = verdictOf(pair);
            if (v === base) continue;
            moves.add(keyOf(pair, v));
            if (pair.every(plausible)) plausibleMove = true;
          }
        }

        const a = assess(q.value, r);
        expect(a.verdict).toBe(base);
        const about = `${JSON.stringify(rs)} ${JSON.stringify(t)}\n${yamlOf(g)}`;
        expect(a.confidence === 'low', about).toBe(plausibleMove);
        if (a.confidence === 'low') lowSeen++;

        for (const flip of a.flips) {
          const changes = flip.changes.map((c) => ({ path: c.path, value: c.value as Value, was: c.was ?? undefined }));
          expect(verdictOf(changes), `${JSON.stringify(flip)}\n${about}`).toBe(flip.verdict);
          // Minimal: no part of the set gives that verdict. (A number moved back toward its answer,
          // as far as the flip holds, may on its own give another verdict.)
          for (const part of parts(changes)) expect(verdictOf(part), `${JSON.stringify(flip)}\n${about}`).not.toBe(flip.verdict);
          expect(flip.kind).toBe(changes.every(plausible) ? 'answer' : 'fact');
        }
        const keys = a.flips.map((f) => keyOf(f.changes, f.verdict));
        expect(new Set(keys).size, about).toBe(keys.length);
        if (moves.size > 0) {
          // Every distinct set of one or two changes that moves the verdict, up to five of them.
          expect(a.flips.length, about).toBe(Math.min(5, moves.size));
          for (const k of keys) expect(moves, about).toContain(k);
          pairFlips += a.flips.filter((f) => f.changes.length === 2).length;
          return;
        }
        // No one or two changes move it: triples of changes that each turn a rule alone (every
        // rule here carries points or a gate).
        const fired = (changes: readonly Change[]) => decide(answersWith(given, changes), r).fired.map((x) => x.id).join();
        const moving = tried.filter((c) => fired([c]) !== fired([]));
        const triples = new Set<string>();
        for (let i = 0; i < moving.length; i++) {
          for (let j = i + 1; j < moving.length; j++) {
            for (let k = j + 1; k < moving.length; k++) {
              const set = [moving[i]!, moving[j]!, moving[k]!];
              if (new Set(set.map((c) => c.path)).size < 3) continue;
              const v = verdictOf(set);
              if (v !== base) triples.add(keyOf(set, v));
            }
          }
        }
        expect(a.flips.length, about).toBe(Math.min(5, triples.size));
        for (const k of keys) expect(triples, about).toContain(k);
        tripleFlips += a.flips.length;
      }),
      { numRuns: RUNS, seed },
    );
    return { lowSeen, pairFlips, tripleFlips };
}

describe('the sensitivity search agrees with an exhaustive one on small rubrics whose rules share answers', () => {
  it('with rules on both axes and gates', () => {
    const seen = check(rulesOf(1), 2612071);
    // The cases reach what they are for: low verdicts and flips of pairs.
    expect(seen.lowSeen).toBeGreaterThan(RUNS / 10);
    expect(seen.pairFlips).toBeGreaterThan(RUNS / 10);
  }, 60_000);

  it('with mostly gates, so that some verdicts move only with three changes', () => {
    const answered = answers.map((g) => ({ ...g, headers: false, faults: false, mirroring: false, slos: false, engineers: 1 }));
    const seen = check(heldByGates, 2612072, answered, fc.constant({ need: 50, readiness: 50 }));
    expect(seen.tripleFlips).toBeGreaterThan(RUNS / 20);
  }, 60_000);
});

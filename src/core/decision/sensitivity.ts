import type { Confidence, Flip, FlipKind, Verdict } from '../report/assessment.js';
import { candidatesOf, valueOf, type Candidate } from './candidates.js';
import { evaluate, type Truth } from '../rubric/condition.js';
import { pointsOf, scoreOf, verdictFor, type Outcome } from './decide.js';
import { answersWith, type Answers, type Value } from '../questionnaire/derive.js';
import { AXES, type Change, type Gate, type Rule } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';
import { feedsDerivedNumber, numberCandidates, plausibleRange, plausibleReach } from './nudges.js';
import { fields } from '../questionnaire/fields.js';
import { affectedBy, plannerFor, verdictAfter, type Planner } from './to-adopt.js';

/** What the fired rules add up to: points on each axis and how many gates of each kind. */
interface Sum {
  need: number;
  readiness: number;
  never: number;
  alt: number;
}

const ZERO: Sum = { need: 0, readiness: 0, never: 0, alt: 0 };
const plus = (a: Sum, b: Sum, k = 1): Sum => ({ need: a.need + k * b.need, readiness: a.readiness + k * b.readiness, never: a.never + k * b.never, alt: a.alt + k * b.alt });

function shareOf(rule: Rule, rubric: Rubric): Sum {
  const e = rule.effect;
  const points = pointsOf(rule, rubric);
  return {
    need: 'axis' in e && e.axis === 'need' ? points : 0,
    readiness: 'axis' in e && e.axis === 'readiness' ? points : 0,
    // Stryker disable next-line LogicalOperator,ConditionalExpression: a rule that caps at alternative decides the verdict alone, so counting it as never-adopt too changes nothing
    never: 'gate' in e && e.gate === 'never-adopt' ? 1 : 0,
    alt: 'gate' in e && e.gate === 'at-most-alternative' ? 1 : 0,
  };
}

// The four sets of gates a sum can have, made once: pairs are decided by the thousand.
// Stryker disable next-line ArrayDeclaration,StringLiteral: the verdict reads only the two gate names, and with both the cap at alternative decides alone
const GATE_SETS: readonly (readonly Gate[])[] = [[], ['never-adopt'], ['at-most-alternative'], ['never-adopt', 'at-most-alternative']];

// What each rule adds when it fires, by index: the same for every questionnaire against a rubric.
const shares = new WeakMap<Rubric, readonly Sum[]>();
function sharesOf(rubric: Rubric): readonly Sum[] {
  let out = shares.get(rubric);
  // Stryker disable next-line ConditionalExpression: a cache
  if (!out) {
    out = rubric.rules.map((r) => shareOf(r, rubric));
    shares.set(rubric, out);
  }
  return out;
}

/** Whether a change moves nothing: no points on either axis, no gate. */
const still = (d: Sum) => d.need === 0 && d.readiness === 0 && d.never === 0 && d.alt === 0;

/** The verdict of the sum of a base and up to two changes, without building the sum. */
function verdictOf(s: Sum, rubric: Rubric, a: Sum = ZERO, b: Sum = ZERO): Verdict {
  const gates = GATE_SETS[(s.never + a.never + b.never > 0 ? 1 : 0) + (s.alt + a.alt + b.alt > 0 ? 2 : 0)]!;
  return verdictFor(scoreOf(s.need + a.need + b.need, 'need', rubric), scoreOf(s.readiness + a.readiness + b.readiness, 'readiness', rubric), gates, rubric);
}

/** What two answers' changes share: the rules both read, and how far those could move the sum. */
interface PathPair {
  rules: readonly number[];
  best: Sum;
  worst: Sum;
}

/** One answer changed, and what it does to the sum of the fired rules. */
interface Single {
  path: string;
  value: Value;
  was: Value | undefined;
  /** An unanswered question, or a number moved no further than a borderline answer could be. */
  plausible: boolean;
  delta: Sum;
  /** The rules this change turns on or off alone, by index. */
  toggled: ReadonlySet<number>;
  /** A number for its answer's path, the same for every change to that answer. */
  pathId: number;
  verdict: Verdict;
}

/** The sets of changes smaller than `set` that hold `c`: `c` alone, and with each part of the others. */
function smallerWith<T>(set: readonly T[], c: T): T[][] {
  const others = set.filter((x) => x !== c);
  return Array.from({ length: 2 ** others.length - 1 }, (_, m) => [c, ...others.filter((_x, i) => (m >> i) & 1)]);
}

/** How far-fetched a change is: a question answered, a number nudged, a fact changed, a number changed a lot. */
const changeCost = (s: Single) => (s.was === undefined ? 0 : s.plausible ? 1 : typeof s.value === 'number' ? 3 : 2);

/**
 * Whether a candidate change is plausible (product.md): it answers an open question with a value
 * it allows, or moves an answered number by up to a quarter, at least one unit. Read off the
 * candidate, so that a search for the plausible ones passes the rest over without working out
 * their changes.
 */
function plausible(c: Candidate, was: Value | undefined, rubric: Rubric): boolean {
  if (was === undefined) return true;
  // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator: a number candidate is tried only on a number answer, and with the margin of 1e-9 `<` and `<=` agree
  return 'value' in c && typeof c.value === 'number' && typeof was === 'number' && Math.abs(c.value - was) <= plausibleReach(was, rubric.scoring.confidence.borderline_share) + 1e-9;
}

/** Candidates with the number changes of `extra` that are not among them already. */
function withNumbers(list: readonly Candidate[], extra: readonly Candidate[]): readonly Candidate[] {
  // Stryker disable next-line ConditionalExpression: a shortcut; the filter below returns the list as it is when there is nothing to add
  if (extra.length === 0) return list;
  // Stryker disable next-line all: as the line below: a change tried twice is decided twice and listed once
  const seen = new Set(list.flatMap((c) => ('value' in c && typeof c.value === 'number' ? [`${c.path}=${c.value}`] : [])));
  // Stryker disable next-line all: a change tried twice is decided twice and listed once (flips are kept by paths and verdict)
  return [...list, ...extra.filter((c) => 'value' in c && !seen.has(`${c.path}=${c.value}`))];
}

/** How the truths of some rules change when the answers change, as a change to the sum. */
function deltaOf(p: Planner, rules: Iterable<number>, changes: { path: string; value: Value }[], toggled?: Set<number>): Sum {
  const answers = answersWith(p.answers, changes);
  const share = sharesOf(p.rubric);
  let d = ZERO;
  for (const i of rules) {
    const before: Truth = p.truths[i]!;
    const after = evaluate(p.rubric.rules[i]!.when, answers);
    if ((before === true) !== (after === true)) {
      d = plus(d, share[i]!, after === true ? 1 : -1);
      toggled?.add(i);
    }
  }
  return d;
}

/**
 * How robust a verdict is to its answers: every single answer change the rules can tell apart,
 * and the pairs of them (triples when no pair moves the verdict), each decided again: sets that
 * touch no rule in common by adding their effects, the rest by evaluating the rules they share.
 */
export class Sensitivity {
  private readonly p: Planner;
  private readonly base: Sum;
  private readonly verdict: Verdict;
  private readonly candidates: readonly Candidate[];
  /** Whether some pair of plausible changes moves the verdict, once confidence has looked. */
  private pairMoves: boolean | undefined;
  /** Each candidate's answer change with whether it is plausible (null: it changes nothing), worked out when first asked. */
  private readonly tried: ({ path: string; value: Value; was: Value | undefined; plausible: boolean } | null | undefined)[] = [];
  private readonly done = new Map<number, Single>();

  constructor(private readonly answers: Answers, private readonly rubric: Rubric, private readonly outcome: Outcome) {
    this.p = plannerFor(answers, rubric, outcome.truths);
    this.verdict = outcome.verdict;
    this.base = outcome.fired.reduce((s, r) => plus(s, shareOf(r, rubric)), ZERO);
    this.candidates = withNumbers(candidatesOf(rubric), numberCandidates(answers, rubric));
  }

  private triedAt(i: number) {
    let t = this.tried[i];
    // Stryker disable next-line ConditionalExpression: a cache
    if (t === undefined) {
      const c = this.candidates[i]!;
      const value = valueOf(c, this.answers);
      const was = this.answers.get(c.path);
      t = value === undefined ? null : { path: c.path, value, was, plausible: plausible(c, was, this.rubric) };
      this.tried[i] = t;
    }
    return t;
  }

  /** The candidates (all, or the plausible ones only), each decided on its own. */
  private singles(onlyPlausible: boolean): Single[] {
    const out: Single[] = [];
    for (let i = 0; i < this.candidates.length; i++) {
      const c = this.candidates[i]!;
      if (onlyPlausible && !plausible(c, this.answers.get(c.path), this.rubric)) continue;
      const t = this.triedAt(i);
      if (!t) continue;
      let single = this.done.get(i);
      // Stryker disable next-line ConditionalExpression: a cache
      if (!single) {
        const toggled = new Set<number>();
        const delta = deltaOf(this.p, affectedBy(this.p, t.path), [t], toggled);
        single = { path: t.path, value: t.value, was: t.was, plausible: t.plausible, delta, toggled, pathId: this.idOf(t.path), verdict: verdictOf(this.base, this.rubric, delta) };
        this.done.set(i, single);
      }
      out.push(single);
    }
    return out;
  }

  /** The rules a change to an answer can affect, as a set, by the answer's path. */
  private readonly affectedSets = new Map<string, ReadonlySet<number>>();
  private affected(path: string): ReadonlySet<number> {
    let set = this.affectedSets.get(path);
    // Stryker disable next-line ConditionalExpression: a cache
    if (!set) {
      set = new Set(affectedBy(this.p, path));
      this.affectedSets.set(path, set);
    }
    return set;
  }

  /** The rules that more than one change of the set can affect. */
  private shared(set: readonly Single[]): number[] {
    const out = new Set<number>();
    // Stryker disable next-line EqualityOperator: one more turn starts an inner loop that does not run
    for (let i = 0; i < set.length; i++) {
      for (let j = i + 1; j < set.length; j++) {
        // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator: sorting only picks the smaller set to walk; the rules both hold are the same
        const [small, large] = [this.affected(set[i]!.path), this.affected(set[j]!.path)].sort((x, y) => x.size - y.size);
        // Stryker disable next-line ConditionalExpression: deciding again a rule only one change reads gives what that change's delta says
        for (const rule of small!) if (large!.has(rule)) out.add(rule);
      }
    }
    return [...out];
  }

  /**
   * The verdict with several changes applied together. Each change's effect on the rules only it
   * reads is already in its delta; only the rules two of them read are decided again on all the
   * changes together, so a pair costs the rules they share, not every rule either one reads.
   */
  private setVerdict(set: readonly Single[]): Verdict {
    const sum = set.reduce((d, x) => plus(d, x.delta), ZERO);
    // Stryker disable next-line ConditionalExpression: the pair's cached rules are what shared() gives
    const shared = set.length === 2 ? this.between(set[0]!, set[1]!).rules : this.shared(set);
    // Stryker disable next-line ConditionalExpression: a shortcut; with no shared rule the lines below add nothing
    if (shared.length === 0) return verdictOf(this.base, this.rubric, sum);
    // What each change alone does to the shared rules is known from the rules it turned over.
    const share = sharesOf(this.rubric);
    let alone = ZERO;
    for (const x of set) for (const i of shared) if (x.toggled.has(i)) alone = plus(alone, share[i]!, this.p.truths[i] === true ? -1 : 1);
    const together = deltaOf(this.p, shared, [...set]);
    return verdictOf(this.base, this.rubric, plus(plus(sum, alone, -1), together));
  }

  /**
   * Whether a pair that reads some rules in common cannot move the verdict, told without deciding
   * those rules again: each change's effect on the rules only it reads, plus every shared rule
   * turned whichever way helps (or hurts) most, still gives the base's verdict.
   */
  // Stryker disable next-line BlockStatement: a pair never taken as settled is decided in full, with the same answer
  private pairSettled(a: Single, b: Single, between: PathPair): boolean {
    const share = sharesOf(this.rubric);
    let rest = plus(a.delta, b.delta);
    for (const i of between.rules) {
      const sign = this.p.truths[i] === true ? -1 : 1;
      if (a.toggled.has(i)) rest = plus(rest, share[i]!, -sign);
      if (b.toggled.has(i)) rest = plus(rest, share[i]!, -sign);
    }
    // Stryker disable next-line ConditionalExpression: a pair never taken as settled is decided in full, with the same answer
    return verdictOf(this.base, this.rubric, rest, between.best) === this.verdict && verdictOf(this.base, this.rubric, rest, between.worst) === this.verdict;
  }

  /**
   * The rules changes to two answers both read, and the most those rules could move the verdict
   * either way, each staying as it is or turning over: the same for every pair of values of the
   * two answers, so worked out once per pair of answers.
   */
  private readonly pathPairs = new Map<number, PathPair>();
  private readonly pathIds = new Map<string, number>();
  private idOf(path: string): number {
    let id = this.pathIds.get(path);
    if (id === undefined) {
      id = this.pathIds.size;
      this.pathIds.set(path, id);
    }
    return id;
  }
  private between(a: Single, b: Single): PathPair {
    const x = a.pathId;
    const y = b.pathId;
    // A number for the unordered pair of answers: paths are far fewer than 2^20.
    // Stryker disable next-line all: a cache key; one that tells the unordered pair apart from others less well only misses the cache
    const key = x < y ? x * 1048576 + y : y * 1048576 + x;
    let pair = this.pathPairs.get(key);
    // Stryker disable next-line ConditionalExpression: a cache
    if (!pair) {
      const rules = this.shared([a, b]);
      const share = sharesOf(this.rubric);
      let best = ZERO;
      let worst = ZERO;
      for (const i of rules) {
        const turn = plus(ZERO, share[i]!, this.p.truths[i] === true ? -1 : 1);
        best = { need: best.need + Math.max(0, turn.need), readiness: best.readiness + Math.max(0, turn.readiness), never: best.never + Math.min(0, turn.never), alt: best.alt + Math.min(0, turn.alt) };
        worst = { need: worst.need + Math.min(0, turn.need), readiness: worst.readiness + Math.min(0, turn.readiness), never: worst.never + Math.max(0, turn.never), alt: worst.alt + Math.max(0, turn.alt) };
      }
      pair = { rules, best, worst };
      this.pathPairs.set(key, pair);
    }
    return pair;
  }

  private pairVerdict(a: Single, b: Single): Verdict {
    // Pairs are tried by the thousand: most touch no rule in common, and their effects add up, so
    // a pair with a change that moves nothing gives the other change's verdict, known already.
    const between = this.between(a, b);
    // Stryker disable next-line ConditionalExpression: a shortcut; a pair sharing no rule gives the same verdict through setVerdict()
    if (between.rules.length === 0) return still(a.delta) ? b.verdict : still(b.delta) ? a.verdict : verdictOf(this.base, this.rubric, a.delta, b.delta);
    // Stryker disable next-line ConditionalExpression: a shortcut; an unsettled pair is decided in full
    if (this.pairSettled(a, b, between)) return this.verdict;
    return this.setVerdict([a, b]);
  }

  /**
   * Triples of changes to different answers that change the verdict, tried only when no one or
   * two changes do (then none of a triple's pairs does, so each triple found is minimal). Only
   * changes that move something are combined.
   */
  private *triples(among: readonly Single[]): Generator<[Single[], Verdict]> {
    const moving = among.filter((x) => !still(x.delta));
    // Stryker disable next-line EqualityOperator: one more turn starts inner loops that do not run
    for (let i = 0; i < moving.length; i++) {
      // Stryker disable next-line EqualityOperator: one more turn starts an inner loop that does not run
      for (let j = i + 1; j < moving.length; j++) {
        // Stryker disable next-line ArithmeticOperator: starting earlier visits triples already visited, or with one change twice, which are skipped
        for (let k = j + 1; k < moving.length; k++) {
          const set = [moving[i]!, moving[j]!, moving[k]!];
          // Stryker disable next-line ConditionalExpression: a triple with two changes to one answer acts as a pair, and no pair moves the verdict when triples are looked for
          if (new Set(set.map((x) => x.path)).size < 3) continue;
          const v = this.setVerdict(set);
          if (v !== this.verdict) yield [set, v];
        }
      }
    }
  }

  /** Pairs of changes to different answers that change the verdict though neither does alone. */
  private *pairs(among: readonly Single[], implausibleOnly = false): Generator<[Single, Single, Verdict]> {
    const alone = among.filter((s) => s.verdict === this.verdict);
    // Stryker disable next-line EqualityOperator: one more turn starts an inner loop that does not run
    for (let i = 0; i < alone.length; i++) {
      for (let j = i + 1; j < alone.length; j++) {
        const a = alone[i]!;
        const b = alone[j]!;
        // Stryker disable next-line ConditionalExpression: two values of one answer act as the second, which alone keeps the verdict; plausible pairs found again are listed once
        if (a.path === b.path || (implausibleOnly && a.plausible && b.plausible)) continue;
        const v = this.pairVerdict(a, b);
        if (v !== this.verdict) yield [a, b, v];
      }
    }
  }

  /** Whether answering the open questions, all of them together, could reach another verdict. */
  private unknownsCouldFlip(): boolean {
    const lo = { ...ZERO };
    const hi = { ...ZERO };
    let gates = ZERO;
    for (const r of this.outcome.undecided) {
      const s = shareOf(r, this.rubric);
      for (const axis of AXES) {
        // Stryker disable next-line EqualityOperator: a share of 0 adds nothing to either end, and the ends are tried both ways
        if (s[axis] < 0) lo[axis] += s[axis];
        else hi[axis] += s[axis];
      }
      gates = plus(gates, { ...s, need: 0, readiness: 0 });
    }
    for (const need of [lo.need, hi.need]) {
      for (const readiness of [lo.readiness, hi.readiness]) {
        for (const g of [ZERO, gates]) if (verdictOf(this.base, this.rubric, { ...g, need, readiness }) !== this.verdict) return true;
      }
    }
    return false;
  }

  /**
   * The plausible changes worth pairing. Every rule leans one way in each number (more services,
   * more timeouts, a larger budget never make a mesh less advisable; more hops or more incidents
   * elsewhere never more), so the verdict moves one way as an answered number moves across its
   * plausible range: a pair with a number inside its range moves the verdict only if the same
   * pair with the number at one end of the range does. Numbers behind a derived quantity are
   * paired at the ends only; one compared directly changes a rule only at the rubric's own
   * boundaries, and those are its candidates.
   */
  private pairable(plausibles: readonly Single[]): Single[] {
    const share = this.rubric.scoring.confidence.borderline_share;
    return plausibles.filter((s) => {
      if (typeof s.was !== 'number' || typeof s.value !== 'number' || !feedsDerivedNumber(s.path, this.rubric)) return true;
      // Stryker disable next-line OptionalChaining: every answer a rule reads is in the catalogue
      const [lo, hi] = plausibleRange(s.was, share, fields().get(s.path)?.kind === 'count');
      return s.value === lo || s.value === hi;
    });
  }

  /**
   * low: one or two plausible answers (questions left open, or numbers near where they stand)
   * change the verdict. medium: none of those, but answering more of the open questions could.
   * high: neither.
   */
  confidence(): Confidence {
    const plausibles = this.singles(true);
    if (plausibles.some((s) => s.verdict !== this.verdict)) return 'low';
    this.pairMoves = this.anyPairMoves(this.pairable(plausibles));
    if (this.pairMoves) return 'low';
    return this.unknownsCouldFlip() ? 'medium' : 'high';
  }

  /**
   * Whether some pair of the changes moves the verdict. The verdict only improves as points rise
   * and gates go, so a pair of changes to two answers that touch no rule in common lies between the
   * base plus the two best values of each part and the base plus the two worst: when both give the
   * base's verdict, only the pairs that share a rule need deciding one by one. This keeps a
   * portfolio of sparse questionnaires (dozens of open questions, thousands of pairs) fast.
   */
  private anyPairMoves(among: readonly Single[]): boolean {
    // The two best (or worst) values of one part, from changes to two different answers.
    const two = (pick: (d: Sum) => number, best: boolean) => {
      const byPath = new Map<string, number>();
      for (const x of among) {
        const v = pick(x.delta);
        const now = byPath.get(x.path);
        // Stryker disable next-line EqualityOperator: an equal value kept instead changes no sum
        if (now === undefined || (best ? v > now : v < now)) byPath.set(x.path, v);
      }
      const xs = [...byPath.values()].sort((a, b) => (best ? b - a : a - b));
      return (xs[0] ?? 0) + (xs[1] ?? 0);
    };
    const bound = (best: boolean): Sum => ({
      need: two((d) => d.need, best),
      readiness: two((d) => d.readiness, best),
      never: two((d) => d.never, !best),
      alt: two((d) => d.alt, !best),
    });
    // Stryker disable next-line ConditionalExpression: a shortcut; trying every pair gives the same answer
    if (verdictOf(this.base, this.rubric, bound(true)) !== this.verdict || verdictOf(this.base, this.rubric, bound(false)) !== this.verdict) {
      return !this.pairs(among).next().done;
    }
    // The changes by the rules they can affect; two changes share a rule when both are listed under it.
    const byRule = new Map<number, number[]>();
    among.forEach((x, i) => {
      for (const rule of affectedBy(this.p, x.path)) {
        const list = byRule.get(rule);
        if (list) list.push(i);
        else byRule.set(rule, [i]);
      }
    });
    const tried = new Set<number>();
    for (const list of byRule.values()) {
      // Stryker disable next-line EqualityOperator: one more turn starts an inner loop that does not run
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const a = among[list[i]!]!;
          const b = among[list[j]!]!;
          // Stryker disable next-line ArithmeticOperator: any key that tells the pairs apart does
          const key = list[i]! * among.length + list[j]!;
          // Stryker disable next-line ConditionalExpression,LogicalOperator: a pair tried twice gives the same answer; two values of one answer act as the second, which alone keeps the verdict
          if (a.path === b.path || tried.has(key)) continue;
          tried.add(key);
          if (this.pairVerdict(a, b) !== this.verdict) return true;
        }
      }
    }
    return false;
  }

  /**
   * A number in a flip moved back toward the answer given, as far as the flip still holds and
   * stays minimal: a flip found at the end of a plausible range (a quarter up) is shown at the
   * value that does it (the tenth incident, not the eleventh), but not where that number alone,
   * or with fewer of the other changes, already gives the verdict. Halving assumes the verdict
   * moves once along the way; the value kept is checked.
   */
  private nearest(set: readonly Single[], verdict: Verdict): { path: string; value: Value; was: Value | undefined }[] {
    const changes = set.map((s) => ({ path: s.path, value: s.value, was: s.was }));
    const gives = (list: readonly Change[]) => verdictAfter(this.p, list) === verdict;
    // The set gives the verdict with the number where it stands, and no smaller set with it does.
    const holds = (c: Change) => gives(changes as Change[]) && !smallerWith(changes as Change[], c).some(gives);
    for (const c of changes) {
      if (typeof c.value !== 'number' || typeof c.was !== 'number' || !Number.isInteger(c.value) || !Number.isInteger(c.was)) continue;
      const far = c.value;
      let near = c.was;
      let at = far;
      while (Math.abs(at - near) > 1) {
        const mid = Math.trunc((near + at) / 2);
        c.value = mid;
        if (holds(c as Change)) at = mid;
        else near = mid;
      }
      c.value = at;
      if (!holds(c as Change)) c.value = far;
    }
    return changes;
  }

  /** A flip's kind, from its changes as shown: a number moved back toward its answer may be within the margin again. */
  private kindOf(changes: readonly { value: Value; was: Value | undefined }[]): FlipKind {
    const share = this.rubric.scoring.confidence.borderline_share;
    const near = (c: { value: Value; was: Value | undefined }) =>
      // Stryker disable next-line LogicalOperator,ConditionalExpression,EqualityOperator: as in plausible()
      c.was === undefined || (typeof c.value === 'number' && typeof c.was === 'number' && Math.abs(c.value - c.was) <= plausibleReach(c.was, share) + 1e-9);
    return changes.every(near) ? 'answer' : 'fact';
  }

  /**
   * The smallest sets of answer changes that change the verdict. Plausible ones first (questions
   * answered, numbers moved by up to a quarter): those are what makes confidence low, and the
   * report must list them. Then one change before two; within a size, questions answered before
   * numbers nudged, facts changed, and numbers changed a lot. Each is marked with its kind, so a
   * report can set the facts apart from the answers to check.
   */
  flips(max = 5): Flip[] {
    const all = this.singles(false);
    const found: { set: Single[]; verdict: Verdict }[] = all.filter((s) => s.verdict !== this.verdict).map((s) => ({ set: [s], verdict: s.verdict }));
    // Plausible pairs rank before any implausible change, so they are always looked for; the
    // rest only when single changes do not already fill the list, since any one change ranks first.
    // Stryker disable next-line MethodExpression: implausible pairs found here as well are found by the search below, ranked the same and listed once
    const plausibles = this.pairable(all.filter((s) => s.plausible));
    // Confidence has already looked: when no plausible pair moves the verdict, none is looked for.
    // Stryker disable next-line ConditionalExpression: a shortcut; confidence found no plausible pair that moves the verdict
    if (this.pairMoves !== false) for (const [a, b, verdict] of this.pairs(plausibles)) found.push({ set: [a, b], verdict });
    // Stryker disable next-line all: whether implausible pairs are looked for once five flips are found: they rank after every single change and plausible pair, so the five listed are the same
    const distinct = new Set(found.map((f) => `${f.set.map((s) => s.path).join('+')}>${f.verdict}`)).size;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as the line above
    if (distinct < max) for (const [a, b, verdict] of this.pairs(all, true)) found.push({ set: [a, b], verdict });
    if (found.length === 0) {
      // A verdict that several hard rules decide moves only with three answers changed.
      for (const [set, verdict] of this.triples(all)) {
        found.push({ set, verdict });
        if (found.length >= 200) break;
      }
    }
    // Stryker disable next-line ArrowFunction: a set ranked as though not plausible moves every set by the same 100 except mixed ones, which rank as facts either way
    const cost = (f: { set: Single[] }) => (f.set.every((s) => s.plausible) ? 0 : 100) + f.set.length * 10 + f.set.reduce((sum, s) => sum + changeCost(s), 0);
    // Stryker disable next-line StringLiteral: paths joined without a separator still tell the sets apart
    const key = (f: { set: Single[]; verdict: Verdict }) => `${f.set.map((s) => s.path).sort().join('+')}>${f.verdict}`;
    const seen = new Set<string>();
    const out: Flip[] = [];
    const ranked = found.map((f, order) => ({ f, order })).sort((x, y) => cost(x.f) - cost(y.f) || x.order - y.order);
    for (const { f } of ranked) {
      if (out.length === max) break;
      if (seen.has(key(f))) continue;
      seen.add(key(f));
      const changes = this.nearest(f.set, f.verdict);
      out.push({ changes: changes.map((c) => ({ path: c.path, value: c.value, was: c.was ?? null })), verdict: f.verdict, kind: this.kindOf(changes) });
    }
    // A number moved back within its margin can make a far-fetched flip one to check: answers first, still.
    return out.sort((x, y) => (x.kind === 'fact' ? 1 : 0) - (y.kind === 'fact' ? 1 : 0));
  }
}

import type { AppliedWaiver, Assessment } from '../report/assessment.js';
import type { Waiver } from '../report/run.js';

export type { AppliedWaiver } from '../report/assessment.js';
export type { Waiver } from '../report/run.js';

/** A waiver close to its end is said on every run, so that it is renewed or let go on purpose. */
export const EXPIRING_WITHIN_DAYS = 30;

const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** Days from `today` to the last day of the waiver: 0 on that day, negative once it has passed. */
export const daysLeft = (w: Pick<Waiver, 'expires'>, today: string) => dayNumber(w.expires) - dayNumber(today);

export const isExpired = (w: Pick<Waiver, 'expires'>, today: string) => daysLeft(w, today) < 0;

/** The wildcards of a glob; every other character of it is matched as it is. */
const ONE = 0; // ?: one character, not a slash
const STAR = 1; // *: any characters within a path segment
const ANY = 2; // **: any characters, across segments
const DIRS = 3; // **/: nothing, or any characters that end with a slash (no directory or any number of them)
type Piece = string | typeof ONE | typeof STAR | typeof ANY | typeof DIRS;

const wildcard = (piece: Piece | undefined) => piece === STAR || piece === ANY || piece === DIRS;

/**
 * A glob as pieces. A run of wildcards side by side is shortened to what matches the same: with a
 * "**" in it, the run is that one "**"; otherwise a wildcard repeated is itself. So a hostile run
 * of them costs no more than one.
 */
function pieces(glob: string): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    let piece: Piece;
    if (ch === '*' && glob[i + 1] === '*') {
      piece = glob[i + 2] === '/' ? DIRS : ANY;
      i += piece === DIRS ? 2 : 1;
    } else piece = ch === '*' ? STAR : ch === '?' ? ONE : ch;
    const last = out[out.length - 1];
    if (piece === ANY) {
      while (wildcard(out[out.length - 1])) out.pop();
      out.push(ANY);
    } else if (!wildcard(piece) || (last !== ANY && last !== piece)) out.push(piece);
  }
  return out;
}

/**
 * Whether a path matches a glob: * within a path segment, ** across segments (followed by a
 * slash, no directory or any number of them), ? one character that is not a slash. Every way
 * through the glob is followed at once, one character of the path at a time (the states of an
 * automaton, never a backtracking search), so a match takes at most the glob's length times the
 * path's, whatever the glob.
 */
export function matchesGlob(glob: string, path: string): boolean {
  const p = pieces(glob);
  const n = p.length;
  // State i (0 to n): the first i pieces are matched; n + 1 + i: inside the directories of the
  // "**/" at piece i, before the slash that ends them. seen[s] is the step that last reached s.
  const seen = new Int32Array(2 * n + 1).fill(-1);
  const enter = (list: number[], s: number, step: number) => {
    for (;;) {
      if (seen[s] === step) return;
      seen[s] = step;
      list.push(s);
      const piece = s < n ? p[s] : undefined;
      // Wildcards can match nothing, so reaching one reaches the piece after it as well.
      if (piece === DIRS) enter(list, n + 1 + s, step);
      else if (piece !== STAR && piece !== ANY) return;
      s++;
    }
  };
  let now: number[] = [];
  enter(now, 0, 0);
  for (let k = 0; k < path.length; k++) {
    const ch = path[k]!;
    const next: number[] = [];
    for (const s of now) {
      if (s > n) {
        enter(next, s, k + 1);
        if (ch === '/') enter(next, s - n, k + 1);
        continue;
      }
      const piece = p[s];
      if (piece === undefined || piece === DIRS) continue;
      if (piece === ANY || (piece === STAR && ch !== '/')) enter(next, s, k + 1);
      else if ((piece === ONE && ch !== '/') || piece === ch) enter(next, s + 1, k + 1);
    }
    if (next.length === 0) return false;
    now = next;
  }
  return seen[n] === path.length;
}

const covers = (w: Waiver, file: string) => !w.files || w.files.some((g) => matchesGlob(g, file));

/**
 * The waivers that apply to an assessment of `file` (its path from the repository root) on
 * `today`: unexpired, covering the file, for a rule that fired there. The first waiver of a rule wins.
 * Each waiver that applies is added to `used`, when given.
 */
export function applyWaivers(a: Assessment, file: string, waivers: readonly Waiver[], today: string, used?: Set<Waiver>): AppliedWaiver[] {
  const fired = new Set([...a.reasons.map((r) => r.rule), ...a.risks.map((r) => r.rule)]);
  const out = new Map<string, AppliedWaiver>();
  for (const w of waivers) {
    if (out.has(w.rule) || !fired.has(w.rule) || isExpired(w, today) || !covers(w, file)) continue;
    used?.add(w);
    out.set(w.rule, { rule: w.rule, reason: w.reason, owner: w.owner, expires: w.expires, status: daysLeft(w, today) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active' });
  }
  return [...out.values()];
}

/** What every run says of a waiver past its last day, on stderr and as a warning annotation. */
export const expiredText = (w: Waiver) => `the waiver of ${w.rule} by ${w.owner} ended on ${w.expires}; its finding counts again`;

/** What every run says of a waiver that accepted no finding of the run, as linters report unused suppressions. */
export const unusedText = (w: Waiver) => `the waiver of ${w.rule} by ${w.owner} accepted no finding in this run: remove it, or check its rule and files`;

/** "waived by X until Y: reason", as every human-readable format marks a waived finding. */
export const waivedText = (w: AppliedWaiver) => `waived by ${w.owner} until ${w.expires}: ${w.reason}`;

/** The waiver that accepts a rule's finding in this assessment, if one does. */
export const waiverOf = (a: Pick<Assessment, 'waivers'>, rule: string) => a.waivers.find((w) => w.rule === rule);

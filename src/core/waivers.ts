import type { Assessment } from './assessment.js';

/**
 * A finding accepted on purpose: the rule, why, who decided, until when, and for which files
 * (globs relative to the repository root; all files when left out). A waiver records a decision:
 * it never changes the verdict, only whether the finding counts for --fail-on.
 */
export interface Waiver {
  rule: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD: the last day it applies. */
  expires: string;
  files?: string[];
}

/** A waiver that applies to a rule that fired in an assessment; expiring when 30 days or fewer are left. */
export interface AppliedWaiver {
  rule: string;
  reason: string;
  owner: string;
  expires: string;
  status: 'active' | 'expiring';
}

/** A waiver close to its end is said on every run, so that it is renewed or let go on purpose. */
export const EXPIRING_WITHIN_DAYS = 30;

const dayNumber = (date: string) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

/** Days from `today` to the last day of the waiver: 0 on that day, negative once it has passed. */
export const daysLeft = (w: Pick<Waiver, 'expires'>, today: string) => dayNumber(w.expires) - dayNumber(today);

export const isExpired = (w: Pick<Waiver, 'expires'>, today: string) => daysLeft(w, today) < 0;

/** A glob as a regular expression: * within a path segment, ** across segments, ? one character. */
export function globRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      // "**/" matches no directory or any number of them.
      out += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

const covers = (w: Waiver, file: string) => !w.files || w.files.some((g) => globRegExp(g).test(file));

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

/** "waived by X until Y: reason", as every human-readable format marks a waived finding. */
export const waivedText = (w: AppliedWaiver) => `waived by ${w.owner} until ${w.expires}: ${w.reason}`;

/** The waiver that accepts a rule's finding in this assessment, if one does. */
export const waiverOf = (a: Pick<Assessment, 'waivers'>, rule: string) => a.waivers.find((w) => w.rule === rule);

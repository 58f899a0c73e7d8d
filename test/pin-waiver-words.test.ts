// Pins for waivers (src/core/policy/waivers.ts): the words for one that ended, one that accepted
// nothing, and a finding it accepts; which waiver accepts a finding; which files a waiver covers.
import { describe, expect, it } from 'vitest';
import type { Assessment } from '../src/core/report/assessment.js';
import { applyWaivers, expiredText, unusedText, waivedText, waiverOf, type AppliedWaiver, type Waiver } from '../src/core/policy/waivers.js';

const waiver: Waiver = { rule: 'retry-stacking', reason: 'retries budgeted per route', owner: 'arch-board', expires: '2027-06-30' };
const applied = (rule: string, owner: string): AppliedWaiver => ({ rule, reason: 'accepted', owner, expires: '2027-06-30', status: 'active' });

describe('the words for a waiver', () => {
  // Mutations pinned: each sentence emptied, or a field left out of it.
  it('ended, unused, and accepting a finding', () => {
    expect(expiredText(waiver)).toBe('the waiver of retry-stacking by arch-board ended on 2027-06-30; its finding counts again');
    expect(unusedText(waiver)).toBe('the waiver of retry-stacking by arch-board accepted no finding in this run: remove it, or check its rule and files');
    expect(waivedText({ ...waiver, status: 'expiring' })).toBe('waived by arch-board until 2027-06-30: retries budgeted per route');
  });
});

describe('the waiver of a finding', () => {
  // Mutations pinned: waiverOf comparing the rule the wrong way (the first waiver of another rule)
  // or finding none.
  it('is the one applied for its rule, or none', () => {
    const a = { waivers: [applied('no-mtls', 'security'), applied('retry-stacking', 'arch-board')] };
    expect(waiverOf(a, 'retry-stacking')?.owner).toBe('arch-board');
    expect(waiverOf(a, 'no-mtls')?.owner).toBe('security');
    expect(waiverOf(a, 'latency-budget-tight')).toBeUndefined();
  });
});

describe('the files and rules a waiver covers', () => {
  // What applyWaivers reads of an assessment: the rules of its reasons and of its risks.
  const a = { reasons: [{ rule: 'no-slos' }, { rule: 'retry-stacking' }], risks: [{ rule: 'retry-stacking' }] } as unknown as Assessment;
  const owners = (w: Waiver, file: string) => applyWaivers(a, file, [w], '2027-01-15').map((x) => x.owner);

  // Mutations pinned: in covers(), a waiver with several globs needing every one to match
  // (`some` made `every`), or none matching at all.
  it('covers a file that any one of its globs matches', () => {
    const w = { ...waiver, files: ['arch/*.yaml', 'teams/**'] };
    expect([owners(w, 'arch/org.yaml'), owners(w, 'teams/a/org.yaml'), owners(w, 'other/org.yaml')]).toEqual([['arch-board'], ['arch-board'], []]);
  });

  // Mutation pinned: the rules that fired read from the risks only (the reasons' rules dropped),
  // so that a waiver of a rule that is not a risk never applies.
  it('applies to a rule that fired and is not a risk', () => {
    expect(owners({ ...waiver, rule: 'no-slos' }, 'org.yaml')).toEqual(['arch-board']);
  });
});


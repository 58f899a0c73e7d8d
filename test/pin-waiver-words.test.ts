// Pins for what every run says of a waiver (src/core/policy/waivers.ts): the words for one that
// ended, one that accepted nothing, and a finding it accepts, and which waiver accepts a finding.
import { describe, expect, it } from 'vitest';
import { expiredText, unusedText, waivedText, waiverOf, type AppliedWaiver, type Waiver } from '../src/core/policy/waivers.js';

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

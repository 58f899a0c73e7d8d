// Pins for waivers (src/core/policy/waivers.ts and the warnings of the assess command): which
// waivers apply, through which day, which one of two for a rule, and when the end is warned of.
// No test reads the clock: every date is given, as --today gives it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyWaivers, daysLeft, isExpired, type Waiver } from '../src/core/policy/waivers.js';
import { assessText, runMain } from './helpers.js';

// startup-monolith: the retry-stacking risk fires there; the tight latency budget does not.
const STARTUP = 'examples/startup-monolith.yaml';
const startup = () => assessText(readFileSync(STARTUP, 'utf8'));

const waiver = (over: Partial<Waiver> = {}): Waiver => ({ rule: 'retry-stacking', reason: 'retries budgeted per route', owner: 'arch-board', expires: '2027-06-30', ...over });

describe('a waiver applies through its expires day', () => {
  // Mutation pinned: isExpired's `daysLeft(w, today) < 0` made `<= 0`, so that a waiver stops
  // applying on its last day instead of the day after.
  it('applies on the day it expires, and stops the day after', () => {
    const a = startup();
    expect(a.risks.map((r) => r.rule)).toContain('retry-stacking');
    expect(daysLeft(waiver(), '2027-06-30')).toBe(0);
    expect(isExpired(waiver(), '2027-06-30')).toBe(false);
    expect(applyWaivers(a, STARTUP, [waiver()], '2027-06-30')).toEqual([{ rule: 'retry-stacking', reason: 'retries budgeted per route', owner: 'arch-board', expires: '2027-06-30', status: 'expiring' }]);
    expect(isExpired(waiver(), '2027-07-01')).toBe(true);
    expect(applyWaivers(a, STARTUP, [waiver()], '2027-07-01')).toEqual([]);
  });

  // The same mutation, and the expiring window's `<=` made `<`, over every day from a year before
  // to a year after the end.
  it('on any day a year either side: applies up to its last day, and is expiring with 0 to 30 days left', () => {
    const a = startup();
    const end = Date.UTC(2027, 5, 30);
    const dayBefore = (n: number) => new Date(end - n * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: -366, max: 366 }), (n) => {
        const applied = applyWaivers(a, STARTUP, [waiver()], dayBefore(n));
        expect(applied.map((w) => w.status)).toEqual(n < 0 ? [] : [n <= 30 ? 'expiring' : 'active']);
      }),
      { numRuns: 400, seed: 20270630, examples: [[-1], [0], [30], [31]] },
    );
  });

  it('counts whole calendar days across a month and a leap day', () => {
    expect(daysLeft(waiver({ expires: '2028-03-01' }), '2028-02-28')).toBe(2);
    expect(daysLeft(waiver({ expires: '2027-03-01' }), '2027-02-28')).toBe(1);
  });
});

describe('two waivers of one rule', () => {
  // Mutation pinned: applyWaivers without its `out.has(w.rule) ||` check, so that a later waiver
  // of a rule overwrites the first (the doc comment: "The first waiver of a rule wins"), and both
  // are counted as used, hiding the second from the "accepted no finding" warning.
  it('the first in the list wins, and only it is counted as used', () => {
    const first = waiver({ owner: 'arch-board', reason: 'first', expires: '2027-12-31' });
    const second = waiver({ owner: 'security', reason: 'second', expires: '2028-06-30' });
    const used = new Set<Waiver>();
    expect(applyWaivers(startup(), STARTUP, [first, second], '2027-01-15', used)).toEqual([{ rule: 'retry-stacking', reason: 'first', owner: 'arch-board', expires: '2027-12-31', status: 'active' }]);
    expect([...used]).toEqual([first]);
  });

  it('an expired or out-of-scope first waiver leaves the next one to apply', () => {
    const expired = waiver({ owner: 'old', expires: '2026-12-31' });
    const elsewhere = waiver({ owner: 'elsewhere', files: ['services/**'] });
    const next = waiver({ owner: 'next' });
    const used = new Set<Waiver>();
    expect(applyWaivers(startup(), STARTUP, [expired, elsewhere, next], '2027-01-15', used).map((w) => w.owner)).toEqual(['next']);
    expect([...used]).toEqual([next]);
  });
});

describe('a waiver of a rule that did not fire', () => {
  // Mutation pinned: applyWaivers without its `!fired.has(w.rule) ||` check, so that a waiver of a
  // rule that did not fire is listed as applied (and counted as used, so never reported unused).
  it('is not applied and not counted as used', () => {
    const a = startup();
    expect([...a.reasons, ...a.risks].map((r) => r.rule)).not.toContain('latency-budget-tight');
    const idle = waiver({ rule: 'latency-budget-tight' });
    const used = new Set<Waiver>();
    expect(applyWaivers(a, STARTUP, [idle], '2027-01-15', used)).toEqual([]);
    expect(used.size).toBe(0);
  });

  it('the run says it accepted no finding', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-pin-waivers-'));
    const file = join(dir, 'waivers.yaml');
    writeFileSync(file, ['waivers:', '  - rule: latency-budget-tight', '    reason: budget renegotiated', '    owner: arch-board', '    expires: 2027-06-30', ''].join('\n'));
    const r = runMain([STARTUP, '--no-config', '--waivers', file, '--today', '2027-01-15', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: the waiver of latency-budget-tight by arch-board accepted no finding in this run: remove it, or check its rule and files\n');
    expect(JSON.parse(r.stdout).waivers).toEqual([]);
  });
});

describe('the end of a waiver is warned of from 30 days before', () => {
  // Mutation pinned: `daysLeft(w, today) <= EXPIRING_WITHIN_DAYS` made `<` (in applyWaivers' status
  // and in the assess command's warning), so that a waiver exactly 30 days from its end is
  // "active" and goes unwarned.
  it.each([
    ['on its last day', '2027-06-30', 'expiring'],
    ['30 days before', '2027-05-31', 'expiring'],
    ['31 days before', '2027-05-30', 'active'],
  ])('status %s', (_when, today, status) => {
    expect(applyWaivers(startup(), STARTUP, [waiver()], today).map((w) => w.status)).toEqual([status]);
  });

  /** The assess command run in process on the startup example, with one waiver of its risk ending 2027-06-30. */
  const runOn = (today: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-pin-waivers-'));
    const file = join(dir, 'waivers.yaml');
    writeFileSync(file, ['waivers:', '  - rule: retry-stacking', '    reason: retries budgeted per route', '    owner: arch-board', '    expires: 2027-06-30', ''].join('\n'));
    return runMain([STARTUP, '--no-config', '--waivers', file, '--today', today, '--fail-on', 'risk:any,expired-waiver']);
  };

  it.each([
    ['on its last day', '2027-06-30', 'warning: the waiver of retry-stacking (arch-board) ends on 2027-06-30, in 0 days: renew it or let it go\n'],
    ['30 days before', '2027-05-31', 'warning: the waiver of retry-stacking (arch-board) ends on 2027-06-30, in 30 days: renew it or let it go\n'],
    ['31 days before', '2027-05-30', ''],
  ])('the run warns %s, and the waiver still accepts the risk', (_when, today, stderr) => {
    expect(runOn(today)).toMatchObject({ code: 0, stderr });
  });

  it('the day after, the waiver has ended: the risk counts again and the run fails on both', () => {
    const r = runOn('2027-07-01');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      [
        'examples/startup-monolith.yaml: --fail-on risk:any met',
        'retry-stacking: --fail-on expired-waiver met: the waiver of retry-stacking by arch-board ended on 2027-06-30; its finding counts again',
        '',
      ].join('\n'),
    );
  });
});

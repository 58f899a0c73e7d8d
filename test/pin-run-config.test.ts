// Pins for the settings line every human-readable format prints (settingsParts and settingsText in
// src/core/policy/run-config.ts): what a run was told to do, each part in its exact words, so a
// reader of a pull request sees a changed rubric set, threshold, configuration or waiver.
import { describe, expect, it } from 'vitest';
import { settingsParts, settingsText, shortDigest, type ResolvedConfig, type RubricIdentity } from '../src/core/policy/run-config.js';
import type { Waiver } from '../src/core/policy/waivers.js';

const DIGEST = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const builtin: RubricIdentity = { set: 'built-in', replaced: false, extend: [], digest: DIGEST, thresholds: { need: 50, readiness: 70 }, builtin_thresholds: null };
const waiver = (rule: string): Waiver => ({ rule, reason: 'accepted', owner: 'arch-board', expires: '2027-06-30' });
const config = (over: Partial<ResolvedConfig> = {}): ResolvedConfig => ({
  file: null,
  from_file: [],
  format: 'terminal',
  'fail-on': [],
  extend: [],
  rubrics: null,
  detail: false,
  'waiver-max-days': 365,
  waivers: [],
  unused_waivers: [],
  expired_waivers: [],
  ...over,
});

describe('the rubric set and its thresholds', () => {
  // Mutations pinned: shortDigest cut to another length; the built-in set named as replaced, or
  // "extended by" printed with no directory; the thresholds' "changed from" shown when unchanged.
  it('the built-in set: its name, the first 12 hex digits of its digest, the thresholds', () => {
    expect(shortDigest(DIGEST)).toBe('0123456789ab');
    expect(settingsParts(undefined, builtin)).toEqual(['rubrics built-in 0123456789ab', 'thresholds 50/70']);
  });

  // Mutations pinned: the replacing directory or the extending ones left out, the extending ones
  // joined without ", ", and the built-in thresholds not named when the run's differ.
  it('a replaced set, extended twice, with changed thresholds', () => {
    const r: RubricIdentity = { ...builtin, set: 'policy/rubrics', replaced: true, extend: ['team/a', 'team/b'], thresholds: { need: 40, readiness: 80 }, builtin_thresholds: { need: 50, readiness: 70 } };
    expect(settingsParts(undefined, r)).toEqual(['rubrics policy/rubrics (replacing the built-in set) extended by team/a, team/b 0123456789ab', 'thresholds 40/80 (changed from 50/70)']);
  });
});

describe('the configuration, --fail-on and the waivers', () => {
  // Mutations pinned: "no configuration file" and the file's name swapped; the options the file
  // set shown when it set none, or joined without ", ".
  it('no configuration file, or one and what it set', () => {
    expect(settingsParts(config(), undefined)).toEqual(['no configuration file']);
    expect(settingsParts(config({ file: '.mesh-assess.yaml' }), undefined)).toEqual(['configuration .mesh-assess.yaml']);
    expect(settingsParts(config({ file: '.mesh-assess.yaml', from_file: ['format', 'fail-on'] }), undefined)).toEqual(['configuration .mesh-assess.yaml (sets format, fail-on)']);
  });

  // Mutations pinned: the --fail-on part shown when the list is empty, or joined without ", ".
  it('--fail-on, when given', () => {
    expect(settingsParts(config({ 'fail-on': ['alternative', 'risk'] }), undefined)).toEqual(['no configuration file', 'fail-on alternative, risk']);
  });

  // Mutations pinned: the count of applied waivers (all less the unused and the expired) added up
  // the wrong way; "waiver" made plural for one or singular for two; the unused and expired counts
  // shown when zero, or joined without ", ".
  it('the waivers: how many, how many applied, unused and expired', () => {
    const [a, b, c, d] = ['retry-stacking', 'latency-budget-tight', 'no-mtls', 'no-slos'].map(waiver) as [Waiver, Waiver, Waiver, Waiver];
    const waivers = (over: Partial<ResolvedConfig>) => settingsParts(config(over), undefined)[1];
    expect(waivers({ waivers: [a] })).toBe('1 waiver: 1 applied');
    expect(waivers({ waivers: [a, b] })).toBe('2 waivers: 2 applied');
    expect(waivers({ waivers: [a, b, c, d], unused_waivers: [b] })).toBe('4 waivers: 3 applied, 1 unused');
    expect(waivers({ waivers: [a, b, c, d], expired_waivers: [c, d] })).toBe('4 waivers: 2 applied, 2 expired');
    expect(waivers({ waivers: [a, b, c, d], unused_waivers: [b], expired_waivers: [c, d] })).toBe('4 waivers: 1 applied, 1 unused, 2 expired');
  });
});

describe('the settings line', () => {
  // Mutations pinned: the parts joined by another separator, null returned when there are parts
  // (or "" when there are none), and the line not escaped: a path from input is shown as text.
  it('joins the parts with " · ", escapes what came from input, and is null when nothing was resolved', () => {
    expect(settingsText(config({ 'fail-on': ['adopt'] }), builtin)).toBe('rubrics built-in 0123456789ab · thresholds 50/70 · no configuration file · fail-on adopt');
    expect(settingsText(config({ file: 'a\u001b[31mb.yaml' }), undefined)).toBe('configuration a\\x1B[31mb.yaml');
    expect(settingsText(undefined, undefined)).toBeNull();
  });
});

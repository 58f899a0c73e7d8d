import type { Assessment } from '../report/assessment.js';
import { comparisonText } from './baseline.js';

/** What `--fail-on` can name: a verdict, or a property of the assessment a review board cares about. */
export const FAIL_ON = ['adopt', 'defer', 'alternative', 'low-confidence', 'not-high-confidence', 'risk', 'risk:any', 'over-budget', 'expired-waiver', 'regression'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** The risks no waiver accepts. */
const openRisks = (a: Assessment) => a.risks.filter((r) => !a.waivers.some((w) => w.rule === r.rule));

const MEETS: Record<FailOn, (a: Assessment) => boolean> = {
  adopt: (a) => a.verdict === 'adopt',
  defer: (a) => a.verdict === 'defer',
  alternative: (a) => a.verdict === 'alternative',
  'low-confidence': (a) => a.confidence === 'low',
  'not-high-confidence': (a) => a.confidence !== 'high',
  // A high-severity risk (the rubric says which); risk:any, every risk. One accepted by a waiver no longer counts.
  risk: (a) => openRisks(a).some((r) => r.severity.level === 'high'),
  'risk:any': (a) => openRisks(a).length > 0,
  'over-budget': (a) => a.cost?.money.against_budget === 'exceeds',
  // Against the assessment given with --baseline: the verdict moved away from adopt, or readiness fell.
  regression: (a) => a.comparison?.regression === true,
  // Waivers expire for the whole run, not one assessment: the command line checks them.
  'expired-waiver': () => false,
};

/** The `--fail-on` conditions each assessment meets, in the order asked; empty means the gate passed. */
export function gateFailures(as: readonly Assessment[], failOn: readonly FailOn[]): { file: string; condition: FailOn }[] {
  return as.flatMap((a) => failOn.filter((f) => MEETS[f](a)).map((condition) => ({ file: a.file, condition })));
}

const titles = (rs: Assessment['risks']) => rs.map((r) => r.title).join('; ');

/** What an assessment that meets a condition shows of it, in words, for the formats that report each condition met. */
const DETAIL: Record<FailOn, (a: Assessment) => string> = {
  adopt: (a) => `the verdict is adopt (confidence ${a.confidence})`,
  defer: (a) => `the verdict is defer (confidence ${a.confidence})`,
  alternative: (a) => `the verdict is alternative (confidence ${a.confidence})`,
  'low-confidence': () => 'confidence is low: one or two plausible answers would change the verdict',
  'not-high-confidence': (a) => `confidence is ${a.confidence}`,
  risk: (a) => `high-severity risks: ${titles(openRisks(a).filter((r) => r.severity.level === 'high'))}`,
  'risk:any': (a) => `risks: ${titles(openRisks(a))}`,
  'over-budget': () => 'the modelled standing cost exceeds the annual budget',
  regression: (a) => (a.comparison ? `since the baseline: ${comparisonText(a.comparison)}` : 'a regression since the baseline'),
  'expired-waiver': () => 'a waiver has expired',
};

/** Why an assessment meets a --fail-on condition, in words. */
export const failOnDetail = (a: Assessment, condition: FailOn) => DETAIL[condition](a);

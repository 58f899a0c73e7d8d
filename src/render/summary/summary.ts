import type { Assessment, Cost, Range, Verdict } from '../../core/report/assessment.js';
import { decisive } from '../../core/report/digest.js';
import { liftableGates } from '../../core/decision/reasons.js';
import type { Value } from '../../core/questionnaire/derive.js';
import { fields } from '../../core/questionnaire/fields.js';

/** Where the organisation stands on the need-by-readiness chart, and what a gate did to it. */
export interface Position {
  need: number;
  readiness: number;
  thresholds: { need: number; readiness: number };
  /** The point that decides the verdict: the scores, pulled across a threshold by any gate. */
  plotted: { need: number; readiness: number };
  /** The gates that pulled it, by title. */
  cappedBy: string[];
}

/** The one-pager for leadership, as data: both the Markdown and the HTML page render this. */
export interface Summary {
  org: string;
  verdict: Verdict;
  confidence: Assessment['confidence'];
  /** The decision in one sentence. */
  decision: string;
  /** What the confidence means here, and the one question that would settle it when low. */
  certainty: string;
  position: Position;
  /** The two or three reasons that decided it: gates first, then by weight. */
  why: { title: string; detail: string }[];
  cost: { mesh: string; money: Range | null; people: Range; peopleMoney: Range; compute: Range | null; licence: Range | null; licenceCharge: Cost['licence']['charge']; licenceFreeBelow: number | null; licenceNote: string | null; budget: number | null; againstBudget: string | null; per: 'pod' | 'node'; basis: Cost['basis']; missing: string[] } | null;
  /** The cheaper options weighed: always at least one. */
  cheaper: { need: string; tool: string; enoughUntil: string }[];
  /** For defer: what has to be true. For alternative: when a mesh becomes worth it. The first few. */
  conditions: string[];
  /** How many more conditions the full report lists. */
  moreConditions: number;
  risks: { title: string; guardrail: string }[];
  firstStep: string;
  revisit: string;
}

const MAX_REASONS = 3;
const MAX_CHEAPER = 3;
const MAX_RISKS = 3;
const MAX_CONDITIONS = 3;

function position(a: Assessment): Position {
  const t = a.scores.thresholds;
  const gates = a.reasons.filter((r) => r.effect.kind === 'gate');
  const cap = (kind: string) => gates.some((g) => g.effect.kind === 'gate' && g.effect.cap === kind);
  // A gate caps the verdict whatever the scores; the plotted point shows where that leaves it.
  const need = cap('at-most-alternative') ? Math.min(a.scores.need, t.need - 1) : a.scores.need;
  const readiness = cap('never-adopt') && need >= t.need ? Math.min(a.scores.readiness, t.readiness - 1) : a.scores.readiness;
  return { need: a.scores.need, readiness: a.scores.readiness, thresholds: { ...t }, plotted: { need, readiness }, cappedBy: gates.map((g) => g.title) };
}

/** A catalogue name may start with an article ("The AKS Istio add-on"); mid-sentence it is lower case. */
export const midSentence = (name: string) => name.replace(/^(A|An|The) /, (article) => article.toLowerCase());

function decision(a: Assessment): string {
  const name = a.recommendation?.name;
  const mesh = name && midSentence(name);
  if (a.verdict === 'adopt') return `${a.org} should adopt a service mesh${mesh ? `, starting with ${mesh}` : ''}, in reversible stages.`;
  if (a.verdict === 'defer') return `${a.org} needs what a service mesh offers but cannot own one yet: here is exactly what has to be true first.`;
  return `${a.org} should not run a service mesh: cheaper tools meet its needs today.`;
}

/** A question as a leader reads it: without the list of coded answers some questions end with. */
const asked = (path: string) => `"${(fields().get(path)?.question ?? path).replace(/ \((?:[a-z0-9-]+, )+[a-z0-9-]+\)\?$/, '?')}"`;

/** An answer in words, where it has plain ones (yes, no, a number); a coded choice has none. */
const answerWord = (v: Value) => (typeof v === 'boolean' ? (v ? 'yes' : 'no') : typeof v === 'number' ? String(v) : null);

/** What the confidence means, in one sentence a reader outside the platform team can act on. */
function certainty(a: Assessment): string {
  if (a.confidence === 'high') return 'Confidence is high: changing one or two answers a little, or answering open questions, would not change it.';
  if (a.confidence === 'medium') return 'Confidence is medium: changing one or two answers a little would not change it, but answering more open questions could.';
  const flip = a.flips.find((f) => f.changes.every((c) => c.was === null)) ?? a.flips[0];
  if (!flip) return `Confidence is low: answering the open questions could change this decision, starting with ${a.unknowns[0] ? asked(a.unknowns[0].path) : 'the ones the full report lists'}.`;
  const how = flip.changes
    .map((c) => {
      const word = answerWord(c.value);
      if (!word) return `a different answer to ${asked(c.path)}`;
      return c.was === null ? `answering ${word} to ${asked(c.path)}` : `changing the answer to ${asked(c.path)} to ${word}`;
    })
    .join(' and ');
  return `Confidence is low: one or two answers could change this decision; ${how} could make it ${flip.verdict}.`;
}

/** What a leader must know of the licence in one sentence, or null when there is nothing to say. */
function licenceNote(c: Cost): string | null {
  const l = c.licence;
  if (l.charge === 'unpublished') return 'The provider\'s own charge for the mesh is not included: it bills the mesh by its own price list, which this tool does not price.';
  if (l.charge === 'per-unit' && l.usd_per_year === null) return 'A licence is priced per cluster and is not included until the number of clusters is known.';
  return null;
}

function cost(a: Assessment): Summary['cost'] {
  const c = a.cost;
  if (!c) return null;
  return { mesh: a.recommendation?.name ?? c.mesh, money: c.money.usd_per_year, people: c.people.fte, peopleMoney: c.people.usd_per_year, compute: c.compute.usd_per_year, licence: c.licence.usd_per_year, licenceCharge: c.licence.charge, licenceFreeBelow: c.licence.free_below_employees, licenceNote: licenceNote(c), budget: c.money.budget_usd, againstBudget: c.money.against_budget, per: c.compute.per, basis: c.basis, missing: c.missing };
}

function firstStep(a: Assessment, conditions: readonly string[]): string {
  if (a.verdict === 'adopt') {
    const uc = a.rollout.find((p) => p.use_case)?.use_case;
    return uc ? `Take a before-mesh benchmark, then mesh one narrow use case: ${uc.use_case}.` : 'Take a before-mesh benchmark, then mesh one narrow use case.';
  }
  // A defer starts where its list of what has to be true starts, never elsewhere.
  if (a.verdict === 'defer' && conditions[0]) return conditions[0];
  const alt = a.alternatives[0];
  return alt ? `First, for ${alt.need.charAt(0).toLowerCase()}${alt.need.slice(1)}: ${alt.tool}.` : 'Keep the shared library and gateway approach, and measure its upkeep.';
}

function revisit(a: Assessment): string {
  if (!a.revisit) return 'Look at this decision again when the answers change.';
  return a.revisit.on ? `Look again on ${a.revisit.on} (${a.revisit.after_months} months after this assessment), or sooner if an answer changes.` : `Look again ${a.revisit.after_months} months after this assessment, or sooner if an answer changes.`;
}

/** What has to change: the verified plan when there is one, else the remedies of the gates that hold the verdict. */
function conditionsOf(a: Assessment): string[] {
  if (a.verdict === 'adopt') return [];
  if (a.toAdopt.length > 0) return a.toAdopt.map((t) => t.message);
  return liftableGates(a.reasons).map((r) => r.remedy!);
}

/** The leadership one-pager of an assessment: the decision first, then why, cost, options, risks and when to look again. */
export function summarize(a: Assessment): Summary {
  // The needs this organisation has first, then the option that is on the table whatever the answers.
  const cheaper = [...a.alternatives.filter((x) => !x.always).slice(0, MAX_CHEAPER - 1), ...a.alternatives.filter((x) => x.always)];
  const decided = decisive(a);
  const conditions = conditionsOf(a);
  return {
    org: a.org,
    verdict: a.verdict,
    confidence: a.confidence,
    decision: decision(a),
    certainty: certainty(a),
    position: position(a),
    why: (decided.length > 0 ? decided : a.reasons.filter((r) => r.effect.kind === 'score')).slice(0, MAX_REASONS).map((r) => ({ title: r.title, detail: r.message })),
    cost: cost(a),
    cheaper: (cheaper.length > 0 ? cheaper : a.alternatives.slice(0, 1)).map((x) => ({ need: x.need, tool: x.tool, enoughUntil: x.enough_until })),
    conditions: conditions.slice(0, MAX_CONDITIONS),
    moreConditions: Math.max(0, conditions.length - MAX_CONDITIONS),
    risks: a.risks.slice(0, MAX_RISKS).map((r) => ({ title: r.title, guardrail: r.mitigation ?? '' })),
    firstStep: firstStep(a, conditions),
    revisit: revisit(a),
  };
}

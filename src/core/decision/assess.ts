import type { Assessment, Cost, Reason, ReasonEffect, Recommendation, Risk, Verdict } from '../report/assessment.js';
import { addMonths } from '../text/dates.js';
import { decide, pointsOf } from './decide.js';
import { alternativesFor } from '../knowledge/alternatives.js';
import { costOf } from '../knowledge/cost.js';
import { overheadGroup } from '../knowledge/latency.js';
import { withGroup, type DerivedGroup } from '../questionnaire/derive.js';
import { fields } from '../questionnaire/fields.js';
import { chooseMesh, needsL7, requiredFeatures } from '../knowledge/mesh-choice.js';
import { checklistFor, phasesFor } from '../knowledge/rollout.js';
import type { Knowledge } from '../knowledge/schema.js';
import type { LoadedQuestionnaire } from '../questionnaire/load.js';
import { AXES, type Rule } from '../rubric/schema.js';
import type { Rubric } from '../rubric/rubric.js';
import { visible } from '../text/safe-text.js';
import { cite } from '../text/format.js';
import { evidenceOf, fillTemplate } from '../rubric/reason-text.js';
import { later } from '../lazy/later.js';
import { axisReason, deciding, unknownsOf } from './reasons.js';
import { Sensitivity } from './sensitivity.js';
import { planToAdopt } from './to-adopt.js';

function effectOf(rule: Rule, rubric: Rubric): ReasonEffect {
  if ('gate' in rule.effect) {
    return 'axis' in rule.effect ? { kind: 'gate', cap: rule.effect.gate, axis: rule.effect.axis, points: pointsOf(rule, rubric) } : { kind: 'gate', cap: rule.effect.gate };
  }
  if ('risk' in rule.effect) return { kind: 'risk', severity: rule.severity!.level };
  return { kind: 'score', axis: rule.effect.axis, points: pointsOf(rule, rubric) };
}

function reasonOf(rule: Rule, q: LoadedQuestionnaire, rubric: Rubric): Reason {
  return {
    rule: rule.id,
    title: rule.title,
    message: fillTemplate(rule.reason, q.answers),
    effect: effectOf(rule, rubric),
    weight: rubric.scoring.weights[rule.id] ?? 0,
    evidence: evidenceOf(rule.when, q.answers, q.positions),
    ...(rule.remedy ? { remedy: rule.remedy.text } : {}),
    source: cite(rule.source),
  };
}

function revisitOf(k: Knowledge, verdict: Verdict, assessedOn: string | undefined): Assessment['revisit'] {
  if (!k.rollout) return null;
  const months = k.rollout.revisit_after_months[verdict];
  return { after_months: months, on: assessedOn ? addMonths(assessedOn, months) : null };
}

function riskOf(r: Reason, rubric: Rubric): Risk {
  // The schema holds every risk rule to a severity.
  const s = rubric.rules.find((x) => x.id === r.rule)!.severity!;
  return { rule: r.rule, title: r.title, message: r.message, mitigation: r.remedy ?? null, severity: { level: s.level, reason: s.reason, source: cite(s.source) }, evidence: r.evidence, source: r.source };
}

/** What the mesh picked would cost, when the rubric set has a mesh catalogue and a cost model. */
function costFor(recommendation: Recommendation | null, q: LoadedQuestionnaire, k: Knowledge): Cost | null {
  const mesh = k.meshes?.meshes.find((m) => m.id === recommendation?.mesh);
  if (!k.meshes || !mesh || !k.cost) return null;
  return costOf(k.cost, mesh, needsL7(requiredFeatures(k.meshes, q.answers)), q.answers);
}

/** The questionnaire with a derived group added: its values, and where each stands (at its first source's line). */
function withDerived(loaded: LoadedQuestionnaire, group: DerivedGroup): LoadedQuestionnaire {
  const answers = withGroup(loaded.answers, group);
  const positions = new Map(loaded.positions);
  for (const path of group.paths) {
    const at = fields().get(path)?.from?.map((p) => loaded.positions.get(p)).find((x) => x !== undefined);
    if (answers.has(path) && at) positions.set(path, at);
  }
  return { ...loaded, answers, positions };
}

/** The assessment of one questionnaire against one rubric. Pure: the same inputs give the same object. */
export function assess(loaded: LoadedQuestionnaire, rubric: Rubric): Assessment {
  // The answers with what the rubric's knowledge derives from them (the overhead of the mesh they
  // recommend), which rules may read like any derived quantity.
  const group = overheadGroup(rubric.knowledge);
  const q = group ? withDerived(loaded, group) : loaded;
  const outcome = decide(q.answers, rubric);
  const sensitivity = new Sensitivity(q.answers, rubric, outcome);
  const k = rubric.knowledge;
  const plan = outcome.verdict !== 'alternative' ? k.rollout : undefined;
  const assessment = {
    org: q.data.org.name,
    file: visible(q.file),
    verdict: outcome.verdict,
    confidence: sensitivity.confidence(),
    scores: { need: outcome.need, readiness: outcome.readiness, thresholds: { ...rubric.scoring.thresholds } },
    gates: outcome.fired.filter((r) => 'gate' in r.effect).map((r) => r.id),
  } as Assessment;
  const reasons = () => assessment.reasons;
  later(assessment, 'reasons', () => {
    const fired = outcome.fired.map((rule) => reasonOf(rule, q, rubric));
    const axes = AXES.map((axis) => axisReason(axis, outcome, fired, q, rubric));
    return deciding([...axes, ...fired], outcome.verdict);
  });
  later(assessment, 'unknowns', () => unknownsOf(outcome.undecided, q, rubric));
  later(assessment, 'toAdopt', () => (outcome.verdict === 'adopt' ? [] : planToAdopt(q.answers, rubric, outcome.truths)));
  later(assessment, 'flips', () => sensitivity.flips());
  later(assessment, 'recommendation', () => (k.meshes ? chooseMesh(k.meshes, q.answers, k.cost) : null));
  later(assessment, 'cost', () => costFor(assessment.recommendation, q, k));
  later(assessment, 'alternatives', () => (k.alternatives ? alternativesFor(k.alternatives, q.answers, q.positions) : []));
  later(assessment, 'risks', () => reasons().filter((r) => r.effect.kind === 'risk').map((r) => riskOf(r, rubric)));
  later(assessment, 'rollout', () => (plan ? phasesFor(plan, q.answers, q.positions) : []));
  const axisMet = { need: outcome.need >= rubric.scoring.thresholds.need, readiness: outcome.readiness >= rubric.scoring.thresholds.readiness };
  later(assessment, 'checklist', () => (plan ? checklistFor(plan, q.answers, q.positions, axisMet) : []));
  later(assessment, 'runbook', () => (plan ? plan.runbook.questions : []));
  assessment.revisit = revisitOf(k, outcome.verdict, q.data.org.assessed_on);
  // Waivers come from the run's configuration, not the answers: the command line sets them.
  assessment.waivers = [];
  assessment.comparison = null;
  return assessment;
}

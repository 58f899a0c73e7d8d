import { cite } from '../template.js';
import { AXES, type Rubric } from './schema.js';

/** One rule as a reviewer audits it: what it does, how much it counts, where it comes from. */
export interface ListedRule {
  id: string;
  title: string;
  effect: string;
  weight: number;
  source: string;
  /** What to do about it, when the rule says. */
  remedy: string | null;
}

/** Everything a rubric set knows, flattened for review; the `rubrics` command prints this. */
export interface RubricListing {
  scoring: { prior: Rubric['scoring']['prior']; thresholds: Rubric['scoring']['thresholds'] };
  rules: ListedRule[];
  alternatives: { id: string; need: string; tool: string; source: string }[];
  meshes: { id: string; name: string; operating_weight: number; features: string[]; end_of_support: string | null; source: string }[];
  phases: { id: string; title: string; source: string }[];
}

const effectOf = (e: Rubric['rules'][number]['effect']) =>
  'gate' in e ? `gate: ${e.gate}${'axis' in e ? `, ${e.axis} ${e.direction}` : ''}` : 'axis' in e ? `${e.axis} ${e.direction}` : 'risk';

/** The rubric set as a flat, ordered listing: rules by file order, knowledge by catalogue order. */
export function listRubric(r: Rubric): RubricListing {
  const k = r.knowledge;
  return {
    scoring: { prior: r.scoring.prior, thresholds: r.scoring.thresholds },
    // Each axis gives a reason in every assessment, so it is listed beside the rules.
    rules: [
      ...AXES.map((axis) => {
        const a = r.scoring.axes[axis];
        return { id: a.id, title: a.title, effect: `${axis} threshold ${r.scoring.thresholds[axis]}`, weight: 0, source: cite(a.source), remedy: null };
      }),
      ...r.rules.map((rule) => ({ id: rule.id, title: rule.title, effect: effectOf(rule.effect), weight: r.scoring.weights[rule.id] ?? 0, source: cite(rule.source), remedy: rule.remedy?.text ?? null })),
    ],
    alternatives: (k.alternatives ?? []).map((a) => ({ id: a.id, need: a.need, tool: a.tool, source: cite(a.source) })),
    meshes: (k.meshes?.meshes ?? []).map((m) => ({ id: m.id, name: m.name, operating_weight: m.operating_weight, features: m.features, end_of_support: m.end_of_support ?? null, source: cite(m.source) })),
    phases: (k.rollout?.phases ?? []).map((p) => ({ id: p.id, title: p.title, source: cite(p.source) })),
  };
}

import { pathsOf } from './condition.js';
import { factsAsOf } from '../knowledge/mesh-choice.js';
import { fields } from '../questionnaire/fields.js';
import type { FeatureStatus, Licence, Maturity } from '../knowledge/schema.js';
import { later } from '../lazy/later.js';
import { cite } from '../text/format.js';
import { figuresOf, type SourceNames } from './figures.js';
import { AXES } from './schema.js';
import type { Rubric } from './rubric.js';

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

/** A mesh of the catalogue with the facts it rests on. */
export interface ListedMesh {
  id: string;
  name: string;
  operating_weight: number;
  features: { id: string; status: FeatureStatus; label: string | null; note: string | null; source: string; as_of: string }[];
  licence: { terms: string; charge: Licence['charge']; usd_per_year: number | null; per: string | null; free_below_employees: number | null; note: string | null; source: string; as_of: string };
  end_of_support: string | null;
  /** The offering's own word for its preview, when it is in one: listed, never recommended. */
  preview: string | null;
  source: string;
}

/** Everything a rubric set knows, flattened for review; the `rubrics` command prints this. */
export interface RubricListing {
  scoring: { prior: Rubric['scoring']['prior']; thresholds: Rubric['scoring']['thresholds'] };
  rules: ListedRule[];
  alternatives: { id: string; need: string; tool: string; source: string }[];
  /** The month the mesh facts were last checked, and each mesh's facts with their sources. */
  meshes_as_of: string | null;
  /** The features the catalogue knows, in its order. */
  mesh_features: string[];
  /** How the projects' words for a stage become the catalogue's statuses, in the order they are checked. */
  maturity: Maturity;
  /** Which statuses besides ga meet a requirement for a mesh the organisation already runs, and why. */
  in_use: { also_meets: FeatureStatus[]; reason: string } | null;
  meshes: ListedMesh[];
  /** Each phase, with what must hold before it starts (null when nothing). */
  phases: { id: string; title: string; blocked_until: string | null; source: string }[];
  /** The readiness checklist, each item with the answers that settle it (none: checked by hand). */
  checklist: { id: string; area: string; reads: string[]; source: string }[];
  /** The questions the rules, the checklist and the phases read, in the questionnaire's order, each with what reads it. */
  questions: { path: string; question: string; read_by: string[] }[];
  /** Where the numbers come from: how many are seed figures and dated facts, and each estimate with its basis. */
  figures: { seed: number; fact: number; estimate: number; uncited: string[]; estimates: { where: string[]; basis: string }[] };
}

/** The rubric's numbers by provenance, with the estimates grouped by the basis they share. */
function figuresListing(r: Rubric): RubricListing['figures'] {
  const k = r.knowledge;
  // The citations name sources as cite_as after loading; a source may still be named by its id.
  const list = k.sources ?? [];
  const names: SourceNames = { all: list.flatMap((s) => [s.id, s.cite_as]), untrusted: list.filter((s) => s.numbers === 'untrusted').flatMap((s) => [s.id, s.cite_as]) };
  const of = (root: unknown, prefix: string) => figuresOf(root, prefix, names);
  const all = [
    ...r.rules.flatMap((rule) => of(rule, rule.id)),
    ...of(r.scoring, 'scoring'),
    ...(k.alternatives ?? []).flatMap((a) => of(a, `alternative ${a.id}`)),
    ...(k.meshes?.features ?? []).flatMap((f) => of(f, `feature ${f.id}`)),
    ...(k.meshes?.meshes ?? []).flatMap((m) => of(m, `mesh ${m.id}`)),
    ...Object.entries(k.cost ?? {}).flatMap(([key, part]) => of(part, `cost ${key}`)),
    ...(k.rollout ? of(k.rollout.revisit_after_months, 'revisit_after_months') : []),
    ...(k.rollout?.checklist ?? []).flatMap((c) => of(c, `checklist ${c.id}`)),
  ];
  const estimates = new Map<string, Set<string>>();
  for (const f of all.filter((x) => x.provenance === 'estimate')) {
    const where = f.path.split('.')[0]!;
    estimates.set(f.basis, (estimates.get(f.basis) ?? new Set()).add(where));
  }
  const count = (p: string) => all.filter((f) => f.provenance === p).length;
  return {
    seed: count('seed'),
    fact: count('fact'),
    estimate: count('estimate'),
    uncited: all.filter((f) => f.provenance === 'uncited').map((f) => `${f.path} = ${f.value}`),
    estimates: [...estimates].map(([basis, where]) => ({ where: [...where], basis: basis.trim() })),
  };
}

const effectOf = ({ effect: e, severity }: Rubric['rules'][number]) =>
  'gate' in e ? `gate: ${e.gate}${'axis' in e ? `, ${e.axis} ${e.direction}` : ''}` : 'axis' in e ? `${e.axis} ${e.direction}` : `risk: ${severity?.level}`;

/** The rules as a reviewer audits them (the axes' reasons first): what the reports cite. */
export function listRules(r: Rubric): ListedRule[] {
  return [
    ...AXES.map((axis) => {
      const a = r.scoring.axes[axis];
      return { id: a.id, title: a.title, effect: `${axis} threshold ${r.scoring.thresholds[axis]}`, weight: 0, source: cite(a.source), remedy: null };
    }),
    ...r.rules.map((rule) => ({ id: rule.id, title: rule.title, effect: effectOf(rule), weight: r.scoring.weights[rule.id] ?? 0, source: cite(rule.source), remedy: rule.remedy?.text ?? null })),
  ];
}

/** The answers a condition reads, a derived quantity standing for the answers it comes from. */
const answersRead = (c: Parameters<typeof pathsOf>[0] | undefined) => (c ? [...new Set(pathsOf(c).flatMap((p) => fields().get(p)?.from ?? [p]))] : []);

/** Every question something in the rubric set reads, and what reads it. */
function questionsListing(r: Rubric): RubricListing['questions'] {
  const readers = new Map<string, string[]>();
  const note = (c: Parameters<typeof answersRead>[0], by: string) => answersRead(c).forEach((p) => readers.set(p, [...(readers.get(p) ?? []), by]));
  r.rules.forEach((rule) => note(rule.when, rule.id));
  r.knowledge.rollout?.phases.forEach((p) => note(p.blocked_until?.when, `phase ${p.id}`));
  r.knowledge.rollout?.checklist.forEach((c) => note(c.done_when, `checklist ${c.id}`));
  // A reader of a whole section (the incident causes) reads every answer under it.
  return [...fields().values()]
    .filter((f) => !f.derived && f.kind !== 'section')
    .flatMap((f) => {
      const by = [...readers].filter(([p]) => f.path === p || f.path.startsWith(`${p}.`)).flatMap(([, ids]) => ids);
      return by.length > 0 ? [{ path: f.path, question: f.question, read_by: [...new Set(by)] }] : [];
    });
}

/** The rubric set as a flat, ordered listing: rules by file order, knowledge by catalogue order. */
export function listRubric(r: Rubric): RubricListing {
  const k = r.knowledge;
  const listing = {
    scoring: { prior: r.scoring.prior, thresholds: r.scoring.thresholds },
    rules: listRules(r),
    alternatives: (k.alternatives ?? []).map((a) => ({ id: a.id, need: a.need, tool: a.tool, source: cite(a.source) })),
    meshes_as_of: k.meshes ? factsAsOf(k.meshes) : null,
    mesh_features: (k.meshes?.features ?? []).map((f) => f.id),
    maturity: k.meshes?.maturity ?? [],
    in_use: k.meshes?.in_use ? { also_meets: k.meshes.in_use.also_meets, reason: k.meshes.in_use.reason.trim() } : null,
    meshes: (k.meshes?.meshes ?? []).map((m) => ({
      id: m.id,
      name: m.name,
      operating_weight: m.operating_weight,
      features: Object.entries(m.features).map(([id, f]) => ({ id, status: f.status, label: f.label ?? null, note: f.note ?? null, source: f.source, as_of: f.as_of })),
      licence: {
        terms: m.licence.terms,
        charge: m.licence.charge,
        usd_per_year: m.licence.charge === 'per-unit' ? m.licence.usd_per_year : null,
        per: m.licence.charge === 'per-unit' ? m.licence.per : null,
        free_below_employees: m.licence.charge === 'per-unit' ? (m.licence.free_below_employees ?? null) : null,
        note: m.licence.note?.trim() ?? null,
        source: m.licence.source,
        as_of: m.licence.as_of,
      },
      end_of_support: m.end_of_support ?? null,
      preview: m.preview?.label ?? null,
      source: cite(m.source),
    })),
    phases: (k.rollout?.phases ?? []).map((p) => ({ id: p.id, title: p.title, blocked_until: p.blocked_until?.requirement ?? null, source: cite(p.source) })),
    checklist: (k.rollout?.checklist ?? []).map((c) => ({ id: c.id, area: c.area, reads: answersRead(c.done_when), source: cite(c.source) })),
  } as RubricListing;
  // Worked out when read: an assessment lists the rules for its reports and never reads this.
  later(listing, 'figures', () => figuresListing(r));
  later(listing, 'questions', () => questionsListing(r));
  return listing;
}

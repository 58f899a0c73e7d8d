import type { MeshOption, Range, Recommendation } from '../report/assessment.js';
import { evaluate, type Truth } from '../rubric/condition.js';
import type { Answers, Lookup } from '../questionnaire/derive.js';
import { later } from '../lazy/later.js';
import { thousands } from '../text/format.js';
import { fillTemplate } from '../rubric/reason-text.js';
import type { Condition } from '../rubric/schema.js';
import { costInputsKey, modelledTotal } from './cost.js';
import { perHopMs, weightOf } from './mesh-figures.js';
import type { CostModel, Feature, FeatureStatus, Mesh, MeshCatalogue, TieBreak } from './schema.js';

/** Every condition the choice of a mesh reads: features' requirements, availability and preferences. */
export const catalogueConditions = (cat: MeshCatalogue): Condition[] => [
  ...cat.features.map((f) => f.required_when),
  ...cat.meshes.flatMap((m) => [...(m.available_when ? [m.available_when] : []), ...(m.in_use_when ? [m.in_use_when] : []), ...(m.prefer ?? []).map((p) => p.when)]),
];

/**
 * How a catalogue condition comes out: on the answers, or read off truths already known (the
 * sensitivity search knows them for every answer change it tries, and decides only those a change
 * can turn).
 */
export type TruthOf = (c: Condition) => Truth;
const truthOn = (answers: Lookup): TruthOf => (c) => evaluate(c, answers);

/** The features this organisation's answers require of a mesh. */
export function requiredFeatures(cat: MeshCatalogue, answers: Lookup, truth: TruthOf = truthOn(answers)): Feature[] {
  return cat.features.filter((f) => truth(f.required_when) === true);
}

/** Whether a requirement needs a layer 7 proxy on the path (more proxies per hop in some modes). */
export const needsL7 = (required: readonly Feature[]) => required.some((f) => f.layer === 7);

/**
 * Whether a mesh meets a required feature: its project documents it as ready for production, or
 * the organisation already runs this mesh and the catalogue's `in_use` lets the feature's status
 * count for it (`alsoMeets`).
 */
export const covers = (mesh: Mesh, feature: string, alsoMeets: readonly FeatureStatus[] = []) => meets(mesh, feature, alsoMeets) !== 'missing';

/** How a mesh meets a required feature: documented ready for production, only because it runs here (`alsoMeets`), or not. */
function meets(mesh: Mesh, feature: string, alsoMeets: readonly FeatureStatus[]): 'ga' | 'in-use' | 'missing' {
  const status = mesh.features[feature]?.status;
  return status === 'ga' ? 'ga' : status !== undefined && alsoMeets.includes(status) ? 'in-use' : 'missing';
}

/** The statuses besides ga that meet a requirement for this mesh here: those of `in_use` where the organisation runs it. */
const alsoMeetsOf = (cat: MeshCatalogue, mesh: Mesh, truth: TruthOf): readonly FeatureStatus[] =>
  cat.in_use && mesh.in_use_when && truth(mesh.in_use_when) === true ? cat.in_use.also_meets : [];

/** The month the catalogue's facts were last checked, as the report prints it. */
export const factsAsOf = (cat: MeshCatalogue) => cat.as_of.slice(0, 7);

const SHORTFALL: Record<Exclude<FeatureStatus, 'ga'>, string> = {
  beta: 'not yet production-ready',
  deprecated: 'deprecated',
  enterprise: 'commercial edition only',
  unsupported: 'not supported',
};
/** A required feature a mesh does not cover, and how far short it falls. */
const shortfall = (mesh: Mesh, feature: string) => {
  const fact = mesh.features[feature];
  return `${feature} (${fact ? SHORTFALL[fact.status as Exclude<FeatureStatus, 'ga'>] : 'not documented'})`;
};

/** What the cost model says a mesh costs here in a year and adds to a hop; null where it cannot tell. */
interface Modelled {
  total: Range | null;
  hop: Range | null;
}

/** How a mesh fares against the answers, before any text is written about it. */
interface Judged {
  mesh: Mesh;
  index: number;
  status: MeshOption['status'];
  score: number | null;
  applied: NonNullable<Mesh['prefer']>;
  missing: string[];
  /** Required features met only because the organisation already runs the mesh (a status `in_use` lets count). */
  inUse: string[];
  modelled: Modelled;
  /** An eligible mesh that costs less here and adds less latency a hop, which rules this one out. */
  beatenBy: Judged | null;
}

/** What a choice reads besides the catalogue: the answers, and the cost model that prices each mesh. */
interface Ctx {
  cat: MeshCatalogue;
  answers: Lookup;
  truth: TruthOf;
  model: CostModel | undefined;
  l7: boolean;
  /** The answers the cost model reads, as a key: the same for every mesh of one choice, so made once. */
  costInputs?: string;
}

/** What bars a mesh here whatever features are required: out of support, not available, in preview. */
function barred(mesh: Mesh, ctx: Ctx): 'end-of-support' | 'unavailable' | 'preview' | undefined {
  if (mesh.end_of_support && mesh.end_of_support <= ctx.cat.as_of) return 'end-of-support';
  if (mesh.available_when && ctx.truth(mesh.available_when) !== true) return 'unavailable';
  return mesh.preview ? 'preview' : undefined;
}

function judge(mesh: Mesh, index: number, required: readonly Feature[], ctx: Ctx): Judged {
  const { cat, answers, truth } = ctx;
  const alsoMeets = alsoMeetsOf(cat, mesh, truth);
  // Each required feature the mesh does not cover, and those it covers only because it runs here,
  // in one pass: the choice is made thousands of times a run.
  const missing: string[] = [];
  const inUse: string[] = [];
  for (const f of required) {
    const how = meets(mesh, f.id, alsoMeets);
    if (how === 'missing') missing.push(f.id);
    else if (how === 'in-use') inUse.push(f.id);
  }
  const applied = (mesh.prefer ?? []).filter((p) => truth(p.when) === true);
  const judged: Judged = { mesh, index, status: barred(mesh, ctx) ?? (missing.length > 0 ? 'lacks-features' : 'eligible'), score: null, applied, missing, inUse, modelled: { total: null, hop: null }, beatenBy: null };
  if (judged.status === 'eligible') {
    judged.score = applied.reduce((sum, p) => sum + p.adjust, mesh.operating_weight);
    if (ctx.model) judged.modelled = { total: modelledTotal(ctx.model, mesh, answers, weightOf(judged.score), ctx.costInputs ??= costInputsKey(answers)), hop: perHopMs(mesh, ctx.l7, ctx.model) };
  }
  return judged;
}

const mid = (r: Range) => (r[0] + r[1]) / 2;

/**
 * < 0 when a's range lies lower than b's (by their middles); 0 when they differ by less than
 * `resolution` (finer than the model can tell) or either is unknown.
 */
const lower = (a: Range | null, b: Range | null, resolution = 0) => {
  if (!a || !b) return 0;
  const d = mid(a) - mid(b);
  return Math.abs(d) < resolution ? 0 : Math.sign(d);
};

/** The difference in a modelled figure below which the catalogue's tie-breaks call two meshes equal. */
interface Resolution {
  cost: number;
  latency: number;
}
const resolutions = new WeakMap<readonly TieBreak[], Resolution>();
/** The catalogue's resolutions, the same for every choice: made once for its tie-breaks. */
function resolutionOf(rules: readonly TieBreak[]): Resolution {
  let kept = resolutions.get(rules);
  if (!kept) {
    kept = resolutionIn(rules);
    resolutions.set(rules, kept);
  }
  return kept;
}
const resolutionIn = (rules: readonly TieBreak[]): Resolution => {
  const of = (lowest: string) => rules.map((r) => r.prefer).find((p) => 'lowest' in p && p.lowest === lowest);
  const get = (lowest: string) => {
    const p = of(lowest);
    return p && 'resolution' in p ? (p.resolution ?? 0) : 0;
  };
  return { cost: get('modelled_cost'), latency: get('modelled_latency') };
};

/**
 * Marks each eligible mesh that another eligible one beats on both modelled figures: it costs
 * less here and adds less latency a hop. Such a mesh is never recommended, whatever its operating
 * weight, since the recommendation would then be dearer and slower than a mesh that meets the
 * same requirements.
 */
function markBeaten(eligible: readonly Judged[], res: Resolution): void {
  for (const j of eligible) {
    const rivals = eligible.filter((k) => k !== j && lower(k.modelled.total, j.modelled.total, res.cost) < 0 && lower(k.modelled.hop, j.modelled.hop, res.latency) < 0);
    // The cheapest rival is named.
    j.beatenBy = rivals.reduce<Judged | null>((b, k) => (!b || lower(k.modelled.total, b.modelled.total) < 0 ? k : b), null);
  }
}

/** The first tie-break that tells two equal scores apart: < 0 when it favours a. */
function tieBreak(a: Judged, b: Judged, rules: readonly TieBreak[]): { order: number; rule: TieBreak | null } {
  for (const rule of rules) {
    const p = rule.prefer;
    const order =
      'data_plane' in p ? Number(b.mesh.data_plane === p.data_plane) - Number(a.mesh.data_plane === p.data_plane)
      : p.lowest === 'modelled_cost' ? lower(a.modelled.total, b.modelled.total, p.resolution)
      : p.lowest === 'modelled_latency' ? lower(a.modelled.hop, b.modelled.hop, p.resolution)
      : a.mesh.operating_weight - b.mesh.operating_weight;
    if (order !== 0) return { order, rule };
  }
  return { order: 0, rule: null };
}

/** Lower score first; ties by the catalogue's tie-breaks, then by its order. */
function compare(a: Judged, b: Judged, rules: readonly TieBreak[]): number {
  if (a.score !== b.score) return a.score! - b.score!;
  return tieBreak(a, b, rules).order || a.index - b.index;
}

/** A catalogue without tie-breaks: one list, so that its resolutions are kept once too. */
const NO_TIE_BREAKS: readonly TieBreak[] = [];

/** Whether a mesh can be recommended here at all, told without judging the rest of it. */
function recommendable(mesh: Mesh, required: readonly Feature[], ctx: Ctx): boolean {
  if (barred(mesh, ctx)) return false;
  const alsoMeets = alsoMeetsOf(ctx.cat, mesh, ctx.truth);
  return required.every((f) => meets(mesh, f.id, alsoMeets) !== 'missing');
}

/**
 * Every mesh judged, and the best of those eligible that no other beats on both cost and latency.
 * `eligibleOnly`: judge only the meshes that can be recommended, for a caller that needs the best
 * alone (the choice is made again for every answer change the sensitivity search tries).
 */
function decide(cat: MeshCatalogue, answers: Lookup, required: readonly Feature[], model: CostModel | undefined, truth: TruthOf = truthOn(answers), eligibleOnly = false): { judged: Judged[]; best: Judged | undefined } {
  const rules = cat.tie_breaks ?? NO_TIE_BREAKS;
  const ctx: Ctx = { cat, answers, truth, model, l7: needsL7(required) };
  const judged: Judged[] = [];
  for (let i = 0; i < cat.meshes.length; i++) {
    const m = cat.meshes[i]!;
    if (!eligibleOnly || recommendable(m, required, ctx)) judged.push(judge(m, i, required, ctx));
  }
  const eligible = eligibleOnly ? judged : judged.filter((j) => j.score !== null);
  markBeaten(eligible, resolutionOf(rules));
  const best = eligible.filter((j) => !j.beatenBy).reduce<Judged | undefined>((b, j) => (!b || compare(j, b, rules) < 0 ? j : b), undefined);
  return { judged, best };
}

const usdRange = (r: Range) => `US$${thousands(r[0])}-${thousands(r[1])}`;
const msRange = (r: Range) => (r[0] === r[1] ? `${r[0]}` : `${r[0]}-${r[1]}`);

/** Why a mesh that another beats on both figures was passed over, with the figures. */
const beatenText = (j: Judged) => {
  const k = j.beatenBy!;
  return `Covers the requirements, but ${k.mesh.name} costs less here (${usdRange(k.modelled.total!)} against ${usdRange(j.modelled.total!)} a year) and adds less latency a hop (${msRange(k.modelled.hop!)} against ${msRange(j.modelled.hop!)} ms).`;
};

/** Why the best mesh beat a rival with the same score, in a sentence. */
function tieText(best: Judged, rival: Judged, rules: readonly TieBreak[]): string {
  const { rule } = tieBreak(best, rival, rules);
  return rule ? rule.reason : `${best.mesh.name} is listed first in the catalogue.`;
}

/** What the report says of a mesh: its adjustments, and why it was not picked. */
function optionOf(j: Judged, best: Judged | undefined, answers: Answers, rules: readonly TieBreak[]): MeshOption {
  const { mesh } = j;
  const adjustments = j.applied.map((p) => fillTemplate(p.reason, answers));
  const base = { id: mesh.id, name: mesh.name, operating_weight: mesh.operating_weight, adjustments, missing: j.missing, note: mesh.note?.trim() ?? '' };
  const why_not =
    j === best ? ''
    : j.status === 'end-of-support' ? `Out of support since ${mesh.end_of_support}.`
    : j.status === 'unavailable' ? `Only available where ${describeCondition(mesh.available_when!)}.`
    : j.status === 'preview' ? `In preview (${mesh.preview!.label}), so not recommended for production: ${mesh.preview!.note}`
    : j.status === 'lacks-features' ? `Does not cover ${j.missing.map((f) => shortfall(mesh, f)).join(', ')}.`
    : j.beatenBy ? beatenText(j)
    : !best ? ''
    : j.score === best.score ? `Covers the requirements and ties with ${best.mesh.name} (score ${j.score}): ${tieText(best, j, rules)}`
    : `Covers the requirements but is heavier to operate here (score ${j.score} against ${best.score}).`;
  return { ...base, status: j === best ? 'recommended' : j.status, score: j.score, why_not };
}

/** A one-line gist of a simple condition, for "only available where ..." notes. */
function describeCondition(c: NonNullable<Mesh['available_when']>): string {
  if (c.path && c.equals !== undefined) return `${c.path} is ${String(c.equals)}`;
  return 'its condition holds';
}

/** The sentence on required features met only because the organisation already runs the mesh. */
function inUseText(best: Judged, cat: MeshCatalogue): string[] {
  if (best.inUse.length === 0 || !cat.in_use) return [];
  const facts = best.inUse.map((f) => `${f} (${best.mesh.features[f]!.label ?? best.mesh.features[f]!.status})`).join(', ');
  return [`${facts}: not yet production-ready by its project's own word, but it counts because ${best.mesh.name} already runs here. ${cat.in_use.reason.trim()}`];
}

function whyChosen(best: Judged, options: readonly MeshOption[], judged: readonly Judged[], required: readonly Feature[], rules: readonly TieBreak[], cat: MeshCatalogue): string[] {
  const option = options[judged.indexOf(best)]!;
  const covering = judged.filter((j) => j !== best && j.score !== null);
  const rivals = covering.filter((j) => !j.beatenBy);
  // Meshes as light or lighter to operate that were passed over on the modelled figures.
  const passed = covering.filter((j) => j.beatenBy && j.score! <= best.score!);
  const beaten = passed.map((j) => `${j.mesh.name} is as light or lighter to operate (score ${j.score}), but ${j.beatenBy!.mesh.name} costs less here and adds less latency a hop, so it is not recommended.`);
  const coverage = required.length === 0
    ? 'No answer requires a particular feature, so the choice rests on operating weight alone.'
    : best.inUse.length === 0 ? `It covers every required feature, each documented as ready for production: ${required.map((f) => f.title).join('; ')}.`
    : `It covers every required feature: ${required.map((f) => f.title).join('; ')}.`;
  const adjusted = best.score !== best.mesh.operating_weight ? `, ${best.score} after the adjustments below` : '';
  const weight = `operating weight ${best.mesh.operating_weight} of 5${adjusted}`;
  const least =
    covering.length === 0 ? 'It is the only mesh in the catalogue that covers them.'
    : passed.length === 0 ? `Of the ${covering.length + 1} meshes that cover them, it is the least to operate here (${weight}).`
    : `Of the ${covering.length + 1} meshes that cover them, it is the least to operate here of those that no other beats on both modelled cost and latency (${weight}).`;
  const ties = rivals.filter((j) => j.score === best.score).map((j) => `It ties with ${j.mesh.name} (score ${j.score}): ${tieText(best, j, rules)}`);
  return [coverage, ...inUseText(best, cat), least, ...beaten, ...ties, ...option.adjustments, ...(option.note ? [option.note] : [])];
}

/** The mesh the catalogue picks for these requirements, as chooseMesh does, without its text. */
export function leastMesh(cat: MeshCatalogue, answers: Lookup, required: readonly Feature[], model?: CostModel, truth?: TruthOf): Mesh | undefined {
  return decide(cat, answers, required, model, truth, true).best?.mesh;
}

/**
 * The least mesh that meets the requirements: among the meshes that are supported, available
 * here and cover every required feature with a production-ready implementation, and that no other
 * such mesh beats on both modelled cost and latency, the lowest operating weight after the
 * preferences that hold; ties go by the catalogue's tie-breaks (the modelled figures first).
 */
export function chooseMesh(cat: MeshCatalogue, answers: Answers, model?: CostModel): Recommendation {
  const required = requiredFeatures(cat, answers);
  const rules = cat.tie_breaks ?? [];
  const { judged, best } = decide(cat, answers, required, model);
  const features = required.map((f) => ({ id: f.id, title: f.title }));
  const asOf = factsAsOf(cat);
  if (!best) {
    const why = [`No supported mesh in the catalogue covers every required feature with a production-ready implementation (${required.map((f) => f.id).join(', ')}).`];
    return { mesh: null, name: null, mode: null, data_plane: null, operating_weight: null, required_features: features, facts: [], why, considered: judged.map((j) => optionOf(j, undefined, answers, rules)), as_of: asOf };
  }
  const recommendation = {
    mesh: best.mesh.id,
    name: best.mesh.name,
    mode: best.mesh.mode,
    data_plane: best.mesh.data_plane,
    operating_weight: best.mesh.operating_weight,
    required_features: features,
    facts: required.map((f) => ({ feature: f.id, ...best.mesh.features[f.id]! })),
  } as Recommendation;
  // The reasons and the meshes passed over are most of the text, and a portfolio shows neither.
  let options: MeshOption[] | undefined;
  const considered = () => (options ??= judged.map((j) => optionOf(j, best, answers, rules)));
  later(recommendation, 'why', () => whyChosen(best, considered(), judged, required, rules, cat));
  later(recommendation, 'considered', considered);
  recommendation.as_of = asOf;
  return recommendation;
}

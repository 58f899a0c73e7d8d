import type { MeshOption, Recommendation } from '../assessment.js';
import { evaluate } from '../condition.js';
import type { Answers } from '../questionnaire/derive.js';
import { later } from '../later.js';
import { fillTemplate } from '../template.js';
import type { Feature, Mesh, MeshCatalogue } from './schema.js';

/** The features this organisation's answers require of a mesh. */
export function requiredFeatures(cat: MeshCatalogue, answers: Answers): Feature[] {
  return cat.features.filter((f) => evaluate(f.required_when, answers) === true);
}

/** Whether a requirement needs a layer 7 proxy on the path (more proxies per hop in some modes). */
export const needsL7 = (required: readonly Feature[]) => required.some((f) => f.layer === 7);

/** How a mesh fares against the answers, before any text is written about it. */
interface Judged {
  mesh: Mesh;
  status: MeshOption['status'];
  score: number | null;
  applied: NonNullable<Mesh['prefer']>;
  missing: string[];
}

function judge(mesh: Mesh, cat: MeshCatalogue, required: readonly Feature[], answers: Answers): Judged {
  const missing = required.filter((f) => !mesh.features.includes(f.id)).map((f) => f.id);
  const applied = (mesh.prefer ?? []).filter((p) => evaluate(p.when, answers) === true);
  const out = (status: MeshOption['status'], score: number | null = null): Judged => ({ mesh, status, score, applied, missing });
  if (mesh.end_of_support && mesh.end_of_support <= cat.as_of) return out('end-of-support');
  if (mesh.available_when && evaluate(mesh.available_when, answers) !== true) return out('unavailable');
  if (missing.length > 0) return out('lacks-features');
  return out('eligible', applied.reduce((sum, p) => sum + p.adjust, mesh.operating_weight));
}

/** What the report says of a mesh: its adjustments, and why it was not picked. */
function optionOf(j: Judged, best: Judged | undefined, answers: Answers): MeshOption {
  const { mesh } = j;
  const adjustments = j.applied.map((p) => fillTemplate(p.reason, answers));
  const base = { id: mesh.id, name: mesh.name, operating_weight: mesh.operating_weight, adjustments, missing: j.missing, note: mesh.note?.trim() ?? '' };
  const why_not =
    j === best ? ''
    : j.status === 'end-of-support' ? `Out of support since ${mesh.end_of_support}.`
    : j.status === 'unavailable' ? `Only available where ${describeCondition(mesh.available_when!)}.`
    : j.status === 'lacks-features' ? `Does not cover ${j.missing.join(', ')}.`
    : !best ? ''
    : j.score === best.score ? `Covers the requirements and ties with ${best.mesh.name} (score ${j.score}), which is listed first.`
    : `Covers the requirements but is heavier to operate here (score ${j.score} against ${best.score}).`;
  return { ...base, status: j === best ? 'recommended' : j.status, score: j.score, why_not };
}

/** A one-line gist of a simple condition, for "only available where ..." notes. */
function describeCondition(c: NonNullable<Mesh['available_when']>): string {
  if (c.path && c.equals !== undefined) return `${c.path} is ${String(c.equals)}`;
  return 'its condition holds';
}

function whyChosen(best: MeshOption, required: readonly Feature[], rivals: number): string[] {
  const covers = required.length === 0
    ? 'No answer requires a particular feature, so the choice rests on operating weight alone.'
    : `It covers every required feature: ${required.map((f) => f.title).join('; ')}.`;
  const adjusted = best.score !== best.operating_weight ? `, ${best.score} after the adjustments below` : '';
  const least = rivals > 0
    ? `Of the ${rivals + 1} meshes that cover them, it is the least to operate here (operating weight ${best.operating_weight} of 5${adjusted}).`
    : 'It is the only mesh in the catalogue that covers them.';
  return [covers, least, ...best.adjustments, ...(best.note ? [best.note] : [])];
}

/**
 * The least mesh that meets the requirements: among the meshes that are supported, available
 * here and cover every required feature, the lowest operating weight after the preferences that
 * hold; ties go to the one listed first.
 */
export function chooseMesh(cat: MeshCatalogue, answers: Answers): Recommendation {
  const required = requiredFeatures(cat, answers);
  const judged = cat.meshes.map((m) => judge(m, cat, required, answers));
  const eligible = judged.filter((j) => j.score !== null);
  const best = eligible.reduce<Judged | undefined>((b, j) => (!b || j.score! < b.score! ? j : b), undefined);
  const features = required.map((f) => ({ id: f.id, title: f.title }));
  if (!best) {
    const why = [`No supported mesh in the catalogue covers every required feature (${required.map((f) => f.id).join(', ')}).`];
    return { mesh: null, name: null, mode: null, data_plane: null, operating_weight: null, required_features: features, why, considered: judged.map((j) => optionOf(j, undefined, answers)), as_of: cat.as_of };
  }
  const recommendation = {
    mesh: best.mesh.id,
    name: best.mesh.name,
    mode: best.mesh.mode,
    data_plane: best.mesh.data_plane,
    operating_weight: best.mesh.operating_weight,
    required_features: features,
  } as Recommendation;
  // The reasons and the meshes passed over are most of the text, and a portfolio shows neither.
  let options: MeshOption[] | undefined;
  const considered = () => (options ??= judged.map((j) => optionOf(j, best, answers)));
  later(recommendation, 'why', () => whyChosen(considered()[judged.indexOf(best)]!, required, eligible.length - 1));
  later(recommendation, 'considered', considered);
  recommendation.as_of = cat.as_of;
  return recommendation;
}

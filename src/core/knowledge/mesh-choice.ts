import type { MeshOption, Recommendation } from '../assessment.js';
import { evaluate } from '../condition.js';
import type { Answers } from '../questionnaire/derive.js';
import { fillTemplate } from '../template.js';
import type { Feature, Mesh, MeshCatalogue } from './schema.js';

/** The features this organisation's answers require of a mesh. */
export function requiredFeatures(cat: MeshCatalogue, answers: Answers): Feature[] {
  return cat.features.filter((f) => evaluate(f.required_when, answers) === true);
}

/** Whether a requirement needs a layer 7 proxy on the path (more proxies per hop in some modes). */
export const needsL7 = (required: readonly Feature[]) => required.some((f) => f.layer === 7);

interface Judged {
  mesh: Mesh;
  option: MeshOption;
}

function judge(mesh: Mesh, cat: MeshCatalogue, required: readonly Feature[], answers: Answers): Judged {
  const missing = required.filter((f) => !mesh.features.includes(f.id)).map((f) => f.id);
  const applied = (mesh.prefer ?? []).filter((p) => evaluate(p.when, answers) === true);
  const base = { id: mesh.id, name: mesh.name, operating_weight: mesh.operating_weight, adjustments: applied.map((p) => fillTemplate(p.reason, answers)), missing, note: mesh.note?.trim() ?? '' };
  const out = (status: MeshOption['status'], why_not: string, score: number | null = null): Judged => ({ mesh, option: { ...base, status, score, why_not } });
  if (mesh.end_of_support && mesh.end_of_support <= cat.as_of) return out('end-of-support', `Out of support since ${mesh.end_of_support}.`);
  if (mesh.available_when && evaluate(mesh.available_when, answers) !== true) {
    return out('unavailable', `Only available where ${describeCondition(mesh.available_when)}.`);
  }
  if (missing.length > 0) return out('lacks-features', `Does not cover ${missing.join(', ')}.`);
  return out('eligible', '', applied.reduce((sum, p) => sum + p.adjust, mesh.operating_weight));
}

/** A one-line gist of a simple condition, for "only available where ..." notes. */
function describeCondition(c: NonNullable<Mesh['available_when']>): string {
  if (c.path && c.equals !== undefined) return `${c.path} is ${String(c.equals)}`;
  return 'its condition holds';
}

function whyChosen(best: Judged, required: readonly Feature[], rivals: number): string[] {
  const covers = required.length === 0
    ? 'No answer requires a particular feature, so the choice rests on operating weight alone.'
    : `It covers every required feature: ${required.map((f) => f.title).join('; ')}.`;
  const adjusted = best.option.score !== best.option.operating_weight ? `, ${best.option.score} after the adjustments below` : '';
  const least = rivals > 0
    ? `Of the ${rivals + 1} meshes that cover them, it is the least to operate here (operating weight ${best.option.operating_weight} of 5${adjusted}).`
    : 'It is the only mesh in the catalogue that covers them.';
  return [covers, least, ...best.option.adjustments, ...(best.option.note ? [best.option.note] : [])];
}

/**
 * The least mesh that meets the requirements: among the meshes that are supported, available
 * here and cover every required feature, the lowest operating weight after the preferences that
 * hold; ties go to the one listed first.
 */
export function chooseMesh(cat: MeshCatalogue, answers: Answers): Recommendation {
  const required = requiredFeatures(cat, answers);
  const judged = cat.meshes.map((m) => judge(m, cat, required, answers));
  const eligible = judged.filter((j) => j.option.score !== null);
  const best = eligible.reduce<Judged | undefined>((b, j) => (!b || j.option.score! < b.option.score! ? j : b), undefined);
  const features = required.map((f) => ({ id: f.id, title: f.title }));
  if (!best) {
    const why = [`No supported mesh in the catalogue covers every required feature (${required.map((f) => f.id).join(', ')}).`];
    return { mesh: null, name: null, mode: null, data_plane: null, operating_weight: null, required_features: features, why, considered: judged.map((j) => j.option), as_of: cat.as_of };
  }
  best.option.status = 'recommended';
  for (const j of eligible.filter((e) => e !== best)) {
    j.option.why_not = j.option.score === best.option.score
      ? `Covers the requirements and ties with ${best.mesh.name} (score ${j.option.score}), which is listed first.`
      : `Covers the requirements but is heavier to operate here (score ${j.option.score} against ${best.option.score}).`;
  }
  return {
    mesh: best.mesh.id,
    name: best.mesh.name,
    mode: best.mesh.mode,
    data_plane: best.mesh.data_plane,
    operating_weight: best.mesh.operating_weight,
    required_features: features,
    why: whyChosen(best, required, eligible.length - 1),
    considered: judged.map((j) => j.option),
    as_of: cat.as_of,
  };
}

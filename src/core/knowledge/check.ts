import type { Problem } from '../text/problem.js';
import { checkCondition, checkPlaceholders, reporter, type Report } from '../rubric/check.js';
import type { Source } from '../yaml/yaml-source.js';
import { statusOfLabel } from './maturity.js';
import type { Alternative, CostModel, Knowledge, MeshCatalogue, RolloutPlan } from './schema.js';

type Seg = string | number;

function uniqueIds(items: readonly { id: string }[], at: Seg[], report: Report, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) report([...at, i, 'id'], `duplicate ${what} id "${item.id}"`);
    seen.add(item.id);
  });
}

function checkRange(r: readonly [number, number], at: Seg[], report: Report): void {
  if (r[0] > r[1]) report(at, `a range is [low, high]; got [${r[0]}, ${r[1]}]`, `write [${r[1]}, ${r[0]}]`);
}

function checkAlternatives(list: readonly Alternative[], report: Report): void {
  uniqueIds(list, ['alternatives'], report, 'alternative');
  list.forEach((a, i) => {
    if (a.when) checkCondition(a.when, ['alternatives', i, 'when'], report);
    checkPlaceholders(a.tool, ['alternatives', i, 'tool'], report);
    checkPlaceholders(a.why, ['alternatives', i, 'why'], report);
  });
}

function checkMeshes(cat: MeshCatalogue, report: Report): void {
  uniqueIds(cat.features, ['features'], report, 'feature');
  uniqueIds(cat.meshes, ['meshes'], report, 'mesh');
  const known = cat.features.map((f) => f.id);
  cat.features.forEach((f, i) => checkCondition(f.required_when, ['features', i, 'required_when'], report));
  const month = cat.as_of.slice(0, 7);
  const dated = (asOf: string, at: Seg[]) => {
    if (asOf > month) report([...at, 'as_of'], `a fact read in ${asOf} is newer than the catalogue's as_of (${cat.as_of})`, 'move the catalogue\'s as_of forward when you recheck its facts');
  };
  // A project's word for a stage must read as the status it is filed under, by the written rule.
  const mapped = (label: string, status: string, at: Seg[]) => {
    if (!cat.maturity) return;
    const got = statusOfLabel(cat.maturity, label);
    if (got === null) report(at, `the label "${label}" names none of the maturity words`, `use the project's own word, one of ${cat.maturity.flatMap((e) => e.words).join(', ')}`);
    else if (got !== status) report(at, `the label "${label}" reads as ${got} by the maturity rule, not ${status}`, `file it as ${got}, or quote the project's word that makes it ${status}`);
  };
  cat.meshes.forEach((m, i) => {
    for (const [f, fact] of Object.entries(m.features)) {
      if (!known.includes(f)) report(['meshes', i, 'features', f], `"${f}" is not a feature listed under features`, `one of ${known.join(', ')}`);
      dated(fact.as_of, ['meshes', i, 'features', f]);
      if (fact.label) mapped(fact.label, fact.status, ['meshes', i, 'features', f, 'label']);
    }
    if (m.preview) {
      dated(m.preview.as_of, ['meshes', i, 'preview']);
      mapped(m.preview.label, 'beta', ['meshes', i, 'preview', 'label']);
    }
    if (m.in_use_when) checkCondition(m.in_use_when, ['meshes', i, 'in_use_when'], report);
    dated(m.licence.as_of, ['meshes', i, 'licence']);
    if (m.availability) dated(m.availability.as_of, ['meshes', i, 'availability']);
    if (m.available_when) checkCondition(m.available_when, ['meshes', i, 'available_when'], report);
    m.prefer?.forEach((p, j) => {
      checkCondition(p.when, ['meshes', i, 'prefer', j, 'when'], report);
      checkPlaceholders(p.reason, ['meshes', i, 'prefer', j, 'reason'], report);
    });
  });
}

function checkCost(cost: CostModel, report: Report): void {
  for (const part of ['per_pod', 'per_node'] as const) {
    checkRange(cost[part].cpu_millicores, [part, 'cpu_millicores'], report);
    checkRange(cost[part].memory_mib, [part, 'memory_mib'], report);
  }
  for (const [kind, figure] of Object.entries(cost.latency_per_proxy_ms)) checkRange(figure.range, ['latency_per_proxy_ms', kind, 'range'], report);
  cost.people_fte.by_weight.forEach((r, i) => checkRange(r, ['people_fte', 'by_weight', i], report));
}

function checkRollout(plan: RolloutPlan, report: Report): void {
  uniqueIds(plan.phases, ['phases'], report, 'phase');
  uniqueIds(plan.first_use_cases, ['first_use_cases'], report, 'use case');
  uniqueIds(plan.checklist, ['checklist'], report, 'checklist');
  plan.phases.forEach((p, i) => p.blocked_until && checkCondition(p.blocked_until.when, ['phases', i, 'blocked_until', 'when'], report));
  plan.first_use_cases.forEach((u, i) => u.when && checkCondition(u.when, ['first_use_cases', i, 'when'], report));
  plan.checklist.forEach((c, i) => c.done_when && checkCondition(c.done_when, ['checklist', i, 'done_when'], report));
  if (plan.first_use_cases.at(-1)?.when) {
    report(['first_use_cases', plan.first_use_cases.length - 1], 'the last first use case needs no "when", so that every organisation gets one');
  }
}

/** The checks a knowledge file's schema cannot make: real fields, known ids, sane ranges. */
export function checkKnowledge(key: keyof Knowledge, value: unknown, source: Source): Problem[] {
  const problems: Problem[] = [];
  const report = reporter(problems, source, []);
  if (key === 'alternatives') checkAlternatives((value as { alternatives: Alternative[] }).alternatives, report);
  if (key === 'meshes') checkMeshes(value as MeshCatalogue, report);
  if (key === 'cost') checkCost(value as CostModel, report);
  if (key === 'rollout') checkRollout(value as RolloutPlan, report);
  if (key === 'sources') uniqueIds((value as { sources: { id: string }[] }).sources, ['sources'], report, 'source');
  return problems;
}

import { Chalk } from 'chalk';
import type { ListedMesh, RubricListing } from '../core/rubric/listing.js';
import { box } from './terminal/box.js';
import { markdownTable } from './text.js';
import { wrap } from './terminal/wrap.js';
import { thousands } from '../core/text/format.js';
import type { SourceList } from '../core/knowledge/schema.js';

const WIDTH = 80;

const figureCounts = (l: RubricListing) => `${l.figures.seed} from the seeds, ${l.figures.fact} dated facts, ${l.figures.estimate} our estimates${l.figures.uncited.length > 0 ? `, ${l.figures.uncited.length} uncited` : ''}`;

/** The answers that settle a checklist item, or that none does. */
const settledBy = (x: RubricListing['checklist'][number]) => (x.reads.length > 0 ? x.reads.join(', ') : 'checked by hand');

const CELL = { ga: 'yes', beta: 'beta', deprecated: 'deprecated', enterprise: 'Enterprise only', unsupported: 'no' } as const;

/**
 * The catalogue as a Markdown table of facts: one row per mesh, one column per feature ("-" where
 * the mesh's project documents nothing), the licence, and the month of its oldest fact, so a
 * reader knows how fresh the least fresh fact of a row is.
 */
export function meshFactsTable(l: RubricListing): string[] {
  const features = l.mesh_features;
  const licence = (m: ListedMesh) =>
    m.licence.charge === 'none' ? 'no charge'
    : m.licence.charge === 'unpublished' ? "provider's price list"
    : `$${thousands(m.licence.usd_per_year!)} a ${m.licence.per} a year${m.licence.free_below_employees ? `, free below ${m.licence.free_below_employees} employees` : ''} (verify)`;
  const oldest = (m: ListedMesh) => [m.licence.as_of, ...m.features.map((f) => f.as_of)].sort()[0]!;
  return markdownTable(
    ['mesh', ...features, 'licence', 'oldest fact'],
    l.meshes.map((m) => [
      `${m.name}${m.end_of_support ? ` (end of support ${m.end_of_support})` : ''}${m.preview ? ` (${m.preview.toLowerCase()})` : ''}`,
      ...features.map((id) => {
        const f = m.features.find((x) => x.id === id);
        return f ? CELL[f.status] : '-';
      }),
      licence(m),
      oldest(m),
    ]),
  );
}

const NOTE_WORD = { beta: 'beta', deprecated: 'deprecated', enterprise: 'Enterprise only', unsupported: 'not supported' } as const;
const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

/**
 * The catalogue as the README and docs/rubrics.md show it, all drawn from the data: the facts
 * table, the rule that reads each project's words as a status, and the notes behind every fact
 * that is not a plain yes.
 */
export function catalogueSection(l: RubricListing): string[] {
  const shown = (status: string) => (CELL as Record<string, string>)[status] ?? status;
  const notes = l.meshes.flatMap((m) => {
    if (m.preview) return [`- ${m.name} is in ${m.preview.toLowerCase()}: listed, never recommended, and none of its features meets a requirement yet.`];
    const features = m.features.filter((f) => f.status !== 'ga' && f.note).map((f) => `- ${m.name}, ${f.id} (${f.label ?? NOTE_WORD[f.status as keyof typeof NOTE_WORD]}): ${sentence(f.note!)}`);
    const licence = m.licence.charge !== 'none' && m.licence.note ? [`- ${m.name}, licence: ${sentence(m.licence.note)}`] : [];
    return [...features, ...licence];
  });
  const inUse = l.in_use ? ` The one exception is the mesh an organisation already runs, for which ${l.in_use.also_meets.map(shown).join(' and ')} counts too. ${sentence(l.in_use.reason)}` : '';
  return [
    `Mesh facts as of ${l.meshes_as_of ?? '-'}. Each cell is the catalogue's reading of what the mesh's own project documents, from its documentation, issue tracker or vendor page, with the month it was read; \`-\` means the project documents nothing about it. The page behind every cell is in \`rubrics/meshes.yaml\` and in \`mesh-assess rubrics --format json\`. The last column is the month of a row's oldest fact.`,
    '',
    ...meshFactsTable(l),
    '',
    `Only \`yes\` meets a requirement.${inUse}`,
    ...(l.maturity.length === 0 ? [] : [
      '',
      "How each project's word for a stage becomes a cell: the first row, in this order, whose words appear in the project's own label decides, and a label that reads otherwise fails the rubric check. A feature documented with no qualifier is `yes`.",
      '',
      ...markdownTable(['cell', 'when', "the projects' words"], l.maturity.map((e) => [shown(e.status), e.means, e.words.join(', ')])),
    ]),
    ...(notes.length === 0 ? [] : ['', 'Behind the cells that are not a plain `yes`:', '', ...notes]),
  ];
}

/**
 * docs/sources.md: each source the rubric cites, by the name every report uses, with its full
 * title, its publisher, what the tool takes from it and how far it is trusted.
 */
export function sourcesMarkdown(list: SourceList): string {
  const trust = { high: 'high', medium: 'medium', low: 'low' } as const;
  return [
    '# Sources',
    '',
    'Generated from `rubrics/sources.yaml` by `npm run docs`; do not edit by hand.',
    '',
    "Every rule, alternative, mesh fact and figure that mesh-assess prints cites one of these, by the name in its heading here and a section (§ and a number, or the section's heading). The tool's sentences are its own; the thresholds, figures and trade-offs come from these sources.",
    '',
    ...list.flatMap((s) => [
      `## ${s.cite_as}`,
      '',
      `- Title: ${s.title}`,
      `- Publisher: ${s.publisher}`,
      `- Trusted: ${trust[s.trust]}${s.numbers === 'untrusted' ? '; none of its numbers is used as a fact' : ''}`,
      '',
      s.takes.trim(),
      '',
    ]),
  ].join('\n');
}

/** A mesh's features as one line: the production-ready ones bare, the others with their status. */
const featureList = (m: ListedMesh) => m.features.map((f) => (f.status === 'ga' ? f.id : `${f.id} (${f.status})`)).join(', ') || 'none';
const licenceText = (m: ListedMesh) => ({ none: 'no charge', 'per-unit': 'paid per cluster', unpublished: "billed on the provider's price list" })[m.licence.charge];

export const LIST_FORMATS = ['terminal', 'json', 'markdown'] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

function terminal(l: RubricListing, options: { color: boolean }): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const widths = [46, 22, 8];
  const rows = l.rules.map((r) => [[c.bold(r.id), ...wrap(r.source, widths[0]! - 2).map((s) => c.dim(s))], wrap(r.effect, widths[1]! - 2), [String(r.weight)]]);
  const table = box(['Rule and source', 'Effect', 'Weight'], rows, widths);
  const lines = [
    `${c.bold('mesh-assess rubrics')}  ${l.rules.length} rules, ${l.alternatives.length} alternatives, ${l.meshes.length} meshes, ${l.phases.length} rollout phases`,
    `prior need ${l.scoring.prior.need}, readiness ${l.scoring.prior.readiness}; thresholds need ${l.scoring.thresholds.need}, readiness ${l.scoring.thresholds.readiness}`,
    table,
    '',
    c.bold('Alternatives'),
    ...l.alternatives.flatMap((a) => [...wrap(`  ${c.bold(a.id)}: ${a.need}`, WIDTH, '    '), ...wrap(`    ${a.source}`, WIDTH, '    ').map((x) => c.dim(x))]),
    '',
    c.bold(`Meshes (operating weight, features, licence); mesh facts as of ${l.meshes_as_of ?? '-'}`),
    ...l.meshes.flatMap((m) => wrap(`  ${m.id} (${m.operating_weight}): ${featureList(m)}; ${licenceText(m)}${m.end_of_support ? ` [end of support ${m.end_of_support}]` : ''}`, WIDTH, '    ')),
    '',
    c.bold('Rollout phases'),
    ...l.phases.flatMap((p) => wrap(`  ${c.bold(p.id)}: ${p.title}${p.blocked_until ? `; waits until: ${p.blocked_until}` : ''}`, WIDTH, '    ')),
    '',
    c.bold('Readiness checklist (the answers that settle each item)'),
    ...l.checklist.flatMap((x) => wrap(`  ${c.bold(x.id)}: ${settledBy(x)}`, WIDTH, '    ')),
    '',
    c.bold(`Questions the rubric reads (${l.questions.length}), and what reads each`),
    ...l.questions.flatMap((q) => wrap(`  ${q.path}: ${q.read_by.join(', ')}`, WIDTH, '    ')),
    '',
    c.bold(`Figures: ${figureCounts(l)}`),
    ...l.figures.estimates.flatMap((e) => [...wrap(`  estimate in ${e.where.join(', ')}:`, WIDTH, '    '), ...wrap(`    ${e.basis}`, WIDTH, '    ').map((x) => c.dim(x))]),
    ...l.figures.uncited.map((u) => c.bold(`  uncited: ${u}`)),
  ];
  return `${lines.join('\n')}\n`;
}

function markdown(l: RubricListing): string {
  const table = markdownTable;
  return [
    '# The built-in rubric set',
    '',
    'Generated by `mesh-assess rubrics --format markdown`; do not edit by hand.',
    '',
    `With nothing known, need stands at ${l.scoring.prior.need} and readiness at ${l.scoring.prior.readiness}; each rule that fires moves its axis by its share of the points reachable on it. The thresholds are need ${l.scoring.thresholds.need} and readiness ${l.scoring.thresholds.readiness}; gates cap the verdict whatever the scores.`,
    '',
    `## Rules (${l.rules.length})`,
    '',
    ...table(['id', 'title', 'effect', 'weight', 'source'], l.rules.map((r) => [`\`${r.id}\``, r.title, r.effect, r.weight, r.source])),
    '',
    `## Alternatives (${l.alternatives.length})`,
    '',
    ...table(['id', 'need', 'tool', 'source'], l.alternatives.map((a) => [`\`${a.id}\``, a.need, a.tool, a.source])),
    '',
    `## Meshes (${l.meshes.length})`,
    '',
    ...catalogueSection(l),
    '',
    ...table(['id', 'name', 'operating weight', 'features', 'licence', 'end of support', 'source'], l.meshes.map((m) => [`\`${m.id}\``, m.name, m.operating_weight, featureList(m), `${m.licence.terms} (${licenceText(m)}, as of ${m.licence.as_of})`, m.end_of_support ?? '', m.source])),
    '',
    `## Rollout phases (${l.phases.length})`,
    '',
    ...table(['id', 'title', 'waits until', 'source'], l.phases.map((p) => [`\`${p.id}\``, p.title, p.blocked_until ?? '', p.source])),
    '',
    `## Readiness checklist (${l.checklist.length})`,
    '',
    ...table(['id', 'area', 'settled by', 'source'], l.checklist.map((x) => [`\`${x.id}\``, x.area, x.reads.length > 0 ? x.reads.map((p) => `\`${p}\``).join(', ') : settledBy(x), x.source])),
    '',
    `## Questions (${l.questions.length})`,
    '',
    'Every answer the rules, the checklist and the rollout read, in the order of the questionnaire.',
    '',
    ...table(['field', 'question', 'read by'], l.questions.map((q) => [`\`${q.path}\``, q.question, q.read_by.map((r) => `\`${r}\``).join(', ')])),
    '',
    '## Figures',
    '',
    `Every number in the rubric is a seed's figure (its citation names it), a fact about the world with its source and month, or the project's estimate: ${figureCounts(l)}. The estimates and their basis:`,
    '',
    ...table(['where', 'basis'], l.figures.estimates.map((e) => [e.where.map((w) => `\`${w}\``).join(', '), e.basis])),
    ...(l.figures.uncited.length > 0 ? ['', `Uncited: ${l.figures.uncited.join('; ')}`] : []),
    '',
  ].join('\n');
}

/** One renderer per format of the rubric listing. */
export const listRenderers = {
  terminal,
  json: (l: RubricListing) => `${JSON.stringify(l, null, 2)}\n`,
  markdown,
} satisfies Record<ListFormat, (l: RubricListing, o: { color: boolean }) => string>;

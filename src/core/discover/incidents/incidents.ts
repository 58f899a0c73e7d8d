import { isMap, isPair, isScalar, type Node } from 'yaml';
import type { Problem } from '../../text/problem.js';
import { fields } from '../../questionnaire/fields.js';
import { visible } from '../../text/safe-text.js';
import { didYouMean } from '../../text/suggest.js';
import { thousands } from '../../text/format.js';
import { parseSource, type Source } from '../../yaml/yaml-source.js';
import { readCsv, type CsvField, type CsvProblem } from './csv.js';
import { categoryKey, CAUSES, type Cause, type IncidentTable } from './incident-table.js';
import type { Discovered, Evidence, InputFile, SourceReport } from '../types.js';

/**
 * The incident source of `discover`: an export of the organisation's incidents (one row each, as
 * CSV) counted by cause through a map from the organisation's category names to the nine causes of
 * incidents.causes, and the months the export spans. Pure: the edge reads the files.
 */

/** Which cause each category counts under, by its key (categoryKey): case and spacing do not matter. */
export interface IncidentMap {
  readonly causes: ReadonlyMap<string, Cause>;
}

export interface IncidentOptions {
  /** The header of the column that holds each incident's category (--cause-column). */
  causeColumn: string;
  /** The header of the column that holds each incident's date (--date-column). */
  dateColumn: string;
}

/** How many problems of one kind are listed before the rest are counted in one more line. */
const LISTED = 20;

const plural = (n: number, one: string, many: string) => `${thousands(n)} ${n === 1 ? one : many}`;
const quoted = (s: string) => `"${visible(s)}"`;
const listed = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** The starter map of the incident table, as the map of a run that was given none. */
export function incidentMapOf(table: IncidentTable): IncidentMap {
  return { causes: new Map(table.categories.map((c) => [categoryKey(c.name), c.cause])) };
}

// --- Dates -------------------------------------------------------------------------------------

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's days_from_civil). */
function dayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date of a day number, the inverse of dayNumber. */
function civil(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const daysIn = (y: number, m: number) => [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/**
 * The day an incident happened, as a day number: a date (YYYY-MM-DD), or a date and time in ISO
 * 8601 (a T or a space between them, seconds and fractions optional), with or without a zone. A
 * time with a zone (Z, +02:00, -0500) is moved to UTC before its day is taken; one without a zone
 * keeps the day as written. Undefined when the text is none of these, or names no real day or time.
 */
export function incidentDay(text: string): number | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
  const day = dayNumber(y, mo, d);
  if (m[4] === undefined) return day;
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || s > 60) return undefined;
  const zone = m[7];
  if (zone === undefined || zone === 'Z' || zone === 'z') return day;
  const zm = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
  const [zh, zmin] = [Number(zm[2]), Number(zm[3] ?? 0)];
  if (zh > 23 || zmin > 59) return undefined;
  const offset = (zm[1] === '-' ? -1 : 1) * (zh * 60 + zmin);
  return day + Math.floor((h * 60 + min - offset) / 1440);
}

/** YYYY-MM-DD of a day number. */
export function dayText(day: number): string {
  const { y, m, d } = civil(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Whole months from the first day to the last, a part of a month counting as a whole one, and at
 * least 1: 2025-01-03 to 2025-12-19 is 12, 2025-01-01 to 2026-01-01 is 12, 2025-01-31 to
 * 2025-02-28 is 1 (a month after 31 January is the last day of February).
 */
export function monthsSpanned(first: number, last: number): number {
  const a = civil(first);
  const b = civil(last);
  const plus = (n: number) => {
    const total = a.y * 12 + (a.m - 1) + n;
    const y = Math.floor(total / 12);
    const m = (total % 12) + 1;
    return dayNumber(y, m, Math.min(a.d, daysIn(y, m)));
  };
  let n = (b.y - a.y) * 12 + (b.m - a.m);
  if (plus(n) > last) n--;
  if (plus(n) < last) n++;
  return Math.max(1, n);
}

// --- The export --------------------------------------------------------------------------------

/** Where a column named on the command line is, or the problem that it is not there. */
function findColumn(header: readonly CsvField[], name: string, flag: string, file: string): { index: number } | { problem: Problem } {
  const names = header.map((f) => f.value);
  const at = { file, line: header[0]?.line ?? 1, col: 1, path: '' };
  const exact = names.flatMap((n, i) => (n === name ? [i] : []));
  // A name that differs only in case or spacing is taken when no other column is that close.
  const near = exact.length > 0 ? exact : names.flatMap((n, i) => (categoryKey(n) === categoryKey(name) ? [i] : []));
  if (near.length === 1) return { index: near[0]! };
  if (near.length > 1) {
    return { problem: { ...at, message: `${near.length} columns are named ${quoted(name)} (columns ${listed(near.map((i) => String(i + 1)))}), so the ${flag} is unclear`, suggestion: 'rename one of them in the export' } };
  }
  const lone = names.length === 1 ? names[0]! : '';
  const separator = lone.includes(';') ? 'semicolons' : lone.includes('\t') ? 'tabs' : undefined;
  const suggestion = separator
    ? `the header has no commas but has ${separator}: export the file with commas between fields`
    : (didYouMean(name, names) ?? `the columns are ${listed(names.slice(0, 12).map(quoted))}${names.length > 12 ? ' and more' : ''}`);
  return { problem: { ...at, message: `no column named ${quoted(name)} (the ${flag})`, suggestion } };
}

/** The problems of one kind, at most LISTED of them, and one line for the rest. */
function capped(problems: Problem[], rest: (n: number) => string): Problem[] {
  if (problems.length <= LISTED) return problems;
  const next = problems[LISTED]!;
  return [...problems.slice(0, LISTED), { ...next, message: rest(problems.length - LISTED), suggestion: undefined }];
}

/** How one row's category counts: under a cause, or as other for a stated reason. */
type Placed =
  | { kind: 'cause'; cause: Cause; categories: string[] }
  | { kind: 'blank' }
  | { kind: 'unplaced'; category: string }
  | { kind: 'several'; causes: Cause[] };

/**
 * Where the map puts a category. The whole field is looked up first; a field that the map does not
 * hold as a whole and that lists several names separated by commas (GitLab writes an issue's
 * labels so) counts under the one cause its names lead to, and as other when they lead to several.
 */
function place(value: string, map: IncidentMap): Placed {
  const key = categoryKey(value);
  if (key === '') return { kind: 'blank' };
  const whole = map.causes.get(key);
  if (whole) return { kind: 'cause', cause: whole, categories: [key] };
  if (value.includes(',')) {
    const hits = [...new Set(value.split(',').map(categoryKey))].flatMap((k) => {
      const cause = map.causes.get(k);
      return cause ? [{ key: k, cause }] : [];
    });
    const causes = CAUSES.filter((c) => hits.some((h) => h.cause === c));
    if (causes.length === 1) return { kind: 'cause', cause: causes[0]!, categories: hits.map((h) => h.key) };
    if (causes.length > 1) return { kind: 'several', causes };
  }
  return { kind: 'unplaced', category: key };
}

/** Counts by name, largest first, then by name. */
const ranked = (counts: ReadonlyMap<string, number>) => [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

/**
 * Reads an incident export and counts it by cause. Answers incidents.period_months and every one of
 * incidents.causes: the export is taken as the whole record of its period, so a cause no row counts
 * under is a known 0. With any problem in the file, the columns or a date, it answers nothing.
 */
export function discoverIncidents(csv: InputFile, options: IncidentOptions, map: IncidentMap, mapFile?: string): { report: SourceReport; problems: Problem[] } {
  const file = csv.name;
  const nothing = (notes: string[] = []) => ({ answers: [], notes });
  const table = readCsv(csv.text);
  const located = (p: CsvProblem): Problem => ({ file, line: p.line, col: p.col, path: '', message: p.message, ...(p.suggestion ? { suggestion: p.suggestion } : {}) });
  const problems: Problem[] = [
    ...table.problems.filter((p) => p.kind !== 'width').map(located),
    ...capped(table.problems.filter((p) => p.kind === 'width').map(located), (n) => `and ${plural(n, 'more row', 'more rows')} with another number of fields than the header, not listed`),
  ];
  const header = table.records[0]?.fields;
  if (!header) {
    problems.push({ file, line: 1, col: 1, path: '', message: 'the file is empty: an incident export starts with a header row naming its columns' });
    return { report: nothing(), problems };
  }
  const cause = findColumn(header, options.causeColumn, '--cause-column', file);
  const date = findColumn(header, options.dateColumn, '--date-column', file);
  for (const c of [cause, date]) if ('problem' in c) problems.push(c.problem);
  if ('problem' in cause || 'problem' in date) return { report: nothing(), problems };

  const rows = table.records.slice(1);
  const dateName = header[date.index]!.value;
  const dateProblems: Problem[] = [];
  const days: number[] = [];
  const byCause = new Map<Cause, Map<string, number>>(CAUSES.map((c) => [c, new Map()]));
  const unplaced = new Map<string, number>();
  const several = new Map<string, number>();
  const spelling = new Map<string, string>();
  const categories = new Set<string>();
  let blank = 0;

  for (const row of rows) {
    const d = row.fields[date.index];
    const c = row.fields[cause.index];
    if (!d || !c) continue; // a row short of fields has its problem already
    const day = incidentDay(d.value.trim());
    if (day === undefined) {
      const got = d.value.trim() === '' ? 'the field is empty' : `got ${quoted(d.value.trim())}`;
      dateProblems.push({ file, line: d.line, col: d.col, path: dateName, message: `expected a date such as 2025-03-14, or a date and time such as 2025-03-14T09:30:00Z or 2025-03-14 09:30:00; ${got}` });
    } else days.push(day);
    const placed = place(c.value, map);
    // The names an export uses: a field the map does not hold whole that lists names counts each.
    const key = categoryKey(c.value);
    const names = key === '' ? [] : map.causes.has(key) || !c.value.includes(',') ? [key] : c.value.split(',').map(categoryKey).filter((k) => k !== '');
    for (const k of names) categories.add(k);
    // Each name is shown as it was first written: the whole field, and each name of a list.
    for (const part of [c.value, ...(c.value.includes(',') ? c.value.split(',') : [])]) {
      const k = categoryKey(part);
      if (k !== '' && !spelling.has(k)) spelling.set(k, part.trim());
    }
    if (placed.kind === 'blank') blank++;
    else if (placed.kind === 'unplaced') bump(unplaced, placed.category);
    else if (placed.kind === 'several') bump(several, placed.causes.join(', '));
    else bump(byCause.get(placed.cause)!, JSON.stringify(placed.categories));
  }
  problems.push(...capped(dateProblems, (n) => `and ${plural(n, 'more date', 'more dates')} in the ${quoted(dateName)} column that cannot be read, not listed`));
  if (problems.length > 0) return { report: nothing(), problems };
  if (rows.length === 0) {
    return { report: nothing([`${visible(file)} holds a header and no incidents; nothing was answered, since an empty export cannot tell a quiet period from a filter that matched nothing.`]), problems };
  }

  // What each cause counts, other taking every incident the map did not place.
  const count = new Map<Cause, number>(CAUSES.map((c) => [c, [...byCause.get(c)!.values()].reduce((a, b) => a + b, 0)]));
  const unplacedTotal = [...unplaced.values()].reduce((a, b) => a + b, 0) + [...several.values()].reduce((a, b) => a + b, 0) + blank;
  count.set('other', count.get('other')! + unplacedTotal);

  const first = days.reduce((a, b) => Math.min(a, b));
  const last = days.reduce((a, b) => Math.max(a, b));
  const months = monthsSpanned(first, last);
  const span = first === last ? `on ${dayText(first)}` : `from ${dayText(first)} to ${dayText(last)}`;
  const overall = `${plural(rows.length, 'incident', 'incidents')} ${span}, ${plural(categories.size, 'category', 'categories')}`;
  const counts = Object.fromEntries(CAUSES.map((c) => [c, count.get(c)!]));
  const source = visible(file);
  const mapEvidence: Evidence[] = mapFile !== undefined ? [{ source: visible(mapFile), summary: `the incident map, which places ${plural(map.causes.size, 'category', 'categories')} under the nine causes` }] : [];
  const shown = (key: string) => quoted(spelling.get(key) ?? key);

  /** The categories behind a cause's count, largest first: '"timeout" (20), "retry storm" (3)'. */
  const behind = (c: Cause): string => {
    const parts = ranked(byCause.get(c)!).map(([k, n]) => `${(JSON.parse(k) as string[]).map(shown).join(' with ')} (${thousands(n)})`);
    if (c === 'other') {
      for (const [k, n] of ranked(unplaced)) parts.push(`${shown(k)} (${thousands(n)}, not in the map)`);
      if (several.size > 0) parts.push(`labels naming several causes (${thousands([...several.values()].reduce((a, b) => a + b, 0))})`);
      if (blank > 0) parts.push(`no category (${thousands(blank)})`);
    }
    if (parts.length === 0) return '';
    const head = parts.slice(0, 5);
    return `; here: ${head.join(', ')}${parts.length > 5 ? `, and ${plural(parts.length - 5, 'more', 'more')}` : ''}`;
  };

  const answers: Discovered[] = [
    { path: 'incidents.period_months', value: months, evidence: [{ source, summary: `${overall}; dates from the ${quoted(dateName)} column`, counts }, ...mapEvidence] },
    ...CAUSES.map((c) => ({ path: `incidents.causes.${c}`, value: count.get(c)!, evidence: [{ source, summary: `${overall}${behind(c)}`, counts }, ...mapEvidence] })),
  ];

  const notes: string[] = [];
  notes.push(`The period runs from the first incident of ${source} to the last (${first === last ? dayText(first) : `${dayText(first)} to ${dayText(last)}`}): ${plural(months, 'month', 'months')}. If the export covered a longer window, give incidents.period_months that window's length instead.`);
  for (const [k, n] of ranked(unplaced)) notes.push(`${plural(n, 'incident', 'incidents')} in the category ${shown(k)}, which the map does not place: counted as other.`);
  for (const [k, n] of ranked(several)) notes.push(`${plural(n, 'incident', 'incidents')} with labels naming more than one cause (${k}): counted as other.`);
  if (blank > 0) notes.push(`${plural(blank, 'incident', 'incidents')} with no category, counted as other.`);
  const mapped = new Set(map.causes.values());
  const inexpressible = CAUSES.filter((c) => c !== 'other' && !mapped.has(c));
  if (inexpressible.length > 0) {
    notes.push(`No category of the map counts under ${listed(inexpressible)}, so ${inexpressible.length === 1 ? 'it reads' : 'they read'} 0: an incident of that cause, if there was one, is counted under whatever category it was filed in.`);
  }
  if (mapFile === undefined) notes.push('Categories were placed by the starter map (discover-incidents.yaml of the rubric set): check that it fits your categories, or write your own with discover --init-incident-map and give it with --incident-map.');
  return { report: { answers, notes }, problems: [] };
}

// --- The map file ------------------------------------------------------------------------------

const TOP_KEYS = ['categories'];

const positionOf = (source: Source, node: Node | null | undefined): { line: number; col: number } => {
  const offset = node && typeof node === 'object' && 'range' in node && node.range ? node.range[0] : 0;
  const p = source.lines.linePos(offset);
  return { line: p.line, col: p.col };
};

/**
 * Reads an incident map: `categories:`, then one `name: cause` line per category, the cause one of
 * the nine of incidents.causes. Every problem comes back located. The table (the starter map)
 * only helps word a suggestion, when a cause is written as one of its category names.
 */
export function parseIncidentMap(file: InputFile, table?: IncidentTable): { map: IncidentMap; problems: Problem[] } {
  const causes = new Map<string, Cause>();
  const { source, problems } = parseSource(file.name, file.text);
  const empty = () => ({ map: { causes: new Map<string, Cause>() }, problems });
  if (problems.length > 0) return empty();
  const at = (node: Node | null | undefined, path: string) => ({ file: file.name, ...positionOf(source, node), path });
  const root = source.doc.contents;
  const start = 'write categories: and under it one line per category, name: cause; discover --init-incident-map writes a map to start from';
  if (!isMap(root)) {
    problems.push({ ...at(root, ''), message: 'expected a mapping with categories: under it', suggestion: start });
    return empty();
  }
  let list: Node | undefined;
  let unknown = false;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (key === 'categories') list = (pair.value ?? undefined) as Node | undefined;
    else {
      unknown = true;
      problems.push({ ...at(pair.key as Node, key), message: `unknown key ${quoted(key)}`, suggestion: didYouMean(key, TOP_KEYS) ?? 'the map has one key, categories' });
    }
  }
  if (unknown) return empty();
  if (list === undefined || list === null) {
    problems.push({ ...at(root, 'categories'), message: 'the map has no categories', suggestion: start });
    return empty();
  }
  if (!isMap(list)) {
    problems.push({ ...at(list, 'categories'), message: 'expected one line per category under categories, name: cause', suggestion: start });
    return empty();
  }
  const firstAt = new Map<string, { line: number; name: string; cause: Cause }>();
  const known = table ? new Map(table.categories.map((c) => [categoryKey(c.name), c])) : undefined;
  for (const pair of list.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const name = isScalar(keyNode) ? String(keyNode.value ?? '') : String(keyNode ?? '');
    const path = `categories.${name}`;
    const key = categoryKey(name);
    if (key === '') {
      problems.push({ ...at(keyNode, path), message: 'a category needs a name with a letter or digit in it' });
      continue;
    }
    const valueNode = pair.value as Node | null;
    const value = isScalar(valueNode) && typeof valueNode.value === 'string' ? valueNode.value : undefined;
    if (value === undefined || !(CAUSES as readonly string[]).includes(value)) {
      const written = isScalar(valueNode) && valueNode.value !== null ? String(valueNode.value) : undefined;
      const asCategory = written !== undefined ? known?.get(categoryKey(written)) : undefined;
      const suggestion = (written !== undefined ? didYouMean(written, CAUSES) : undefined) ?? (asCategory ? `${quoted(written!)} is a category name; the starter map counts it under ${asCategory.cause}` : `one of ${CAUSES.join(', ')}`);
      const message = written === undefined ? `no cause for the category ${quoted(name)}` : `${quoted(written)} is not one of the nine causes`;
      problems.push({ ...at(written === undefined ? keyNode : valueNode, path), message, suggestion });
      continue;
    }
    const cause = value as Cause;
    const seen = firstAt.get(key);
    if (seen && seen.cause !== cause) {
      problems.push({ ...at(keyNode, path), message: `${quoted(name)} is the category ${quoted(seen.name)} of line ${seen.line} once case and spaces are ignored, which counts under ${seen.cause}, not ${cause}`, suggestion: 'keep one of the two' });
      continue;
    }
    if (!seen) firstAt.set(key, { line: positionOf(source, keyNode).line, name, cause });
    causes.set(key, cause);
  }
  if (problems.length === 0 && causes.size === 0) problems.push({ ...at(list, 'categories'), message: 'the map places no category', suggestion: start });
  return problems.length > 0 ? empty() : { map: { causes }, problems };
}

// --- The starter file --------------------------------------------------------------------------

const YAML_WORDS = /^(true|false|yes|no|on|off|y|n|null|~)$/i;

/** A category name as a YAML key: plain where YAML reads it back as the same text, quoted otherwise. */
function yamlKey(name: string): string {
  const plain = /^[A-Za-z][A-Za-z0-9 ./()&+'-]*$/.test(name) && !/ $|\s#|: /.test(name) && !YAML_WORDS.test(name);
  return plain ? name : JSON.stringify(name);
}

/**
 * The map `discover --init-incident-map` writes: what it is and how to edit it, then every
 * category of the starter table under `categories:`, grouped by cause, each cause preceded by the
 * question of the questionnaire it answers. parseIncidentMap reads it back to the starter map.
 */
export function incidentMapTemplate(table: IncidentTable): string {
  const out = [
    '# The incident map of mesh-assess discover: under which cause of the questionnaire',
    "# (incidents.causes) each category of your incident tool's export counts.",
    '#',
    '# Make it your own: write every category name your export uses, as `name: cause`, under the',
    '# cause it stands for, and delete the names you do not use. Names are compared without regard',
    '# to case or to how words are separated. An incident whose category the map does not place',
    '# counts as other, and discover lists those categories, so that none is dropped unseen.',
    '# The causes are the nine words after the colons; each group starts with the question it answers.',
    '# These names are a starting point: where a name does not say what failed (latency, network,',
    '# configuration) it counts as other, so move it if your team files it under a cause.',
    '#',
    '# Then run: mesh-assess discover --incidents export.csv --cause-column NAME --date-column NAME --incident-map THIS-FILE',
    'categories:',
  ];
  const all = fields();
  CAUSES.forEach((c, i) => {
    if (i > 0) out.push('');
    out.push(`  # ${c}: ${all.get(`incidents.causes.${c}`)?.question ?? c}`);
    const names = table.categories.filter((x) => x.cause === c);
    if (names.length === 0) out.push('  # (no category yet)');
    for (const x of names) out.push(`  ${yamlKey(x.name)}: ${c}`);
  });
  return `${out.join('\n')}\n`;
}

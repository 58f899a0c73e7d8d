import { once } from '../../lazy/once.js';
import { visible } from '../../text/safe-text.js';
import { attributesFor, flag, parseAttributes, type AttributeLine } from './gitattributes.js';
import { pathPattern, type LanguageTable } from './languages-table.js';
import { linguistLanguages, type LinguistLanguage } from './linguist-data.js';
import type { SourceReport } from '../types.js';

/**
 * `services.languages` from the organisation's repositories: each repository's main language as
 * GitHub Linguist decides it, from file names and sizes alone. A file's language comes from its
 * .gitattributes `linguist-language`, else its name, else its extension; vendored, documentation
 * and generated paths are left out, and so are languages that are not programming languages or
 * that build and deploy services rather than make them (the table's not_service_code). The main
 * language is the one with the most bytes, named as the questionnaire names languages. Linguist
 * reads a file whose extension several languages share; this reads none, so such a file goes to
 * the language Linguist falls back to when the content decides nothing, where that is no
 * programming language (Markdown for .md), else to the one language that lists the extension
 * first, or the one popular language among those that do. Any other such file counts for no
 * language, and the notes say how many bytes that left out.
 */

/** One repository as the edge listed it: its files (paths from its root, with "/") and their sizes. */
export interface RepoListing {
  name: string;
  files: { path: string; bytes: number }[];
  /** The text of the repository's root .gitattributes, when it has one. */
  attributes?: string;
}

interface LinguistIndex {
  byExtension: Map<string, LinguistLanguage[]>;
  byFilename: Map<string, LinguistLanguage[]>;
  byAlias: Map<string, LinguistLanguage>;
  byName: Map<string, LinguistLanguage>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/** Linguist's own lookups (language.rb): extensions lower-cased, file names exact, aliases lower-cased. */
const linguistIndex = once((): LinguistIndex => {
  const index: LinguistIndex = { byExtension: new Map(), byFilename: new Map(), byAlias: new Map(), byName: new Map() };
  for (const language of linguistLanguages()) {
    index.byName.set(language.name.toLowerCase(), language);
    for (const alias of [language.name.toLowerCase().replace(/\s/g, '-'), ...(language.aliases ?? [])]) index.byAlias.set(alias.toLowerCase(), language);
    for (const ext of new Set((language.extensions ?? []).map((e) => e.toLowerCase()))) push(index.byExtension, ext, language);
    for (const name of language.filenames ?? []) push(index.byFilename, name, language);
  }
  return index;
});

/** The table made ready to match: each list of patterns as one expression per case rule. */
interface Rules {
  vendored: RegExp[];
  documentation: RegExp[];
  generated: RegExp[];
  generic: readonly string[];
  fallback: Readonly<Record<string, string>>;
  popular: ReadonlySet<string>;
  notServiceCode: ReadonlySet<string>;
  names: Readonly<Record<string, string>>;
}

function union(patterns: readonly string[]): RegExp[] {
  const compiled = patterns.map(pathPattern).filter((p): p is RegExp => p !== null);
  const out: RegExp[] = [];
  for (const flags of ['', 'i']) {
    const some = compiled.filter((p) => p.flags === flags);
    if (some.length > 0) out.push(new RegExp(some.map((p) => `(?:${p.source})`).join('|'), flags));
  }
  return out;
}

const rulesOf = (table: LanguageTable): Rules => ({
  vendored: union(table.vendored.patterns),
  documentation: union(table.documentation.patterns),
  generated: union(table.generated.patterns),
  generic: table.generic_extensions.extensions.map((e) => e.toLowerCase()),
  fallback: Object.fromEntries(Object.entries(table.fallback.map).map(([ext, name]) => [ext.toLowerCase(), name])),
  popular: new Set(table.popular.languages),
  notServiceCode: new Set(table.not_service_code.languages),
  names: table.names.map,
});

const matchesAny = (res: readonly RegExp[], path: string) => res.some((re) => re.test(path));

/**
 * How the questionnaire names a Linguist language: the table's name for it, else its name in lower
 * case with each run of other characters than letters and digits as one hyphen ("Emacs Lisp" is
 * emacs-lisp, "ASN.1" asn-1).
 */
export function questionnaireName(linguistName: string, table: LanguageTable): string {
  if (Object.hasOwn(table.names.map, linguistName)) return table.names.map[linguistName]!;
  return linguistName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || linguistName.toLowerCase();
}

/**
 * A language, or the languages the file could be: `generic` when its extension names none on its
 * own (Linguist's generic.yml), so that the file may be in none of them.
 */
type Detection = { language: LinguistLanguage } | { candidates: LinguistLanguage[]; extension: string; generic: boolean } | null;

/** A file's language from its name and extension, as Linguist's Filename and Extension strategies give it. */
function detect(path: string, rules: Rules, index: LinguistIndex): Detection {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const byName = index.byFilename.get(base) ?? [];
  if (byName.length === 1) return { language: byName[0]! };
  const lower = base.toLowerCase();
  // "a.tar.gz" has the extensions ".tar.gz" and ".gz": the first Linguist knows counts.
  const parts = lower.split('.');
  let extension = '';
  let byExtension: LinguistLanguage[] = [];
  for (let i = 1; i < parts.length; i++) {
    const ext = `.${parts.slice(i).join('.')}`;
    const found = index.byExtension.get(ext);
    if (found) {
      extension = ext;
      byExtension = found;
      break;
    }
  }
  const generic = rules.generic.some((ext) => lower.endsWith(ext));
  let candidates: LinguistLanguage[];
  if (byName.length > 0) {
    const both = generic ? [] : byName.filter((l) => byExtension.includes(l));
    candidates = both.length > 0 ? both : byName;
  } else {
    candidates = byExtension;
  }
  if (candidates.length === 0) return null;
  if (candidates.length === 1 && !generic) return { language: candidates[0]! };
  const shown = byName.length > 0 ? base : extension;
  if (generic) return { candidates, extension: shown, generic };
  // Settled without reading the file: the language Linguist falls back to when no pattern matches,
  // where that is no programming language; else the one language that lists the extension first,
  // or the one popular language among those that do (or among all, when none does).
  const fallback = Object.hasOwn(rules.fallback, extension) ? candidates.find((l) => l.name === rules.fallback[extension]) : undefined;
  if (fallback) return { language: fallback };
  const first = candidates.filter((l) => (l.extensions?.[0] ?? '').toLowerCase() === extension);
  const pool = first.length > 0 ? first : candidates;
  if (pool.length === 1) return { language: pool[0]! };
  const popular = pool.filter((l) => rules.popular.has(l.name));
  if (popular.length === 1) return { language: popular[0]! };
  return { candidates, extension: shown, generic };
}

/** Where a file's bytes go: to a language (its group) as service code or as infrastructure, or nowhere. */
type Placement = { counts: string } | { infrastructure: string } | null;

function place(language: LinguistLanguage, detectable: boolean | undefined, rules: Rules, index: LinguistIndex): Placement {
  if (!(detectable ?? language.type === 'programming')) return null;
  // Linguist counts a language under its group: TSX as TypeScript, fish as Shell.
  const group = (language.group && index.byName.get(language.group.toLowerCase())) || language;
  if (rules.notServiceCode.has(language.name) || rules.notServiceCode.has(group.name)) return { infrastructure: group.name };
  return { counts: group.name };
}

const samePlacement = (a: Placement, b: Placement) => JSON.stringify(a) === JSON.stringify(b);

interface Ambiguous {
  bytes: number;
  files: number;
  extension: string;
  /** The languages the bytes could count for; they may also count for none. */
  names: string[];
  /** The candidates as Linguist names them, for the reader. */
  candidates: string[];
}

interface RepoCount {
  name: string;
  bytes: Map<string, number>;
  infrastructure: Map<string, number>;
  ambiguous: Map<string, Ambiguous>;
  notes: string[];
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

function countRepo(repo: RepoListing, rules: Rules, index: LinguistIndex): RepoCount {
  const count: RepoCount = { name: repo.name, bytes: new Map(), infrastructure: new Map(), ambiguous: new Map(), notes: [] };
  const attributes: AttributeLine[] = repo.attributes ? parseAttributes(repo.attributes) : [];
  const unknownLines = new Map<number, string>();
  const files = [...repo.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    const attrs = attributes.length > 0 ? attributesFor(attributes, file.path) : new Map();
    const is = (name: string, rule: readonly RegExp[]) => flag(attrs.get(name)?.value) ?? matchesAny(rule, file.path);
    if (is('linguist-vendored', rules.vendored) || is('linguist-documentation', rules.documentation) || is('linguist-generated', rules.generated)) continue;
    const detectable = flag(attrs.get('linguist-detectable')?.value);
    const override = attrs.get('linguist-language');
    let detection: Detection;
    if (override && typeof override.value === 'string') {
      const name = override.value.toLowerCase();
      const language = index.byAlias.get(name) ?? index.byAlias.get(name.split(',')[0]!);
      if (!language) {
        unknownLines.set(override.line, override.value);
        continue;
      }
      detection = { language };
    } else {
      detection = detect(file.path, rules, index);
    }
    if (detection === null) continue;
    if ('language' in detection) {
      const where = place(detection.language, detectable, rules, index);
      if (where && 'counts' in where) add(count.bytes, where.counts, file.bytes);
      else if (where) add(count.infrastructure, where.infrastructure, file.bytes);
      continue;
    }
    const placements = detection.candidates.map((l) => place(l, detectable, rules, index));
    if (detection.generic) placements.push(null);
    // Where every reading of the file ends the same, it is no longer ambiguous.
    if (placements.every((p) => samePlacement(p, placements[0]!))) {
      const where = placements[0]!;
      if (where && 'counts' in where) add(count.bytes, where.counts, file.bytes);
      else if (where) add(count.infrastructure, where.infrastructure, file.bytes);
      continue;
    }
    const names = [...new Set(placements.flatMap((p) => (p && 'counts' in p ? [p.counts] : [])))].sort();
    if (names.length === 0) continue;
    const entry = count.ambiguous.get(detection.extension) ?? { bytes: 0, files: 0, extension: detection.extension, names, candidates: detection.candidates.map((l) => l.name).sort() };
    entry.bytes += file.bytes;
    entry.files += 1;
    count.ambiguous.set(detection.extension, entry);
  }
  for (const [line, value] of [...unknownLines].sort((a, b) => a[0] - b[0])) {
    count.notes.push(`${visible(repo.name)}: line ${line} of its .gitattributes sets linguist-language to "${visible(value)}", a language Linguist does not know, so the files it matches are left out.`);
  }
  return count;
}

/** 12,345: thousands grouped with commas, whatever the machine's locale. */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const bytes = (n: number) => `${grouped(n)} byte${n === 1 ? '' : 's'}`;
const filesOf = (n: number) => `${grouped(n)} file${n === 1 ? '' : 's'}`;
const byCountThenName = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const orList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);
const andList = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** At most twenty names, then how many more. */
function someNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).map(visible);
  return names.length > 20 ? `${shown.join(', ')} and ${names.length - 20} more` : andList(shown);
}

type MainLanguage = { language: string; warning?: string } | { unclear: string } | { none: 'nothing' | 'infrastructure' };

/**
 * The language with the most bytes. Ambiguous bytes count for none: where they outweigh the
 * leader, a warning says so; where they are all the repository has, or two languages tie, the
 * main language is unclear.
 */
function mainLanguage(count: RepoCount): MainLanguage {
  const ranked = [...count.bytes].sort(byCountThenName);
  const ambiguous = [...count.ambiguous.values()];
  const unplaced = ambiguous.reduce((n, a) => n + a.bytes, 0);
  const shared = andList(ambiguous.map((a) => `${visible(a.extension)} (${orList(a.candidates)})`));
  const repo = visible(count.name);
  if (ranked.length === 0) {
    if (unplaced > 0) {
      return { unclear: `The main language of ${repo} is unclear: all of its source, ${bytes(unplaced)}, is in files whose extension several languages share: ${shared}. Linguist reads those files to choose; a linguist-language line in the repository's .gitattributes settles it.` };
    }
    return { none: count.infrastructure.size > 0 ? 'infrastructure' : 'nothing' };
  }
  const [leader, lead] = ranked[0]!;
  const second = ranked[1];
  if (second && second[1] === lead) return { unclear: `The main language of ${repo} is unclear: ${leader} and ${second[0]} have ${bytes(lead)} each.` };
  if (unplaced < lead) return { language: leader };
  return {
    language: leader,
    warning: `${repo}: its main language is taken as ${leader} (${bytes(lead)}), but more of its source, ${bytes(unplaced)}, is in files whose extension several languages share: ${shared}. Linguist reads those files to choose; a linguist-language line in the repository's .gitattributes settles it.`,
  };
}

/** The answer to services.languages from the repositories' listings, with its evidence and notes. */
export function discoverLanguages(repos: readonly RepoListing[], table: LanguageTable | undefined, source: string): SourceReport {
  const where = visible(source);
  if (!table) return { answers: [], notes: [`The rubric set has no discover-languages.yaml, so the languages of the repositories in ${where} were not read.`] };
  const index = linguistIndex();
  const rules = rulesOf(table);
  const notes: string[] = [];
  const unknown = [
    ...table.popular.languages.map((n) => ['popular', n] as const),
    ...table.not_service_code.languages.map((n) => ['not_service_code', n] as const),
    ...Object.keys(table.names.map).map((n) => ['names', n] as const),
  ].filter(([, n]) => !index.byName.has(n.toLowerCase()));
  for (const [list, name] of unknown) notes.push(`The language table's ${list} names "${visible(name)}", which is not a language Linguist knows, so it changes nothing.`);
  if (repos.length === 0) return { answers: [], notes: [...notes, `${where} holds no repositories, so no language was read.`] };

  const sorted = [...repos].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const counts = sorted.map((repo) => countRepo(repo, rules, index));
  const perLanguage = new Map<string, number>();
  const nothing: string[] = [];
  const infrastructure: string[] = [];
  const infrastructureLanguages = new Set<string>();
  for (const count of counts) {
    notes.push(...count.notes);
    const main = mainLanguage(count);
    if ('language' in main) {
      add(perLanguage, questionnaireName(main.language, table), 1);
      if (main.warning) notes.push(main.warning);
    }
    else if ('unclear' in main) notes.push(main.unclear);
    else if (main.none === 'infrastructure') {
      infrastructure.push(count.name);
      for (const l of count.infrastructure.keys()) infrastructureLanguages.add(l);
    } else nothing.push(count.name);
  }
  if (nothing.length > 0) {
    notes.push(`${nothing.length === 1 ? '1 repository holds' : `${nothing.length} repositories hold`} no source code in a programming language Linguist recognises from file names: ${someNames(nothing)}.`);
  }
  if (infrastructure.length > 0) {
    notes.push(`${infrastructure.length === 1 ? '1 repository holds' : `${infrastructure.length} repositories hold`} only code that builds, configures or deploys services (${andList([...infrastructureLanguages].sort())}), so no service language: ${someNames(infrastructure)}.`);
  }
  const ambiguous = new Map<string, { bytes: number; files: number }>();
  for (const count of counts) {
    for (const a of count.ambiguous.values()) {
      const seen = ambiguous.get(a.extension) ?? { bytes: 0, files: 0 };
      ambiguous.set(a.extension, { bytes: seen.bytes + a.bytes, files: seen.files + a.files });
    }
  }
  if (ambiguous.size > 0) {
    const list = [...ambiguous].sort((a, b) => b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1));
    const total = list.reduce((n, [, a]) => n + a.bytes, 0);
    const files = list.reduce((n, [, a]) => n + a.files, 0);
    const shown = list.map(([ext, a]) => `${visible(ext)} (${filesOf(a.files)})`);
    notes.push(`${bytes(total)} in ${filesOf(files)} went to no language, because several languages share their extension and Linguist reads the file to choose: ${andList(shown)}.`);
  }
  if (perLanguage.size === 0) return { answers: [], notes };

  const ranked = [...perLanguage].sort(byCountThenName);
  const total = ranked.reduce((n, [, c]) => n + c, 0);
  const summary = `main languages of ${total} ${total === 1 ? 'repository' : 'repositories'}: ${ranked.map(([l, c]) => `${l} ${c}`).join(', ')}`;
  return {
    answers: [{ path: 'services.languages', value: ranked.map(([l]) => l), evidence: [{ source: where, summary, counts: Object.fromEntries(ranked) }] }],
    notes,
  };
}

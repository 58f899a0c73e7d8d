/**
 * Where each number in a rubric comes from. A number is a seed's figure when the citation of the
 * object it sits in names it (as digits or as a word), a fact about the world when that object
 * carries a source and an as-of month, or the project's estimate when an enclosing object says
 * `estimate` with a basis. Anything else is uncited, which the built-in rubrics never are.
 * A source whose numbers are unverified (sources.yaml, `numbers: untrusted`) stands behind no
 * figure, so a number that only its citation names is uncited.
 */

import { thousands } from '../text/format.js';

export type Provenance = 'seed' | 'fact' | 'estimate';

export interface Figure {
  /** Where the number sits, as a dotted path from the file's top. */
  path: string;
  value: number;
  provenance: Provenance | 'uncited';
  /** The citation, the fact's source, or the estimate's basis. */
  basis: string;
}

/** Keys whose numbers name a kind, not a quantity (a feature's OSI layer). */
const STRUCTURAL = new Set(['layer']);

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

type Context = { kind: 'estimate'; basis: string } | { kind: 'cited'; text: string } | { kind: 'fact'; source: string } | null;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** How the figures name sources: every name they go by, and those whose numbers are not facts. */
export interface SourceNames {
  all: readonly string[];
  untrusted: readonly string[];
}
const NO_SOURCES: SourceNames = { all: [], untrusted: [] };

/** The parts of a citation that a source whose numbers are trusted stands behind. */
function trustedText(document: string, section: string, sources: SourceNames): string {
  const lower = (s: string) => s.toLowerCase();
  const untrusted = new Set(sources.untrusted.map(lower));
  // The longest name first, so that a name inside another never decides.
  const byLength = [...sources.all].sort((a, b) => b.length - a.length).map(lower);
  let current = lower(document);
  const kept: string[] = [];
  for (const chunk of `${document}: ${section}`.split(/;/)) {
    const at = byLength.map((n) => [n, lower(chunk).indexOf(n)] as const).filter(([, i]) => i >= 0).sort((a, b) => a[1] - b[1])[0];
    if (at) current = at[0];
    if (![...untrusted].some((n) => current.startsWith(n))) kept.push(chunk);
  }
  return kept.join(';');
}

/** Whether a citation states a number: as digits (with or without thousands commas) or a word. */
export function names(text: string, n: number): boolean {
  const forms = [String(n), thousands(n), ...(Number.isInteger(n) && n >= 0 && n < WORDS.length ? [WORDS[n]!] : [])];
  // A section number (§5) names a place in the source, not a figure: "§5" does not cite the 5 of "< 5".
  return forms.some((f) => new RegExp(`(^|[^0-9.§])${f.replace(/[.,]/g, '\\$&')}(?![0-9]|\\.[0-9])`, 'i').test(text));
}

function contextOf(o: Record<string, unknown>, outer: Context, sources: SourceNames): Context {
  const estimate = o['estimate'];
  if (isObject(estimate) && typeof estimate['basis'] === 'string') return { kind: 'estimate', basis: estimate['basis'] };
  const source = o['source'];
  if (isObject(source) && typeof source['document'] === 'string' && typeof source['section'] === 'string') {
    return { kind: 'cited', text: trustedText(source['document'], source['section'], sources) };
  }
  if (typeof source === 'string' && typeof o['as_of'] === 'string') return { kind: 'fact', source: `${source} (as of ${o['as_of']})` };
  return outer;
}

/** Every number under `root`, with where it comes from. */
export function figuresOf(root: unknown, prefix = '', sources: SourceNames = NO_SOURCES): Figure[] {
  const out: Figure[] = [];
  const walk = (v: unknown, path: string, key: string, ctx: Context) => {
    if (typeof v === 'number') {
      if (STRUCTURAL.has(key)) return;
      const figure = (provenance: Figure['provenance'], basis: string) => out.push({ path, value: v, provenance, basis });
      if (ctx?.kind === 'estimate') figure('estimate', ctx.basis);
      else if (ctx?.kind === 'fact') figure('fact', ctx.source);
      else if (ctx?.kind === 'cited' && names(ctx.text, v)) figure('seed', ctx.text);
      else figure('uncited', ctx?.kind === 'cited' ? ctx.text : '');
      return;
    }
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`, key, ctx));
    else if (isObject(v)) {
      const inner = contextOf(v, ctx, sources);
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k, inner);
    }
  };
  walk(root, prefix, '', null);
  return out;
}

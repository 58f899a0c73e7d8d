/**
 * Where each number in a rubric comes from. A number is a seed's figure when the citation of the
 * object it sits in names it (as digits or as a word), a fact about the world when that object
 * carries a source and an as-of month, or the project's estimate when an enclosing object says
 * `estimate` with a basis. Anything else is uncited, which the built-in rubrics never are.
 * Seed 003's numbers are unverified, so a number that only a seed 003 citation names is uncited.
 */

import { thousands } from '../template.js';

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

/** The parts of a citation that a seed other than 003 stands behind. */
function trustedText(document: string, section: string): string {
  let seed = document;
  const kept: string[] = [];
  for (const chunk of `${document}: ${section}`.split(/;/)) {
    const named = chunk.match(/seed \d{3}/i);
    if (named) seed = named[0];
    if (!/^seed 003$/i.test(seed)) kept.push(chunk);
  }
  return kept.join(';');
}

/** Whether a citation states a number: as digits (with or without thousands commas) or a word. */
export function names(text: string, n: number): boolean {
  const forms = [String(n), thousands(n), ...(Number.isInteger(n) && n >= 0 && n < WORDS.length ? [WORDS[n]!] : [])];
  // A section number (§5) names a place in the source, not a figure: "§5" does not cite the 5 of "< 5".
  return forms.some((f) => new RegExp(`(^|[^0-9.§])${f.replace(/[.,]/g, '\\$&')}(?![0-9]|\\.[0-9])`, 'i').test(text));
}

function contextOf(o: Record<string, unknown>, outer: Context): Context {
  const estimate = o['estimate'];
  if (isObject(estimate) && typeof estimate['basis'] === 'string') return { kind: 'estimate', basis: estimate['basis'] };
  const source = o['source'];
  if (isObject(source) && typeof source['document'] === 'string' && typeof source['section'] === 'string') {
    return { kind: 'cited', text: trustedText(source['document'], source['section']) };
  }
  if (typeof source === 'string' && typeof o['as_of'] === 'string') return { kind: 'fact', source: `${source} (as of ${o['as_of']})` };
  return outer;
}

/** Every number under `root`, with where it comes from. */
export function figuresOf(root: unknown, prefix = ''): Figure[] {
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
      const inner = contextOf(v, ctx);
      for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k, k, inner);
    }
  };
  walk(root, prefix, '', null);
  return out;
}

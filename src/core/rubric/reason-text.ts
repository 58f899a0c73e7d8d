// The texts of rules filled with the answers, and the answers a rule's condition read.
import { pathsOf } from './condition.js';
import { VALUE_WORDS } from '../questionnaire/fields.js';
import type { Answers, Bounds, Lookup, Value } from '../questionnaire/derive.js';
import { placeholders, type Placeholder } from './check.js';
import type { Condition } from './schema.js';
import type { Position } from '../yaml/yaml-source.js';

/** An answer a reason read, with where it stands in the questionnaire (null when it came from --set). */
export interface Evidence {
  path: string;
  value: Value;
  line: number | null;
  col: number | null;
  /** Where a discovered answer came from, as discover wrote it above the answer. */
  discovered?: readonly string[];
}

/** An answer as report text: lists joined with commas, `percent` for a share. */
export function formatValue(value: Value | undefined, format?: string): string {
  if (value === undefined) return 'not answered';
  if (format === 'percent' && typeof value === 'number') return `${Math.round(value * 100)}%`;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

// A rubric's texts are filled for every questionnaire: each is split into its literal pieces and
// placeholders once.
type Piece = string | Placeholder;
const compiled = new Map<string, Piece[]>();

function piecesOf(template: string): Piece[] {
  let pieces = compiled.get(template);
  if (!pieces) {
    pieces = [];
    let from = 0;
    for (const p of placeholders(template)) {
      const at = template.indexOf(p.text, from);
      pieces.push(template.slice(from, at), p);
      from = at + p.text.length;
    }
    pieces.push(template.slice(from));
    compiled.set(template, pieces);
  }
  return pieces;
}

/** A derived number that partial answers leave open, as what is known of it: "at least 7", "0%-40%". */
function formatBounds(b: Bounds, format?: string): string {
  const f = (n: number) => (format === 'percent' ? `${Math.round(n * 100)}%` : String(n));
  return b.hi === Infinity ? `at least ${f(b.lo)}` : `${f(b.lo)}-${f(b.hi)}`;
}

/** An answer (in words, where a code has them), or what is known of a derived number that partial answers leave open. */
function lookedUp(answers: Lookup, path: string, format?: string): string {
  const value = answers.get(path);
  const b = value === undefined ? answers.bounds?.(path) : undefined;
  const words = typeof value === 'string' ? VALUE_WORDS[path]?.[value] : undefined;
  return b ? formatBounds(b, format) : (words ?? formatValue(value, format));
}

/** A count with its noun: 1 language, 3 languages, at least 4 incidents. */
function counted(answers: Lookup, path: string, [one, many]: [string, string]): string {
  const value = answers.get(path);
  if (value === undefined && !answers.bounds?.(path)) return `${many}: not answered`;
  return `${lookedUp(answers, path)} ${value === 1 ? one : many}`;
}

/** Fills `{path}`, `{path:percent}` and `{path|noun|nouns}` in a rubric text with the answers. */
export function fillTemplate(template: string, answers: Lookup): string {
  let out = '';
  for (const piece of piecesOf(template)) {
    if (typeof piece === 'string') out += piece;
    else out += piece.nouns ? counted(answers, piece.path, piece.nouns) : lookedUp(answers, piece.path, piece.format);
  }
  return out;
}

/** The answers a condition read, with where each stands (null when it came from --set). */
export function evidenceOf(c: Condition | undefined, answers: Answers, positions: ReadonlyMap<string, Position>): Evidence[] {
  if (!c) return [];
  return pathsOf(c).flatMap((path) => {
    const value = answers.get(path);
    const at = positions.get(path);
    return value === undefined ? [] : [{ path, value, line: at?.line ?? null, col: at?.col ?? null, ...(at?.discovered ? { discovered: at.discovered } : {}) }];
  });
}

import { parse as parseYaml } from 'yaml';
import { pathsOf } from '../rubric/condition.js';
import type { Rubric } from '../rubric/rubric.js';
import { fields, type Field } from './fields.js';
import { didYouMean } from '../text/suggest.js';
import { conforms } from './shape.js';

const WIDTH = 100;

/** The editor's pointer at the questionnaire's JSON Schema, for the YAML language server. */
export const schemaModeline = (schema: string) => `# yaml-language-server: $schema=${schema}`;

const written = () => [...fields().values()].filter((f) => !f.derived);
const depth = (f: Field) => f.path.split('.').length - 1;
const key = (f: Field) => f.path.split('.').pop()!;
const within = (section: Field, f: Field) => f.path.startsWith(`${section.path}.`);

/** A value as YAML on one line: JSON is YAML, and quoting every string keeps odd text safe. */
export const inline = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(inline).join(', ')}]` : String(v));

/**
 * One field: its question as a comment, then the field. A field that is not answered, or inside
 * a section that is not, is commented out with `# ` at the column of the outermost such section,
 * so deleting that `# ` restores it.
 */
function lines(f: Field, value: unknown, commentedFrom: number | undefined, notes: readonly string[] = []): string[] {
  const body = f.kind === 'section' || value === undefined ? `${key(f)}:` : `${key(f)}: ${inline(value)}`;
  const indent = '  '.repeat(depth(f));
  const field = commentedFrom === undefined ? `${indent}${body}` : `${'  '.repeat(commentedFrom)}# ${'  '.repeat(depth(f) - commentedFrom)}${body}`;
  const detail = f.kind === 'section' || f.kind === 'literal' ? '' : ` (${f.required ? 'required; ' : ''}${f.expected})`;
  return [...wrap(`${f.question}${detail}`, WIDTH - indent.length - 2).map((l) => `${indent}# ${l}`), ...notes.map((n) => `${indent}# ${n}`), field];
}

/** Words to lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const word of text.split(' ')) {
    const last = out.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out;
}

/**
 * A questionnaire with every field and what it means. Answers given are written out; other
 * required fields are left blank, to be filled in (validation says so until they are); optional
 * ones are commented out, because a missing answer means unknown.
 */
export function questionnaireTemplate(
  answers: ReadonlyMap<string, unknown> = new Map(),
  schema = 'node_modules/mesh-assess/schema/questionnaire.schema.json',
  /** Comment lines to write above an answer, after its question: where a discovered answer came from. */
  notes: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const all = written();
  const active = (f: Field): boolean =>
    f.kind === 'section' ? f.required || all.some((c) => within(f, c) && c.kind !== 'section' && (answers.has(c.path) || c.required)) : answers.has(f.path) || f.required;
  // The depth of the outermost section (or the field itself) that is not active, if any.
  const commentedFrom = (f: Field): number | undefined => {
    const outermost = all
      .filter((p) => p === f || (p.kind === 'section' && within(p, f)))
      .sort((a, b) => depth(a) - depth(b))
      .find((p) => !active(p));
    return outermost ? depth(outermost) : undefined;
  };
  const out = [
    schemaModeline(schema),
    '# mesh-assess questionnaire, format version 1. Fill in the blank required answers; uncomment',
    '# and answer the others you know. Leave out what you do not know: unknown is never read as no.',
    '# Check it with `mesh-assess validate FILE`, then assess it with `mesh-assess FILE`.',
  ];
  for (const f of all) {
    if (depth(f) === 0) out.push('');
    const value = f.path === 'version' ? 1 : answers.get(f.path);
    out.push(...lines(f, value, commentedFrom(f), notes.get(f.path)));
  }
  return `${out.join('\n')}\n`;
}

/**
 * The questions of an interview: every required answer, then the optional ones the rubric leans
 * on most (the summed weight of the rules that read them), at most `optional` of those.
 */
export function interviewFields(rubric: Rubric, optional: number): Field[] {
  const weight = new Map<string, number>();
  for (const rule of rubric.rules) {
    for (const path of pathsOf(rule.when).flatMap((p) => fields().get(p)?.from ?? [p])) {
      weight.set(path, (weight.get(path) ?? 0) + (rubric.scoring.weights[rule.id] ?? 0));
    }
  }
  const leaves = written().filter((f) => f.kind !== 'section' && f.path !== 'version');
  const required = leaves.filter((f) => f.required);
  const ranked = leaves
    .filter((f) => !f.required && (weight.get(f.path) ?? 0) > 0)
    .sort((a, b) => weight.get(b.path)! - weight.get(a.path)! || (a.path < b.path ? -1 : 1))
    .slice(0, optional);
  return [...required, ...ranked];
}

const YES = new Set(['yes', 'y', 'true']);
const NO = new Set(['no', 'n', 'false']);

/** How a field asks for its answer at a prompt: a list says its items are comma-separated. */
export const promptHint = (f: Field): string => (f.kind === 'list' ? `${f.expected}, comma-separated` : f.kind === 'boolean' ? 'yes or no' : f.expected);

/**
 * Reads one typed answer for a field: yes/no (y, n, true, false) for a flag, an option in any
 * case, items separated by commas for a list, YAML for the rest.
 */
export function parseAnswer(f: Field, text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  let value: unknown;
  if (f.kind === 'boolean' && (YES.has(lower) || NO.has(lower))) value = YES.has(lower);
  else if (f.kind === 'enum' && f.options) value = f.options.find((o) => o.toLowerCase() === lower) ?? trimmed;
  else if (f.kind === 'list' && !trimmed.startsWith('[')) value = trimmed.split(',').map((s) => s.trim()).filter(Boolean).map((s) => f.options?.find((o) => o.toLowerCase() === s.toLowerCase()) ?? s);
  else {
    try {
      value = parseYaml(trimmed);
    } catch {
      return { ok: false, message: `expected ${promptHint(f)}` };
    }
  }
  if (f.kind === 'text' && typeof value !== 'string') value = trimmed;
  if (value === null || value === undefined || !f.slot || !conforms(f.slot, value)) {
    const hint = f.kind === 'enum' && f.options ? didYouMean(trimmed, f.options) : undefined;
    return { ok: false, message: `expected ${promptHint(f)}, got ${JSON.stringify(trimmed)}${hint ? `; ${hint}` : ''}` };
  }
  return { ok: true, value };
}

import type { Evidence } from './assessment.js';
import { pathsOf } from './condition.js';
import type { Answers, Value } from './questionnaire/derive.js';
import { placeholders } from './rubric/check.js';
import type { Condition } from './rubric/schema.js';
import type { Position } from './yaml-source.js';

function formatValue(value: Value | undefined, format?: string): string {
  if (value === undefined) return 'not answered';
  if (format === 'percent' && typeof value === 'number') return `${Math.round(value * 100)}%`;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Fills `{path}` and `{path:percent}` in a rubric text with the answers. */
export function fillTemplate(template: string, answers: Answers): string {
  let out = template;
  for (const p of placeholders(template)) {
    out = out.replace(`{${p.path}${p.format ? `:${p.format}` : ''}}`, formatValue(answers.get(p.path), p.format));
  }
  return out;
}

/** The answers a condition read, with where each stands (null when it came from --set). */
export function evidenceOf(c: Condition | undefined, answers: Answers, positions: ReadonlyMap<string, Position>): Evidence[] {
  if (!c) return [];
  return pathsOf(c).flatMap((path) => {
    const value = answers.get(path);
    const at = positions.get(path);
    return value === undefined ? [] : [{ path, value, line: at?.line ?? null, col: at?.col ?? null }];
  });
}

/** A seed citation as one line: "seed 002 §4 ...". */
export const cite = (s: { document: string; section: string }) => `${s.document} ${s.section}`;

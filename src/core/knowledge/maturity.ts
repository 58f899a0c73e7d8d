import type { FeatureStatus, Maturity } from './schema.js';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The catalogue status a project's own word for a stage maps to, by the catalogue's written rule:
 * the first entry, in order, one of whose words appears in the label as a whole word. Null when
 * the label names none of them.
 */
export function statusOfLabel(rule: Maturity, label: string): FeatureStatus | null {
  for (const entry of rule) {
    if (entry.words.some((w) => new RegExp(`(^|[^a-z])${escape(w)}($|[^a-z])`, 'i').test(label))) return entry.status;
  }
  return null;
}

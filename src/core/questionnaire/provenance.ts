import { visible } from '../text/safe-text.js';

/**
 * Where a discovered answer came from, written above it in the questionnaire as a comment that a
 * reviewer reads and an assessment cites: `# from cluster prod.json: 412 pods in 3 namespaces`.
 */

/** Each kind of evidence, by the word its comments use. */
export const EVIDENCE_KINDS = { kube: 'cluster', catalog: 'catalog', incidents: 'incidents', repos: 'repositories' } as const;
export type EvidenceKind = keyof typeof EVIDENCE_KINDS;

/** The comment text (without `# `) for one piece of evidence; one line, whatever the input held. */
export const provenanceText = (kind: EvidenceKind, e: { source: string; summary: string }): string => `from ${EVIDENCE_KINDS[kind]} ${visible(e.source)}: ${visible(e.summary)}`;

const MARK = new RegExp(`^\\s*# (from (?:${Object.values(EVIDENCE_KINDS).join('|')}) .+)$`);
const COMMENT = /^\s*#/;

/**
 * The evidence comments of a questionnaire, by the line (1-based) of the answer they stand above:
 * the comment lines directly above an answer, among its other comments, that read as discover
 * writes them. A blank line or another answer in between ends them.
 */
export function provenanceByLine(text: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let marks: string[] = [];
  text.split('\n').forEach((line, i) => {
    const m = MARK.exec(line);
    if (m) marks.push(m[1]!);
    else if (line.trim() === '') marks = [];
    else if (!COMMENT.test(line)) {
      if (marks.length > 0) out.set(i + 1, marks);
      marks = [];
    }
  });
  return out;
}

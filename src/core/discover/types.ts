/**
 * What `mesh-assess discover` reads from evidence the organisation already has (cluster exports,
 * a service catalog, an incident export, its repositories), in the shape every source shares: the
 * answers it found, each with where it came from, and what the evidence held that no answer uses.
 */

/** One input as the edge read it: its name as the user gave it (a file, or `-`), and its text. */
export interface InputFile {
  name: string;
  text: string;
}

/** Where a discovered answer came from, for a reviewer to check and an assessment to cite. */
export interface Evidence {
  /** The input as the user named it: a file, a folder, or `-`. */
  source: string;
  /** What the answer rests on, in a few plain words: "412 pods in 3 namespaces". */
  summary: string;
  /** The kinds of record read and how many of each: { Pod: 412, Namespace: 3 }. */
  counts?: Record<string, number>;
}

/** An answer to a questionnaire field (its dotted path), found in the evidence. */
export interface Discovered {
  path: string;
  value: unknown;
  evidence: Evidence[];
}

/** What one kind of source gave. */
export interface SourceReport {
  answers: Discovered[];
  /**
   * What the evidence held that no answer could use, or used with a choice the reader should see,
   * one plain sentence each: tags that name no known language, incident categories the map does
   * not place (with their counts), a dependency cycle.
   */
  notes: string[];
}

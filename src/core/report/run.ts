// What a run used, as the JSON document reports it beside each assessment: its configuration,
// with the waivers it read, and the rubric set.

/**
 * A finding accepted on purpose: the rule, why, who decided, until when, and for which files
 * (globs relative to the repository root; all files when left out). A waiver records a decision:
 * it never changes the verdict, only whether the finding counts for --fail-on.
 */
export interface Waiver {
  rule: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD: the last day it applies. */
  expires: string;
  files?: string[];
}

/**
 * The configuration a run used, as --format json reports it: each long option after the command
 * line and the configuration file were merged (paths from the working directory), and the file.
 * Where the output goes is left out, so a document written with -o is the one printed.
 */
export interface ResolvedConfig {
  /** The configuration file read, or null when none was. */
  file: string | null;
  /** The options the configuration file set, because the command line did not. */
  from_file: string[];
  format: string;
  'fail-on': string[];
  extend: string[];
  rubrics: string | null;
  detail: boolean;
  /** How far ahead a waiver may end: one ending later is refused. */
  'waiver-max-days': number;
  waivers: Waiver[];
  /** Waivers that accepted no finding of this run: stale, or written for another file. */
  unused_waivers: Waiver[];
  /** Waivers past their last day: their findings count again. */
  expired_waivers: Waiver[];
}

interface Thresholds {
  need: number;
  readiness: number;
}

/**
 * The rubric set a run used: its base (the built-in set, or a directory that replaced it), the
 * directories that extended it, a digest of all their files, and the thresholds the verdict was
 * held to, with the built-in ones beside them when these differ.
 */
export interface RubricIdentity {
  /** "built-in", or the directory that replaced the built-in set. */
  set: string;
  replaced: boolean;
  extend: string[];
  /** SHA-256 of every rubric file of the set (names and texts), in hex. */
  digest: string;
  thresholds: Thresholds;
  /** The built-in set's thresholds, when the run's differ from them; null when they are the same. */
  builtin_thresholds: Thresholds | null;
}

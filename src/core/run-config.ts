import type { Waiver } from './waivers.js';

/**
 * The configuration a run used, as --format json reports it: each long option after the command
 * line and the configuration file were merged (paths from the working directory), and the file.
 * Where the output goes is left out, so a document written with -o is the one printed.
 */
export interface ResolvedConfig {
  /** The configuration file read, or null when none was. */
  file: string | null;
  format: string;
  'fail-on': string[];
  extend: string[];
  rubrics: string | null;
  detail: boolean;
  waivers: Waiver[];
}

import { relative, resolve } from 'node:path';
import type { Problem } from '../core/problem.js';
import { isCalendarDate } from '../core/questionnaire/schema.js';
import type { ResolvedConfig } from '../core/run-config.js';
import type { Waiver } from '../core/waivers.js';
import type { Source } from '../core/yaml-source.js';
import type { AssessOptions } from './assess-command.js';
import { findConfig, readConfig, readWaivers, unknownWaivedRules, type ConfigFile } from './config.js';
import type { Io } from './io.js';

/** The options of an assessment as typed, before the configuration file fills in what was not. */
export interface GivenOptions extends AssessOptions {
  /** A file named with --config, or false for --no-config. */
  config?: string | false;
  waivers?: string;
  today?: string;
}

/** Where each run's waivers came from, for locating a waiver that names an unknown rule. */
export interface WaiverSource {
  source: Source;
  waivers: Waiver[];
}

export type { ResolvedConfig };

export type Resolved = { ok: true; opts: AssessOptions; config: ResolvedConfig; waivers: Waiver[]; sources: WaiverSource[]; today: string | null } | { ok: false; problems: Problem[] };

const KEYS = { format: 'format', failOn: 'fail-on', extend: 'extend', rubrics: 'rubrics', output: 'output', detail: 'detail' } as const satisfies Partial<Record<keyof AssessOptions, keyof ConfigFile>>;

/**
 * The options of a run: each one typed on the command line wins; the rest come from the
 * configuration file (--config, else .mesh-assess.yaml found from the working directory up to the
 * repository root, unless --no-config), then the defaults. Waivers come from the configuration
 * and --waivers together.
 */
export function resolveOptions(io: Io, given: GivenOptions, typed: (key: keyof GivenOptions) => boolean): Resolved {
  const file = given.config === false ? null : (given.config ?? findConfig(io));
  const loaded = file === null ? null : readConfig(io, file);
  if (loaded && !loaded.ok) return loaded;
  const values: ConfigFile = loaded?.value.values ?? {};
  const opts: AssessOptions = { ...given };
  const take = <K extends keyof typeof KEYS>(key: K) => !typed(key) && values[KEYS[key]] !== undefined;
  if (take('format')) opts.format = values.format!;
  if (take('failOn')) opts.failOn = values['fail-on']!;
  if (take('extend')) opts.extend = values.extend!;
  if (take('rubrics')) opts.rubrics = values.rubrics!;
  if (take('output')) opts.output = values.output!;
  if (take('detail')) opts.detail = values.detail!;

  const sources: WaiverSource[] = [];
  if (loaded?.ok && values.waivers) sources.push({ source: loaded.value.source, waivers: values.waivers });
  if (given.waivers !== undefined) {
    const w = readWaivers(io, given.waivers);
    if (!w.ok) return w;
    sources.push({ source: w.value.source, waivers: w.value.waivers });
  }
  const waivers = sources.flatMap((s) => s.waivers);
  if (given.today !== undefined && !isCalendarDate(given.today)) {
    return { ok: false, problems: [{ file: '--today', path: '', message: `expected a real calendar date, YYYY-MM-DD, got "${given.today}"` }] };
  }
  // An expired waiver fails the run unless the --fail-on list in force leaves it out.
  if (waivers.length > 0 && !typed('failOn') && values['fail-on'] === undefined) opts.failOn = ['expired-waiver'];
  // The clock is read only when there are waivers to check, and --today replaces it.
  const today = waivers.length === 0 ? null : (given.today ?? io.today?.() ?? null);
  if (waivers.length > 0 && today === null) return { ok: false, problems: [{ file: '--today', path: '', message: 'waivers need the date to check them against', suggestion: 'give --today YYYY-MM-DD' }] };

  const cwd = io.cwd?.() ?? '.';
  const shown = (p: string) => relative(cwd, resolve(cwd, p)).split('\\').join('/') || '.';
  const config: ResolvedConfig = {
    file: file === null ? null : shown(file),
    format: opts.format,
    'fail-on': [...opts.failOn],
    extend: opts.extend.map(shown),
    rubrics: opts.rubrics === undefined ? null : shown(opts.rubrics),
    detail: opts.detail === true,
    waivers,
  };
  return { ok: true, opts, config, waivers, sources, today };
}

/** Waivers that name a rule the rubric set lacks: located in the file that holds them, with the nearest id. */
export const waiverProblems = (sources: readonly WaiverSource[], ruleIds: readonly string[]): Problem[] => sources.flatMap((s) => unknownWaivedRules(s.waivers, s.source, ruleIds));

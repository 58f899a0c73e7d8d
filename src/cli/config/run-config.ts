import type { Problem } from '../../core/text/problem.js';
import { isCalendarDate } from '../../core/questionnaire/schema.js';
import { visible } from '../../core/text/safe-text.js';
import type { ResolvedConfig } from '../../core/policy/run-config.js';
import { daysLeft, type Waiver } from '../../core/policy/waivers.js';
import { locate, type Source } from '../../core/yaml/yaml-source.js';
import type { FailOn } from '../../core/policy/gate.js';
import type { Override } from '../../core/questionnaire/load.js';
import type { Format } from '../../render/index.js';
import type { RubricOptions } from './rubric-set.js';
import { findConfig, readConfig, readWaivers, unknownWaivedRules, WAIVER_MAX_DAYS, type ConfigFile } from './config.js';
import type { Io } from '../io.js';
import { shownPath } from '../files/repo-path.js';

/** The options of an assessment, once the configuration file has filled in what was not typed. */
export interface AssessOptions extends RubricOptions {
  format: Format;
  set: Override[];
  failOn: FailOn[];
  output?: string;
  detail?: boolean;
  baseline?: string;
}

/** The options of an assessment as typed, before the configuration file fills in what was not. */
export interface GivenOptions extends AssessOptions {
  /** A file named with --config, or false for --no-config. */
  config?: string | false;
  waivers?: string;
  today?: string;
  waiverMaxDays?: number;
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
  // The options the file sets, because the command line does not, as the run reports them.
  const fromFile: string[] = [];
  const take = <K extends keyof typeof KEYS>(key: K) => {
    if (typed(key) || values[KEYS[key]] === undefined) return false;
    fromFile.push(KEYS[key]);
    return true;
  };
  // The rubric set is one decision: a command line that names any part of it (--rubrics or
  // --extend) names all of it, so a configuration cannot add a scoring file to a pinned set.
  const setTyped = typed('rubrics') || typed('extend');
  if (take('format')) opts.format = values.format!;
  if (take('failOn')) opts.failOn = values['fail-on']!;
  if (!setTyped && take('extend')) opts.extend = values.extend!;
  if (!setTyped && take('rubrics')) opts.rubrics = values.rubrics!;
  if (take('output')) opts.output = values.output!;
  if (take('detail')) opts.detail = values.detail!;
  if (setTyped && (values.rubrics !== undefined || values.extend !== undefined)) {
    io.stderr(`${visible(`note: ${file}: rubrics and extend are ignored, since the command line names the rubric set`)}\n`);
  }
  const maxDaysFromFile = given.waiverMaxDays === undefined && values['waiver-max-days'] !== undefined;
  if (maxDaysFromFile) fromFile.push('waiver-max-days');
  const maxDays = given.waiverMaxDays ?? values['waiver-max-days'] ?? WAIVER_MAX_DAYS;

  const sources: WaiverSource[] = [];
  if (loaded?.ok && values.waivers) {
    sources.push({ source: loaded.value.source, waivers: values.waivers });
    fromFile.push('waivers');
  }
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
  const tooLong = today === null ? [] : sources.flatMap((s) => waiversTooLong(s, today, maxDays, maxDaysFromFile ? 'waiver-max-days in the configuration' : '--waiver-max-days'));
  if (tooLong.length > 0) return { ok: false, problems: tooLong };

  const cwd = io.cwd?.() ?? '.';
  const shown = (p: string) => shownPath(cwd, p);
  const config: ResolvedConfig = {
    file: file === null ? null : shown(file),
    from_file: fromFile,
    format: opts.format,
    'fail-on': [...opts.failOn],
    extend: opts.extend.map(shown),
    rubrics: opts.rubrics === undefined ? null : shown(opts.rubrics),
    detail: opts.detail === true,
    'waiver-max-days': maxDays,
    waivers,
    // Known once the run has assessed its files.
    unused_waivers: [],
    expired_waivers: [],
  };
  return { ok: true, opts, config, waivers, sources, today };
}

/**
 * Waivers that end further ahead than the limit allows, located at their expires: a waiver records
 * a decision to look at again, and one dated 9999-12-31 would never be.
 */
function waiversTooLong(s: WaiverSource, today: string, maxDays: number, limit: string): Problem[] {
  return s.waivers.flatMap((w, i) => {
    if (daysLeft(w, today) <= maxDays) return [];
    const path = ['waivers', i, 'expires'];
    return [{ file: s.source.file, ...locate(s.source, path), path: path.join('.'), message: `the waiver of ${w.rule} ends ${daysLeft(w, today)} days from ${today}, beyond the ${maxDays} days ${limit} allows`, suggestion: `choose an end within ${maxDays} days, and renew the waiver then if it still holds` }];
  });
}

/** Waivers that name a rule the rubric set lacks: located in the file that holds them, with the nearest id. */
export const waiverProblems = (sources: readonly WaiverSource[], ruleIds: readonly string[]): Problem[] => sources.flatMap((s) => unknownWaivedRules(s.waivers, s.source, ruleIds));

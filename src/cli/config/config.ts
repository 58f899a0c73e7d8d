import * as z from 'zod';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { FAIL_ON, type FailOn } from '../../core/policy/gate.js';
import { MAX_GLOB_LENGTH } from '../../core/yaml/limits.js';
import type { Problem, Result } from '../../core/text/problem.js';
import { isCalendarDate } from '../../core/questionnaire/schema.js';
import { parseFile } from '../../core/rubric/parse.js';
import { visibleDeep } from '../../core/text/safe-text.js';
import { didYouMean } from '../../core/text/suggest.js';
import type { Waiver } from '../../core/policy/waivers.js';
import { locate, type Source } from '../../core/yaml/yaml-source.js';
import { FORMATS, type Format } from '../../render/index.js';
import type { Io } from '../io.js';
import { readProblem } from '../read-problem.js';
import { namedOutside, repositoryRoot } from '../files/repo-path.js';

/** The name of the configuration file looked for in the working directory and up to the repository root. */
export const CONFIG_FILE = '.mesh-assess.yaml';

/** How far ahead a waiver may end unless --waiver-max-days or the configuration says otherwise: a year. */
export const WAIVER_MAX_DAYS = 365;
/** The most either may allow: ten years, past which a waiver is no decision to look at again. */
export const WAIVER_MAX_DAYS_LIMIT = 3650;

/** What a configuration file may say: the long options, lists as lists, and waivers. */
export interface ConfigFile {
  format?: Format;
  'fail-on'?: FailOn[];
  extend?: string[];
  rubrics?: string;
  output?: string;
  detail?: boolean;
  'waiver-max-days'?: number;
  waivers?: Waiver[];
}

/** A configuration as read: its values, with directories and files resolved from where it stands. */
export interface LoadedConfig {
  file: string;
  values: ConfigFile;
  source: Source;
}

const date = () => z.string().refine(isCalendarDate, 'expected a real calendar date, YYYY-MM-DD');
const text = (what: string) => z.string({ error: `required: ${what}` }).trim().min(1, `required: ${what}`);

/** A waiver needs all four: what, why, who and until when. */
export const waiverSchema = () =>
  z.strictObject({
    rule: text('the id of the rule to waive'),
    reason: text('why the finding is accepted'),
    owner: text('who accepted it'),
    expires: z.string({ error: 'required: the last day the waiver applies, YYYY-MM-DD' }).pipe(date()),
    files: z.array(z.string().min(1).max(MAX_GLOB_LENGTH, `a glob is at most ${MAX_GLOB_LENGTH} characters; name the files with a shorter one`)).min(1).optional(),
  });

const configSchema = () =>
  z.strictObject({
    format: z.enum(FORMATS).optional(),
    'fail-on': z.array(z.enum(FAIL_ON)).min(1).optional(),
    extend: z.array(z.string().min(1)).optional(),
    rubrics: z.string().min(1).optional(),
    output: z.string().min(1).optional(),
    detail: z.boolean().optional(),
    'waiver-max-days': z.int().min(1).max(WAIVER_MAX_DAYS_LIMIT).optional(),
    waivers: z.array(waiverSchema()).optional(),
  });

const waiversFileSchema = () => z.strictObject({ waivers: z.array(waiverSchema()) });

/** Where a configuration is looked for: the working directory, then each parent up to the repository root. */
export function findConfig(io: Pick<Io, 'env' | 'cwd' | 'exists'>): string | null {
  const cwd = io.cwd?.();
  if (cwd === undefined) return null;
  const root = repositoryRoot(io) ?? cwd;
  for (let dir = cwd; ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE);
    // Named from the working directory, as messages name every other file.
    if (io.exists?.(candidate)) return relative(cwd, candidate) || CONFIG_FILE;
    if (dir === root || dirname(dir) === dir || !`${dir}/`.startsWith(`${root}/`)) return null;
  }
}

/**
 * The paths a configuration names (output, rubrics, extend) that resolve, after following links,
 * outside its repository: each a located problem. A configuration is committed, so a pull request
 * controls it; what it names must stay inside the repository it came in.
 */
function pathsOutside(io: Pick<Io, 'exists' | 'realpath'>, file: string, v: ConfigFile, source: Source): Problem[] {
  const named = [
    ...(v.output === undefined ? [] : [{ at: ['output'], value: v.output, flag: '-o' }]),
    ...(v.rubrics === undefined ? [] : [{ at: ['rubrics'], value: v.rubrics, flag: '--rubrics' }]),
    ...(v.extend ?? []).map((value, i) => ({ at: ['extend', i], value, flag: '--extend' })),
  ];
  return namedOutside(io, file, named).map(({ at, value, flag }) => ({
    file,
    ...locate(source, at),
    path: at.join('.'),
    message: `"${value}" is outside the repository, and a configuration file may name only paths inside it`,
    suggestion: `name a path inside the repository, or give it on the command line (${flag}), which a pull request cannot change`,
  }));
}

/** Reads and validates a configuration file; every problem located. Paths in it are relative to its directory. */
export function readConfig(io: Io, file: string): Result<LoadedConfig> {
  const read = io.readText(file);
  // A read error keeps its own place and advice (bytes that are not UTF-8: save the file as UTF-8); the rest are about the path.
  if ('error' in read) return { ok: false, problems: [readProblem(file, read, 'check the path given to --config')] };
  const parsed = parseFile({ name: file, text: read.text }, configSchema());
  if (!parsed.ok) return parsed;
  const base = dirname(file);
  const v = parsed.value.value as ConfigFile;
  const source = parsed.value.source;
  const outside = pathsOutside(io, file, v, source);
  if (outside.length > 0) return { ok: false, problems: outside };
  // Relative to the file's directory, and still named from the working directory in messages.
  const at = (p: string) => (isAbsolute(p) ? p : join(base, p));
  const values: ConfigFile = {
    ...v,
    // Every output shows the waivers: controls in them are made visible once, here (their file
    // globs are matched against questionnaire names, which are made visible too). The paths below
    // stay as written: they name files to open.
    ...(v.waivers ? { waivers: visibleDeep(v.waivers) } : {}),
    ...(v.extend ? { extend: v.extend.map(at) } : {}),
    ...(v.rubrics ? { rubrics: at(v.rubrics) } : {}),
    ...(v.output ? { output: at(v.output) } : {}),
  };
  return { ok: true, value: { file, values, source } };
}

/** Reads a waivers file (--waivers): a mapping with one key, waivers, as in the configuration. */
export function readWaivers(io: Io, file: string): Result<{ waivers: Waiver[]; source: Source }> {
  const read = io.readText(file);
  if ('error' in read) return { ok: false, problems: [readProblem(file, read, 'check the path given to --waivers')] };
  const parsed = parseFile({ name: file, text: read.text }, waiversFileSchema());
  if (!parsed.ok) return parsed;
  // Every output shows the waivers: controls in them are made visible once, here.
  return { ok: true, value: { waivers: visibleDeep((parsed.value.value as { waivers: Waiver[] }).waivers), source: parsed.value.source } };
}

/** Waivers naming a rule the rubric set does not have: located, with the nearest id. */
export function unknownWaivedRules(waivers: readonly Waiver[], source: Source, ruleIds: readonly string[]): Problem[] {
  return waivers.flatMap((w, i) => {
    if (ruleIds.includes(w.rule)) return [];
    const path = ['waivers', i, 'rule'];
    return [{ file: source.file, ...locate(source, path), path: path.join('.'), message: `no rule "${w.rule}" in this rubric set`, suggestion: didYouMean(w.rule, ruleIds) ?? 'mesh-assess explain --all lists every rule' }];
  });
}

import type { Assessment } from '../../core/report/assessment.js';
import { assess } from '../../core/decision/assess.js';
import { briefOf, type Brief } from '../../render/summary/brief.js';
import { gateFailures, type FailOn } from '../../core/policy/gate.js';
import { formatProblem, type Problem } from '../../core/text/problem.js';
import { loadQuestionnaire, type LoadedQuestionnaire, type Override } from '../../core/questionnaire/load.js';
import { ruleDocs } from '../../core/rubric/explain.js';
import { visible } from '../../core/text/safe-text.js';
import { summarize } from '../../render/summary/summary.js';
import { renderers, type Format, type RenderContext } from '../../render/index.js';
import { renderPortfolio } from '../../render/terminal/terminal.js';
import { summaryHtml } from '../../render/summary/summary-html.js';
import { summaryMarkdown } from '../../render/summary/summary-markdown.js';
import { wantsColor } from '../color.js';
import { reportWidth } from '../width.js';
import { EXIT, type Io } from '../io.js';
import { readProblem } from '../read-problem.js';
import { readBaseline } from '../files/baseline-file.js';
import { compare } from '../../core/policy/baseline.js';
import { pathMapper, shownPath } from '../files/repo-path.js';
import { rubricFor, type RubricOptions } from '../config/rubric-set.js';
import { waiverProblems, type AssessOptions, type ResolvedConfig, type WaiverSource } from '../config/run-config.js';

export type { AssessOptions } from '../config/run-config.js';
import { settingsText, type RubricIdentity } from '../../core/policy/run-config.js';
import type { Rubric } from '../../core/rubric/rubric.js';
import { applyWaivers, daysLeft, EXPIRING_WITHIN_DAYS, expiredText, isExpired, unusedText, type Waiver } from '../../core/policy/waivers.js';


export const reportProblems = (io: Io, problems: readonly Problem[]) => io.stderr(`${problems.map(formatProblem).join('\n')}\n`);

/** Prints the text, or writes it whole to --output. False when the file could not be written. */
export function emit(io: Io, text: string, output: string | undefined, overwrite = true): boolean {
  // "-" and /dev/stdout name standard output, which is written as a stream, not replaced as a file.
  if (output === undefined || output === '-' || output === '/dev/stdout') {
    io.stdout(text);
    return true;
  }
  const written = io.writeText(output, text, { overwrite });
  if ('error' in written) reportProblems(io, [{ file: output, path: '', message: written.error, suggestion: 'choose another output path: a new or existing regular file, in a directory you can write to' }]);
  return 'ok' in written;
}

/** The name standard input goes by in messages and outputs, when a questionnaire is read from "-". */
export const STDIN = '<stdin>';

/**
 * SARIF's informationUri when the package names no home page or repository: its page on the npm
 * registry, under the name the README's install recipes use.
 */
const PACKAGE_PAGE = 'https://www.npmjs.com/package/mesh-assess';

/**
 * Reads and loads the questionnaires of one run; "-" is standard input, which holds one
 * questionnaire and can be read once.
 */
function questionnaires(io: Io) {
  let stdinRead = false;
  return (file: string, set: readonly Override[]) => {
    if (file !== '-') {
      const read = io.readText(file);
      return 'error' in read
        ? { ok: false as const, problems: [readProblem(file, read, 'check the path; mesh-assess init writes a questionnaire to start from')] }
        : loadQuestionnaire(file, read.text, set);
    }
    if (stdinRead) return { ok: false as const, problems: [{ file: STDIN, path: '', message: 'standard input holds one questionnaire and is read once', suggestion: 'give "-" once' }] };
    stdinRead = true;
    const read = io.readStdin?.() ?? { error: 'cannot read: there is no standard input here' };
    return 'error' in read ? { ok: false as const, problems: [readProblem(STDIN, read, 'pipe a questionnaire in: mesh-assess - < org.yaml')] } : loadQuestionnaire(STDIN, read.text, set);
  };
}

/** Exit 2 if any input was bad, else 1 if a --fail-on condition was met (each said on stderr), else 0. */
function exitFor(io: Io, bad: boolean, failures: readonly { file: string; condition: FailOn; detail?: string }[]): number {
  if (bad) return EXIT.badInput;
  if (failures.length === 0) return EXIT.ok;
  io.stderr(failures.map((f) => `${visible(f.file)}: --fail-on ${f.condition} met${f.detail ? `: ${visible(f.detail)}` : ''}\n`).join(''));
  return EXIT.gateFailed;
}

/** What a run takes from its configuration beyond the options: waivers, where they stand, and the date to check them. */
interface RunSettings {
  config?: ResolvedConfig;
  waivers: readonly Waiver[];
  sources: readonly WaiverSource[];
  today: string | null;
}

const NO_CONFIG: RunSettings = { waivers: [], sources: [], today: null };

interface Waiving {
  /** Marks the findings of an assessment that waivers accept (it changes nothing else). */
  apply(a: Assessment): Assessment;
  /** The run's waivers that accepted nothing, and those past their last day. */
  unused(): Waiver[];
  expired(): Waiver[];
}

/** The run's waivers: applied to each assessment, the ones near their end warned of once; which were used is kept. */
function waiving(io: Io, run: { waivers: readonly Waiver[]; today: string | null }): Waiving {
  const { waivers, today } = run;
  if (waivers.length === 0 || today === null) return { apply: (a) => a, unused: () => [], expired: () => [] };
  const paths = pathMapper(io);
  for (const w of waivers.filter((x) => !isExpired(x, today) && daysLeft(x, today) <= EXPIRING_WITHIN_DAYS)) {
    io.stderr(`${visible(`warning: the waiver of ${w.rule} (${w.owner}) ends on ${w.expires}, in ${daysLeft(w, today)} days: renew it or let it go`)}\n`);
  }
  const used = new Set<Waiver>();
  return {
    apply(a) {
      a.waivers = applyWaivers(a, paths(a.file), waivers, today, used);
      return a;
    },
    unused: () => waivers.filter((w) => !used.has(w) && !isExpired(w, today)),
    expired: () => waivers.filter((w) => isExpired(w, today)),
  };
}

/**
 * What the run says of its waivers on stderr, whatever --fail-on lists: each expired one (unless
 * the gate already names it), and each that accepted no finding, as linters report unused
 * suppressions. Returns the gate's failures for expired waivers when --fail-on asks for them.
 */
function waiverNotes(io: Io, opts: AssessOptions, waive: Waiving) {
  const gated = opts.failOn.includes('expired-waiver');
  const expired = waive.expired();
  if (!gated) for (const w of expired) io.stderr(`${visible(`warning: ${expiredText(w)}`)}\n`);
  for (const w of waive.unused()) io.stderr(`${visible(`warning: ${unusedText(w)}`)}\n`);
  return gated ? expired.map((w) => ({ file: w.rule, condition: 'expired-waiver' as const, detail: expiredText(w) })) : [];
}

/** The rubric set of a run as every format states it: base, extensions, digest, and thresholds against the built-in ones. */
function rubricIdentity(io: Io, opts: RubricOptions, rubric: Rubric): RubricIdentity {
  const cwd = io.cwd?.() ?? '.';
  const shown = (p: string) => shownPath(cwd, p);
  const builtinSet = opts.rubrics === undefined && opts.extend.length === 0;
  const builtin = builtinSet ? null : rubricFor(io, { extend: [] });
  const theirs = builtin?.ok ? builtin.value.scoring.thresholds : rubric.scoring.thresholds;
  const same = theirs.need === rubric.scoring.thresholds.need && theirs.readiness === rubric.scoring.thresholds.readiness;
  return {
    set: opts.rubrics === undefined ? 'built-in' : shown(opts.rubrics),
    replaced: opts.rubrics !== undefined,
    extend: opts.extend.map(shown),
    digest: rubric.digest ?? '',
    thresholds: { ...rubric.scoring.thresholds },
    builtin_thresholds: same ? null : { ...theirs },
  };
}

/** Checks each questionnaire without assessing it: "file: valid" on stdout, problems on stderr. */
export function validateFiles(io: Io, files: readonly string[]): number {
  const load = questionnaires(io);
  let bad = false;
  for (const file of files) {
    const loaded = load(file, []);
    if (loaded.ok) io.stdout(`${visible(file === '-' ? STDIN : file)}: valid\n`);
    else {
      reportProblems(io, loaded.problems);
      bad = true;
    }
  }
  return bad ? EXIT.badInput : EXIT.ok;
}

/** The leadership one-pager of one questionnaire, in Markdown or as a self-contained HTML page. */
export function summarizeFile(io: Io, file: string, opts: RubricOptions & { set: Override[]; html?: boolean; output?: string }): number {
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return EXIT.badInput;
  }
  const loaded = questionnaires(io)(file, opts.set);
  if (!loaded.ok) {
    reportProblems(io, loaded.problems);
    return EXIT.badInput;
  }
  const summary = summarize(assess(loaded.value, rubric.value));
  return emit(io, opts.html ? summaryHtml(summary) : summaryMarkdown(summary), opts.output) ? EXIT.ok : EXIT.badInput;
}

/**
 * Assesses each file; bad ones are reported on stderr and the rest still assessed. Exit 2 if any
 * input was bad, else 1 if a --fail-on condition was met, else 0.
 */
export function assessFiles(io: Io, files: readonly string[], opts: AssessOptions, run: RunSettings = NO_CONFIG): number {
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return EXIT.badInput;
  }
  const unknownRules = waiverProblems(run.sources, rubric.value.rules.map((r) => r.id));
  if (unknownRules.length > 0) {
    reportProblems(io, unknownRules);
    return EXIT.badInput;
  }
  const waive = waiving(io, run);
  const earlier = opts.baseline === undefined ? { ok: true as const, value: [] } : readBaseline(io, opts.baseline);
  if (!earlier.ok) {
    reportProblems(io, earlier.problems);
    return EXIT.badInput;
  }
  // Matched by file name, or one to one when each run holds one questionnaire.
  const against = (a: Assessment) => earlier.value.find((b) => b.file === a.file) ?? (files.length === 1 && earlier.value.length === 1 ? earlier.value[0] : undefined);
  const uncompared: string[] = [];
  // Waivers and the baseline are about the run, not the answers: each assessment gets them after.
  const finish = (q: LoadedQuestionnaire) => {
    const a = waive.apply(assess(q, rubric.value));
    const b = opts.baseline === undefined ? undefined : against(a);
    if (b) a.comparison = compare(a, b, (path) => q.answers.get(path) !== undefined);
    else if (opts.baseline !== undefined) uncompared.push(a.file);
    return a;
  };
  const after: RunEnd = { opts, waive, baseline: opts.baseline, uncompared, config: run.config, identity: rubricIdentity(io, opts, rubric.value) };
  // Several files in the terminal make the portfolio table, which needs only a row of each: each
  // file's assessment is let go once its row is taken, so a thousand files take little memory.
  // With --detail each file's full report follows the table, so all of them are kept.
  if (opts.format === 'terminal' && files.length > 1 && opts.detail !== true) return portfolioRun(io, files, finish, after);
  const assessments: Assessment[] = [];
  const load = questionnaires(io);
  let bad = false;
  for (const file of files) {
    const loaded = load(file, opts.set);
    if (loaded.ok) assessments.push(finish(loaded.value));
    else {
      reportProblems(io, loaded.problems);
      bad = true;
    }
  }
  const ended = endRun(io, after, assessments.length);
  if (ended === null) return EXIT.badInput;
  if (assessments.length > 0) {
    // Colour follows the terminal, which a file is not; FORCE_COLOR still forces it, as on stdout.
    let paths: ((file: string) => string) | undefined;
    const ctx: RenderContext = {
      color: wantsColor(io.env, opts.output === undefined && io.isTTY),
      width: widthFor(io, opts),
      detail: opts.detail === true,
      several: files.length > 1,
      version: io.version,
      rules: ruleDocs(rubric.value),
      // Found on first use: only the CI formats name files relative to the repository root.
      pathOf: (file) => (paths ??= pathMapper(io))(file),
      docsUrl: io.docsUrl ?? null,
      informationUri: io.homepage ?? PACKAGE_PAGE,
      stepSummary: opts.format === 'github' && Boolean(io.env.GITHUB_STEP_SUMMARY),
      config: ended.config,
      rubric: after.identity,
    };
    let text: string;
    try {
      text = renderers[opts.format](assessments, ctx);
    } catch (e) {
      // One document for thousands of files can outgrow the longest string JavaScript holds.
      if (!(e instanceof RangeError)) throw e;
      reportProblems(io, [{ file: `${assessments.length} files:`, path: '', message: `the ${opts.format} output is too large to build as one document`, suggestion: 'assess the files in smaller batches' }]);
      return EXIT.badInput;
    }
    if (!emit(io, text, opts.output)) return EXIT.badInput;
    const summary = io.env.GITHUB_STEP_SUMMARY;
    if (opts.format === 'github' && summary) {
      const appended = io.appendText(summary, renderers.markdown(assessments, ctx));
      if ('error' in appended) {
        reportProblems(io, [{ file: summary, path: '', message: `cannot append the job summary: ${appended.error}`, suggestion: 'GITHUB_STEP_SUMMARY must name a file the job can write' }]);
        return EXIT.badInput;
      }
    }
  }
  return exitFor(io, bad, [...gateFailures(assessments, opts.failOn), ...ended.failures]);
}

/** What a run needs once every file is assessed: to say what its waivers and baseline covered. */
interface RunEnd {
  opts: AssessOptions;
  waive: Waiving;
  baseline: string | undefined;
  /** The assessments the baseline held nothing for. */
  uncompared: string[];
  config: ResolvedConfig | undefined;
  identity: RubricIdentity;
}

/**
 * After the last file: the waivers and the baseline said of on stderr, the configuration completed
 * with the waivers used, and the gate's failures for expired waivers. Null (exit 2) when
 * --fail-on regression was asked for and the baseline covered none of the files, which would
 * otherwise pass the gate unchecked.
 */
function endRun(io: Io, end: RunEnd, assessed: number): { config: ResolvedConfig | undefined; failures: { file: string; condition: FailOn; detail?: string }[] } | null {
  const failures = waiverNotes(io, end.opts, end.waive);
  if (end.baseline !== undefined) {
    for (const file of end.uncompared) io.stderr(`${visible(`warning: ${file}: the baseline ${end.baseline} holds no assessment of this file, so it is not compared`)}\n`);
    if (end.opts.failOn.includes('regression') && assessed > 0 && end.uncompared.length === assessed) {
      reportProblems(io, [{ file: end.baseline, path: '', message: 'the baseline holds none of the files assessed, so --fail-on regression could check nothing', suggestion: 'write the baseline from the same files (mesh-assess FILES --format json -o FILE), named as this run names them' }]);
      return null;
    }
  }
  const config = end.config ? { ...end.config, unused_waivers: end.waive.unused(), expired_waivers: end.waive.expired() } : undefined;
  return { config, failures };
}

/** The report's width: the terminal's when it goes to one, COLUMNS or 80 when it goes to a file. */
const widthFor = (io: Io, opts: AssessOptions) => reportWidth(io.env, opts.output === undefined ? io.columns?.() : undefined);

/** The portfolio table: each file's row and the --fail-on conditions it meets, its assessment then let go. */
function portfolioRun(io: Io, files: readonly string[], finish: (q: LoadedQuestionnaire) => Assessment, end: RunEnd): number {
  const { opts } = end;
  const briefs: Brief[] = [];
  const failures: { file: string; condition: FailOn; detail?: string }[] = [];
  const load = questionnaires(io);
  let bad = false;
  for (const file of files) {
    const loaded = load(file, opts.set);
    if (!loaded.ok) {
      reportProblems(io, loaded.problems);
      bad = true;
      continue;
    }
    const a = finish(loaded.value);
    briefs.push(briefOf(a));
    failures.push(...gateFailures([a], opts.failOn));
  }
  const ended = endRun(io, end, briefs.length);
  if (ended === null) return EXIT.badInput;
  const settings = settingsText(ended.config, end.identity);
  if (briefs.length > 0 && !emit(io, renderPortfolio(briefs, { color: wantsColor(io.env, opts.output === undefined && io.isTTY), width: widthFor(io, opts), settings }), opts.output)) return EXIT.badInput;
  return exitFor(io, bad, [...failures, ...ended.failures]);
}

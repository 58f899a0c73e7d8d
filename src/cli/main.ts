import { Argument, Command, CommanderError, Option } from 'commander';
import { FAIL_ON, type FailOn } from '../core/policy/gate.js';
import type { Override } from '../core/questionnaire/load.js';
import { listRubric } from '../core/rubric/listing.js';
import { visible } from '../core/text/safe-text.js';
import { didYouMean } from '../core/text/suggest.js';
import { FORMATS } from '../render/index.js';
import { LIST_FORMATS, listRenderers, type ListFormat } from '../render/rubric-list.js';
import { EXPLAIN_FORMATS, explainRenderers, type ExplainFormat } from '../render/explain.js';
import { ruleDocs } from '../core/rubric/explain.js';
import { reportWidth } from './width.js';
import { questionnaireJsonSchema } from '../core/questionnaire/json-schema.js';
import { assessmentJsonSchema } from '../core/report/assessment-schema.js';
import { assessFiles, emit, reportProblems, summarizeFile, validateFiles } from './commands/assess-command.js';
import { CONFIG_FILE, WAIVER_MAX_DAYS, WAIVER_MAX_DAYS_LIMIT } from './config/config.js';
import { resolveOptions, type GivenOptions } from './config/run-config.js';
import { wantsColor } from './color.js';
import { discover, KUBECTL_COMMAND, type DiscoverOptions } from './commands/discover-command.js';
import { init, type InitOptions } from './commands/init-command.js';
import { testRubrics, type TestOptions } from './commands/test-command.js';
import { EXIT, type Io } from './io.js';
import { rubricFor, type RubricOptions } from './config/rubric-set.js';

export { EXIT, type Io } from './io.js';

// Commander echoes arguments in its errors, as do ours: shown escaped, each message on its one line.
const oneLine = (s: string) => `${visible(s.replace(/\n$/, ''))}\n`;

/**
 * Commander's "missing required argument" says what is wrong but not what to do. A first run with
 * no file at all is pointed at init, which writes a questionnaire, and at --help; a command
 * without its argument, at its own help.
 */
function pointed(message: string, command: string | null): string {
  if (!message.startsWith('error: missing required argument')) return message;
  return command === null
    ? 'error: name a questionnaire to assess (mesh-assess org.yaml); mesh-assess init writes one to fill in, and mesh-assess --help lists the commands and options'
    : `${message.trimEnd()}; mesh-assess help ${command} shows how to use it`;
}

const usage = (message: string) => new CommanderError(EXIT.badInput, 'mesh-assess.usage', message);

function parseSet(raw: string, previous: Override[]): Override[] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw usage(`--set expects path=value, got "${raw}"`);
  return [...previous, { path: raw.slice(0, eq).trim(), value: raw.slice(eq + 1) }];
}

function parseFailOn(raw: string, previous: FailOn[]): FailOn[] {
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  // An empty list would quietly turn the gate off.
  if (values.length === 0) throw usage(`--fail-on needs at least one of ${FAIL_ON.join(', ')}`);
  for (const v of values) {
    if (!(FAIL_ON as readonly string[]).includes(v)) throw usage(`--fail-on: "${v}" is not one of ${FAIL_ON.join(', ')}${didYouMean(v, FAIL_ON) ? `; ${didYouMean(v, FAIL_ON)}` : ''}`);
  }
  return [...new Set([...previous, ...(values as FailOn[])])];
}

const collect = (dir: string, prev: string[]) => [...prev, dir];

function parseDays(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < 1 || n > WAIVER_MAX_DAYS_LIMIT) throw usage(`--waiver-max-days expects a whole number of days from 1 to ${WAIVER_MAX_DAYS_LIMIT}, got "${raw}"`);
  return n;
}

type ExplainOptions = RubricOptions & { format: ExplainFormat; output?: string; all?: boolean };

/** The documentation of the named rules, or of all with --all; an unknown id is exit 2 with the nearest one. */
function explainRules(io: Io, ids: readonly string[], opts: ExplainOptions): number {
  if (ids.length === 0 && !opts.all) throw usage('name a rule to explain (mesh-assess explain no-platform-team), or --all for every rule');
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return EXIT.badInput;
  }
  const docs = ruleDocs(rubric.value);
  const known = docs.map((d) => d.id);
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length > 0) {
    const hint = (id: string) => didYouMean(id, known) ?? 'mesh-assess explain --all lists every rule';
    io.stderr(unknown.map((id) => oneLine(`error: no rule "${id}" in this rubric set; ${hint(id)}`)).join(''));
    return EXIT.badInput;
  }
  const chosen = opts.all ? docs : ids.map((id) => docs.find((d) => d.id === id)!);
  const width = reportWidth(io.env, opts.output === undefined ? io.columns?.() : undefined);
  const text = explainRenderers[opts.format](chosen, { color: wantsColor(io.env, opts.output === undefined && io.isTTY), width, all: opts.all === true });
  return emit(io, text, opts.output) ? EXIT.ok : EXIT.badInput;
}

function listRubrics(io: Io, opts: RubricOptions & { format: ListFormat; output?: string }): number {
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return EXIT.badInput;
  }
  const text = listRenderers[opts.format](listRubric(rubric.value), { color: wantsColor(io.env, opts.output === undefined && io.isTTY) });
  return emit(io, text, opts.output) ? EXIT.ok : EXIT.badInput;
}

/**
 * After "--" every argument is an operand, never an option and never a command: commander would
 * still run a command named by the first operand there, so `mesh-assess -- init ../x.yaml` wrote a
 * file. Such a name, when no command comes before "--", is given as the file it names (./init).
 */
export function operandsAfterDashes(argv: readonly string[], commands: readonly string[]): string[] {
  const dashes = argv.indexOf('--');
  const first = argv[dashes + 1];
  if (dashes < 0 || first === undefined || !commands.includes(first) || argv.slice(0, dashes).some((a) => commands.includes(a))) return [...argv];
  return [...argv.slice(0, dashes + 1), `./${first}`, ...argv.slice(dashes + 2)];
}

/**
 * Runs the command line and returns the exit code; never throws for bad input or usage. Only an
 * interactive init answers with a promise, since it waits for a person.
 */
export function main(argv: readonly string[], io: Io): number | Promise<number> {
  let code: number | Promise<number> = EXIT.ok;
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(oneLine(s)) };
  // Each command's errors, pointed at what to do (pointed, above).
  const outputOf = (command: string | null) => ({ ...output, outputError: (s: string, write: (s: string) => void) => write(pointed(s, command)) });
  const program = new Command()
    .name('mesh-assess')
    .description('Assess whether an organisation should run a service mesh: adopt, defer or alternative.')
    .version(io.version)
    .argument('<files...>', 'questionnaire YAML files (format version 1); several give a portfolio')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write the output to this file, whole or not at all, instead of stdout')
    .option('--fail-on <list>', `exit 1 when an assessment meets one of these (comma-separated): ${FAIL_ON.join(', ')}`, parseFailOn, [])
    .option('--rubrics <dir>', 'assess with the rubric files in this directory instead of the built-in ones')
    .option('--extend <dir>', 'add the rules (and weights) in this directory to the rubric set (repeatable)', collect, [])
    .option('--set <path=value>', 'override an answer before validation (repeatable), e.g. --set services.count=40', parseSet, [])
    .option('--detail', 'the full report: every reason, the rollout, risks, readiness checklist and all open questions (terminal and markdown)')
    .option('--config <file>', `read options and waivers from this file instead of ${CONFIG_FILE} (found from here up to the repository root)`)
    .option('--no-config', `ignore ${CONFIG_FILE}`)
    .option('--waivers <file>', 'accept findings on purpose: a YAML file of waivers (rule, reason, owner, expires, files)')
    .option('--waiver-max-days <days>', `refuse waivers that end more than this many days ahead (default ${WAIVER_MAX_DAYS}; wins over the configuration file)`, parseDays)
    .option('--today <date>', "the date waivers' expiry is checked against, YYYY-MM-DD (default: the system clock)")
    .option('--baseline <file>', 'compare with an earlier --format json output: verdict, scores, rules and answers that changed (--fail-on regression)')
    // Options after a subcommand's name belong to the subcommand (rubrics -f json).
    .enablePositionalOptions()
    // Ours, below: commander's own takes an unknown command quietly, and adds itself only to a
    // program without an action of its own, where ours assesses files.
    .helpCommand(false)
    .exitOverride()
    .configureOutput(outputOf(null))
    .action((files: string[], given: GivenOptions) => {
      // What was typed wins over the configuration file; commander says which options were.
      const resolved = resolveOptions(io, given, (key) => program.getOptionValueSource(key) === 'cli');
      if (!resolved.ok) {
        reportProblems(io, resolved.problems);
        code = EXIT.badInput;
        return;
      }
      code = assessFiles(io, files, resolved.opts, resolved);
    });
  program
    .command('rubrics')
    .description('list every rule (effect, weight, source) and the knowledge the assessment draws on')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LIST_FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write the listing to this file instead of stdout')
    .option('--rubrics <dir>', 'list the rubric files in this directory instead of the built-in ones')
    .option('--extend <dir>', 'include the rules in this directory (repeatable)', collect, [])
    .exitOverride()
    .configureOutput(outputOf('rubrics'))
    .action((opts: RubricOptions & { format: ListFormat; output?: string }) => {
      code = listRubrics(io, opts);
    });
  program
    .command('explain')
    .description('what a rule checks, the answers it reads, what it does and where it comes from')
    .argument('[rules...]', 'rule ids, as reports and SARIF results name them')
    .option('--all', 'every rule of the rubric set (docs/rules.md is --all --format markdown)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(EXPLAIN_FORMATS).default('terminal'))
    .option('-o, --output <file>', 'write the explanation to this file instead of stdout')
    .option('--rubrics <dir>', 'explain the rules in this directory instead of the built-in ones')
    .option('--extend <dir>', 'include the rules in this directory (repeatable)', collect, [])
    .exitOverride()
    .configureOutput(outputOf('explain'))
    .action((ids: string[], opts: ExplainOptions) => {
      code = explainRules(io, ids, opts);
    });
  program
    .command('test')
    .description('run rubric tests (*.test.yaml): given a questionnaire, this verdict, these rules fire; every rule of the directory must be fired by a test')
    .argument('[dirs...]', 'directories of rules and their tests (default: the working directory)')
    .option('--rubrics <dir>', 'test against the rubric files in this directory instead of the built-in ones')
    .option('--no-coverage', 'do not require every rule of the directory to be fired by a test')
    .exitOverride()
    .configureOutput(outputOf('test'))
    .action((dirs: string[], opts: TestOptions) => {
      code = testRubrics(io, dirs, opts);
    });
  program
    .command('summary')
    .description('the one-page summary for leadership, in Markdown, or as an HTML page with --html')
    .argument('<file>', 'questionnaire YAML file')
    .option('--html', 'a self-contained HTML page with charts, for a browser or a printer')
    .option('-o, --output <file>', 'write the summary to this file instead of stdout')
    .option('--rubrics <dir>', 'assess with the rubric files in this directory instead of the built-in ones')
    .option('--extend <dir>', 'add the rules in this directory to the rubric set (repeatable)', collect, [])
    .option('--set <path=value>', 'override an answer before validation (repeatable)', parseSet, [])
    .exitOverride()
    .configureOutput(outputOf('summary'))
    .action((file: string, opts: RubricOptions & { set: Override[]; html?: boolean; output?: string }) => {
      code = summarizeFile(io, file, opts);
    });
  program
    .command('schema')
    .description("print a JSON Schema: the questionnaire's (for editors and validators) or the JSON output's")
    .addArgument(new Argument('[which]', 'questionnaire, or assessment for the shape of --format json').choices(['questionnaire', 'assessment']).default('questionnaire'))
    .option('-o, --output <file>', 'write the schema to this file instead of stdout')
    .exitOverride()
    .configureOutput(outputOf('schema'))
    .action((which: 'questionnaire' | 'assessment', opts: { output?: string }) => {
      const schema = which === 'assessment' ? assessmentJsonSchema() : questionnaireJsonSchema();
      code = emit(io, `${JSON.stringify(schema, null, 2)}\n`, opts.output) ? EXIT.ok : EXIT.badInput;
    });
  program
    .command('validate')
    .description('check questionnaires without assessing them: exit 0 when all are valid, 2 when not')
    .argument('<files...>', 'questionnaire YAML files')
    .exitOverride()
    .configureOutput(outputOf('validate'))
    .action((files: string[]) => {
      code = validateFiles(io, files);
    });
  program
    .command('init')
    .description('write a commented questionnaire with every field and what it means')
    .argument('[file]', 'where to write it (- for stdout)', 'org.yaml')
    .option('--force', 'replace the file if it exists')
    .option('--interactive', 'in a terminal: ask the required and the most decision-relevant answers, then write')
    .option('--with-schema', "write the questionnaire's JSON Schema beside the file and point the editor at it")
    .exitOverride()
    .configureOutput(outputOf('init'))
    .action((file: string, opts: InitOptions) => {
      code = init(io, file, opts);
    });
  program
    .command('discover')
    .description('answer questions from evidence the organisation has (cluster exports, manifests), each with where it came from')
    .option('--kube <file>', `a cluster: the output of ${KUBECTL_COMMAND}, rendered manifests, or a folder of them; - for stdin (repeatable, one per cluster)`, collect, [])
    .option('--kubectl', 'run kubectl against the current context and read the cluster it prints (the one source that is not a file)')
    .option('--exclude-namespace <name>', 'a namespace that runs no service of yours, beside the built-in list (repeatable)', collect, [])
    .option('--catalog <path>', 'a Backstage catalog: a catalog-info.yaml file or a folder of them (repeatable)', collect, [])
    .option('--repos <dir>', 'a folder of service repositories (or one repository): the main language of each, as GitHub Linguist counts it (repeatable)', collect, [])
    .option('--incidents <file>', 'an incident export as CSV, with --cause-column and --date-column; - for stdin')
    .option('--cause-column <name>', "the header of the column that holds each incident's category")
    .option('--date-column <name>', "the header of the column that holds each incident's date")
    .option('--incident-map <file>', "your categories mapped to the nine causes (YAML); the built-in starter map otherwise")
    .option('--init-incident-map [file]', 'write a starter incident map to edit (default incident-map.yaml), and nothing else')
    .option('-o, --output <file>', 'write the new questionnaire to <file> instead of stdout')
    .option('--into <file>', "fill the unanswered fields of this questionnaire, keeping its answers, comments and layout")
    .option('--force', 'replace --output if it exists')
    .option('-f, --format <format>', 'questionnaire (default) or json: the answers with their evidence')
    .exitOverride()
    .configureOutput(outputOf('discover'))
    .action((opts: DiscoverOptions) => {
      code = discover(io, opts);
    });
  program
    .command('help')
    .description('show the help of a command, or of mesh-assess')
    .argument('[command]', 'the command')
    .exitOverride()
    .configureOutput(outputOf('help'))
    .action((name: string | undefined) => {
      const sub = name === undefined ? program : program.commands.find((c) => c.name() === name);
      if (sub) {
        io.stdout(sub.helpInformation());
        code = EXIT.ok;
        return;
      }
      const names = program.commands.map((c) => c.name());
      io.stderr(`${oneLine(`error: unknown command '${name}'; ${didYouMean(name!, names) ?? `the commands are ${names.join(', ')}`}`)}`);
      code = EXIT.badInput;
    });
  try {
    program.parse(operandsAfterDashes(argv, program.commands.map((c) => c.name())), { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code === 'mesh-assess.usage') io.stderr(oneLine(`error: ${e.message}`));
    return EXIT.badInput;
  }
  return code;
}

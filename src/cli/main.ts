import { Command, CommanderError, Option } from 'commander';
import { assess } from '../core/assess.js';
import { formatProblem, type Problem, type Result } from '../core/problem.js';
import { loadQuestionnaire, type Override } from '../core/questionnaire/load.js';
import { listRubric } from '../core/rubric/listing.js';
import { loadRubric, type RubricFile } from '../core/rubric/load.js';
import type { Rubric } from '../core/rubric/schema.js';
import { FORMATS, renderers, type Format } from '../render/index.js';
import { LIST_FORMATS, listRenderers, type ListFormat } from '../render/rubric-list.js';
import { wantsColor } from './color.js';

/** Everything the CLI needs from the outside world, so that it can be run in a test. */
export interface Io {
  readText(path: string): { text: string } | { error: string };
  listRubricFiles(dir: string): { files: string[] } | { error: string };
  builtinRubrics: string;
  env: Readonly<Record<string, string | undefined>>;
  isTTY: boolean;
  stdout(s: string): void;
  stderr(s: string): void;
  version: string;
}

/** Exit codes: 1 is reserved for a failed gate. */
export const EXIT = { ok: 0, badInput: 2 } as const;

function parseSet(raw: string, previous: Override[]): Override[] {
  const eq = raw.indexOf('=');
  if (eq <= 0) throw new CommanderError(EXIT.badInput, 'mesh-assess.set', `--set expects path=value, got "${raw}"`);
  return [...previous, { path: raw.slice(0, eq).trim(), value: raw.slice(eq + 1) }];
}

function readRubrics(io: Io, dir: string): { files: RubricFile[] } | { problems: Problem[] } {
  const listed = io.listRubricFiles(dir);
  if ('error' in listed) return { problems: [{ file: dir, path: '', message: listed.error, suggestion: 'point --rubrics at a directory of rubric YAML files' }] };
  if (listed.files.length === 0) return { problems: [{ file: dir, path: '', message: 'no .yaml rubric files in this directory' }] };
  const files: RubricFile[] = [];
  for (const name of listed.files) {
    const read = io.readText(name);
    if ('error' in read) return { problems: [{ file: name, path: '', message: read.error }] };
    files.push({ name, text: read.text });
  }
  return { files };
}

function fail(io: Io, problems: readonly Problem[]): number {
  io.stderr(`${problems.map(formatProblem).join('\n')}\n`);
  return EXIT.badInput;
}

interface RubricOptions {
  rubrics?: string;
  extend: string[];
}

interface Options extends RubricOptions {
  format: Format;
  set: Override[];
}

/** The rubric set the options name: the built-in one, another, and any extensions. */
function rubricFor(io: Io, opts: RubricOptions): Result<Rubric> {
  const sets = [opts.rubrics ?? io.builtinRubrics, ...opts.extend].map((dir) => readRubrics(io, dir));
  const unreadable = sets.flatMap((s) => ('problems' in s ? s.problems : []));
  if (unreadable.length > 0) return { ok: false, problems: unreadable };
  const [base, ...extensions] = sets.map((s) => ('files' in s ? s.files : []));
  return loadRubric(base!, extensions);
}

function assessFile(io: Io, file: string, opts: Options): number {
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) return fail(io, rubric.problems);
  const read = io.readText(file);
  if ('error' in read) return fail(io, [{ file, path: '', message: read.error, suggestion: 'check the path; examples/ has questionnaires to start from' }]);
  const loaded = loadQuestionnaire(file, read.text, opts.set);
  if (!loaded.ok) return fail(io, loaded.problems);
  const assessment = assess(loaded.value, rubric.value);
  io.stdout(renderers[opts.format](assessment, { color: wantsColor(io.env, io.isTTY) }));
  return EXIT.ok;
}

function listRubrics(io: Io, opts: RubricOptions & { format: ListFormat }): number {
  const rubric = rubricFor(io, opts);
  if (!rubric.ok) return fail(io, rubric.problems);
  io.stdout(listRenderers[opts.format](listRubric(rubric.value), { color: wantsColor(io.env, io.isTTY) }));
  return EXIT.ok;
}

const collect = (dir: string, prev: string[]) => [...prev, dir];

/** Runs the command line and returns the exit code; never throws for bad input or usage. */
export function main(argv: readonly string[], io: Io): number {
  let code: number = EXIT.ok;
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s) };
  const program = new Command()
    .name('mesh-assess')
    .description('Assess whether an organisation should run a service mesh: adopt, defer or alternative.')
    .version(io.version)
    .argument('<file>', 'questionnaire YAML file (format version 1)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('terminal'))
    .option('--rubrics <dir>', 'assess with the rubric files in this directory instead of the built-in ones')
    .option('--extend <dir>', 'add the rules (and weights) in this directory to the rubric set (repeatable)', collect, [])
    .option('--set <path=value>', 'override an answer before validation (repeatable), e.g. --set services.count=40', parseSet, [])
    // Options after a subcommand's name belong to the subcommand (rubrics -f json).
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput(output)
    .action((file: string, opts: Options) => {
      code = assessFile(io, file, opts);
    });
  program
    .command('rubrics')
    .description('list every rule (effect, weight, seed source) and the knowledge the assessment draws on')
    .addOption(new Option('-f, --format <format>', 'output format').choices(LIST_FORMATS).default('terminal'))
    .option('--rubrics <dir>', 'list the rubric files in this directory instead of the built-in ones')
    .option('--extend <dir>', 'include the rules in this directory (repeatable)', collect, [])
    .exitOverride()
    .configureOutput(output)
    .action((opts: RubricOptions & { format: ListFormat }) => {
      code = listRubrics(io, opts);
    });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    if (e.code === 'mesh-assess.set') io.stderr(`error: ${e.message}\n`);
    return EXIT.badInput;
  }
  return code;
}

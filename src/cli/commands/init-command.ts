import { interviewFields, parseAnswer, promptHint, questionnaireTemplate } from '../../core/questionnaire/template.js';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { questionnaireJsonSchema } from '../../core/questionnaire/json-schema.js';
import { emit, reportProblems } from './assess-command.js';
import { EXIT, type Io } from '../io.js';
import { rubricFor } from '../config/rubric-set.js';

export interface InitOptions {
  force?: boolean;
  interactive?: boolean;
  /** Write the questionnaire's JSON Schema beside the file, and point the editor at that copy. */
  withSchema?: boolean;
}

const SCHEMA_COPY = 'questionnaire.schema.json';

/**
 * Where the new file's editor finds the schema: the copy beside it, or the installed one by a path
 * from the file's own directory (so it works wherever the file is made, and for a global install).
 */
export function schemaFor(io: Io, file: string, opts: InitOptions): string | undefined {
  if (opts.withSchema) return `./${SCHEMA_COPY}`;
  const cwd = io.cwd?.();
  if (!io.schemaFile || cwd === undefined) return undefined;
  const from = file === '-' ? cwd : dirname(resolve(cwd, file));
  const rel = relative(from, io.schemaFile);
  return isAbsolute(rel) ? io.schemaFile : rel.split(sep).join('/');
}

/** How many optional questions the interview asks, after the required ones. */
const OPTIONAL_QUESTIONS = 12;

/** What to do about a file init cannot write. */
const writeSuggestion = (exists: boolean | undefined) =>
  exists ? 'pass --force to replace it, or name another file' : 'choose another output path: a new or existing regular file, in a directory you can write to';

function write(io: Io, file: string, answers: ReadonlyMap<string, unknown>, opts: InitOptions): number {
  const force = opts.force === true;
  const text = questionnaireTemplate(answers, schemaFor(io, file, opts));
  if (!opts.withSchema) {
    if (file === '-') return emit(io, text, undefined) ? EXIT.ok : EXIT.badInput;
    if (!emit(io, text, file, force)) return EXIT.badInput;
  } else {
    const copy = join(file === '-' ? '.' : dirname(file), SCHEMA_COPY);
    const schema = `${JSON.stringify(questionnaireJsonSchema(), null, 2)}\n`;
    if (file === '-') {
      // Standard output is not a file to take back: the copy is written first, and the
      // questionnaire printed only once it is.
      if (!emit(io, schema, copy, force)) return EXIT.badInput;
      io.stderr(`wrote ${copy}\n`);
      return emit(io, text, undefined) ? EXIT.ok : EXIT.badInput;
    }
    // The questionnaire points at the copy, so the two are written together or not at all.
    const written = io.writeAll([{ path: file, text }, { path: copy, text: schema }], { overwrite: force });
    if ('error' in written) {
      reportProblems(io, [{ file: written.path, path: '', message: written.error, suggestion: writeSuggestion(written.exists) }]);
      return EXIT.badInput;
    }
    io.stderr(`wrote ${copy}\n`);
  }
  io.stderr(`wrote ${file}; check it with: mesh-assess validate ${file}\n`);
  return EXIT.ok;
}

async function interview(io: Io, ask: NonNullable<Io['prompt']>): Promise<Map<string, unknown> | undefined> {
  const rubric = rubricFor(io, { extend: [] });
  if (!rubric.ok) {
    reportProblems(io, rubric.problems);
    return undefined;
  }
  const answers = new Map<string, unknown>();
  io.stdout('Answer what you know; press Enter to skip an optional question (it stays unknown).\n');
  for (const f of interviewFields(rubric.value, OPTIONAL_QUESTIONS)) {
    for (;;) {
      const text = await ask(`${f.question} [${promptHint(f)}${f.required ? '' : ', Enter to skip'}] `);
      if (text === null) return undefined;
      if (text.trim() === '' && !f.required) break;
      const parsed = parseAnswer(f, text);
      if (parsed.ok) {
        answers.set(f.path, parsed.value);
        break;
      }
      io.stderr(`  ${parsed.message}\n`);
    }
  }
  return answers;
}

/**
 * Writes a commented questionnaire with every field; never replaces a file without --force.
 * With --interactive, in a terminal, asks the required and the most decision-relevant answers first.
 */
export function init(io: Io, file: string, opts: InitOptions): number | Promise<number> {
  const force = opts.force === true;
  if (file !== '-' && !force && 'text' in io.readText(file)) {
    reportProblems(io, [{ file, path: '', message: 'the file exists; init never replaces a file', suggestion: 'pass --force to replace it, or name another file' }]);
    return EXIT.badInput;
  }
  if (!opts.interactive) return write(io, file, new Map(), opts);
  if (!io.prompt) {
    reportProblems(io, [{ file: 'init', path: '', message: '--interactive needs a terminal to ask in', suggestion: 'run init without --interactive for the commented template' }]);
    return EXIT.badInput;
  }
  return interview(io, io.prompt).then((answers) => {
    if (!answers) {
      io.stderr('init: stopped before all required answers were given; nothing written\n');
      return EXIT.badInput;
    }
    return write(io, file, answers, opts);
  });
}

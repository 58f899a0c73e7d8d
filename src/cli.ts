import { appendFileSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { main, type Io } from './cli/main.js';
import type { Rubric } from './core/rubric/rubric.js';
import { isTerminal, listFiles, listYaml, notAFile, plain, readRegular, readStdin, runStreaming, streamBytes, writeAll, writeStd, writeWhole } from './cli/files/node-files.js';

/** Where the first byte that is not UTF-8 stands, as a line and column (the decoder only says whether). */
function firstBadByte(bytes: Buffer): { line: number; col: number } {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    const extra = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    // The second byte's range also rules out overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const [lo, hi] = c === 0xe0 ? [0xa0, 0xbf] : c === 0xed ? [0x80, 0x9f] : c === 0xf0 ? [0x90, 0xbf] : c === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    let ok = extra >= 0 && (extra === 0 || (i + 1 < bytes.length && bytes[i + 1]! >= lo && bytes[i + 1]! <= hi));
    for (let k = 2; ok && k <= extra; k++) ok = i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) break;
    i += extra + 1;
  }
  const lines = new TextDecoder('utf-8').decode(bytes.subarray(0, i)).split('\n');
  return { line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// SARIF links each rule to its section of this version's docs/rules.md, on the repository the
// package names; a package that names none links nothing.
const repository = (pkg as { repository?: string | { url?: string } }).repository;
const repositoryWeb = (typeof repository === 'string' ? repository : repository?.url)?.replace(/^git\+/, '').replace(/\.git$/, '');
const docsUrl = repositoryWeb?.startsWith('https://github.com/') ? `${repositoryWeb}/blob/v${pkg.version}/docs/rules.md` : undefined;
const homepage = (pkg as { homepage?: string }).homepage ?? (repositoryWeb?.startsWith('https://') ? repositoryWeb : undefined);

/** Bytes read as UTF-8 text, or where the first byte that is not stands. */
function decoded(got: ReturnType<typeof readRegular>): ReturnType<Io['readText']> {
  if ('error' in got) return got;
  try {
    return { text: utf8.decode(got.bytes) };
  } catch {
    return { error: 'bytes that are not UTF-8 text', ...firstBadByte(got.bytes), suggestion: 'save the file as UTF-8' };
  }
}

const io: Io = {
  readText: (path) => decoded(readRegular(path)),
  readStdin: () => decoded(readStdin()),
  listRubricFiles: (dir) => listYaml(dir),
  listTestFiles: (dir) => listYaml(dir, true),
  writeText: (path, text, options) => writeWhole(path, text, options),
  writeAll: (files, options) => writeAll(files, options),
  streamBytes: (path, onChunk) => streamBytes(path, onChunk),
  runStreaming: (program, args, onChunk, timeoutMs) => runStreaming(program, args, onChunk, timeoutMs),
  listFiles: (dir, wanted) => listFiles(dir, wanted),
  appendText(path, text) {
    // The job summary is appended to, so it must already be a file: a pipe would wait forever.
    const st = notAFile(path);
    if (st) return { error: `cannot write: ${st}` };
    try {
      appendFileSync(path, text);
      return { ok: true };
    } catch (e) {
      return { error: `cannot write: ${plain(e)}` };
    }
  },
  // The bundle lives in dist/; the built-in rubric files ship beside it in rubrics/.
  builtinRubrics: fileURLToPath(new URL('../rubrics/', import.meta.url)),
  schemaFile: fileURLToPath(new URL('../schema/questionnaire.schema.json', import.meta.url)),
  builtinRubric() {
    try {
      return JSON.parse(readFileSync(new URL('./builtin-rubric.json', import.meta.url), 'utf8')) as Rubric;
    } catch {
      return undefined;
    }
  },
  env: process.env,
  docsUrl,
  homepage,
  cwd: () => process.cwd(),
  today: () => new Date().toISOString().slice(0, 10),
  exists: (path) => existsSync(path),
  realpath(path) {
    try {
      return realpathSync(path);
    } catch {
      return null;
    }
  },
  isTTY: isTerminal(1),
  stdout(s) {
    const e = writeStd(1, s);
    if (e) stdoutFailed(e);
  },
  stderr(s) {
    if (writeStd(2, s)) process.exit(2);
  },
  version: pkg.version,
};

/**
 * A reader that goes away (`| head`) ends the run quietly: what it wanted, it has. Any other failure
 * to write stdout (a full disk, /dev/full) is one line and exit 2, never a stack trace.
 */
function stdoutFailed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(0);
  writeStd(2, `mesh-assess: cannot write the output: ${plain(e)}\n`);
  process.exit(2);
}

// Only a terminal has a width; asking sets up Node's stream for it, so it is asked when needed.
if (io.isTTY) io.columns = () => process.stdout.columns;

// stdout first: reading process.stdin sets up a stream for it, which a run in a pipeline never needs.
if (io.isTTY && isTerminal(0)) {
  // One readline per question; input that ends (Ctrl-D) answers null.
  io.prompt = (question) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stdout });
      let answered = false;
      rl.question(question, (answer) => {
        answered = true;
        rl.close();
        resolve(answer);
      });
      rl.on('close', () => {
        if (!answered) resolve(null);
      });
    });
}

// No signal is listened for here: a listener would replace the default action, and the run, being
// synchronous, would hear it only once the work and the writes were done. Ctrl-C and SIGTERM stop a
// run where it stands; writeWhole listens only while a temporary file exists.

void Promise.resolve(main(process.argv.slice(2), io)).then((code) => {
  process.exitCode = code;
});

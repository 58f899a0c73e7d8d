import { appendFileSync, linkSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { main, type Io } from './cli/main.js';
import { MAX_FILE_BYTES } from './core/limits.js';
import type { Rubric } from './core/rubric/schema.js';

const describe = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'cannot read: no such file or directory';
  if (code === 'EISDIR') return 'cannot read: it is a directory, not a file';
  if (code === 'EACCES') return 'cannot read: permission denied';
  return `cannot read: ${code ?? 'unknown error'}`;
};

const describeWrite = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return 'cannot write: the file exists; pass --force to replace it';
  if (code === 'ENOENT') return 'cannot write: no such directory';
  if (code === 'EISDIR') return 'cannot write: it is a directory';
  if (code === 'EACCES') return 'cannot write: permission denied';
  return `cannot write: ${code ?? 'unknown error'}`;
};

/** Where the first byte that is not UTF-8 stands, as a line and column (the decoder only says whether). */
function firstBadByte(bytes: Buffer): { line: number; col: number } {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    const extra = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    let ok = extra >= 0;
    for (let k = 1; ok && k <= extra; k++) ok = i + k < bytes.length && (bytes[i + k]! & 0xc0) === 0x80;
    if (!ok) break;
    i += extra + 1;
  }
  const lines = new TextDecoder('utf-8').decode(bytes.subarray(0, i)).split('\n');
  return { line: lines.length, col: lines[lines.length - 1]!.length + 1 };
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const io: Io = {
  readText(path) {
    try {
      // Refused before reading, so a file of gigabytes costs nothing.
      if (statSync(path).size > MAX_FILE_BYTES) return { error: `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, suggestion: 'a questionnaire is a few KiB; check that this is the right file' };
      const bytes = readFileSync(path);
      try {
        return { text: utf8.decode(bytes) };
      } catch {
        return { error: 'bytes that are not UTF-8 text', ...firstBadByte(bytes), suggestion: 'save the file as UTF-8' };
      }
    } catch (e) {
      return { error: describe(e) };
    }
  },
  listRubricFiles(dir) {
    try {
      if (!statSync(dir).isDirectory()) return { error: 'not a directory' };
      const names = readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort();
      return { files: names.map((n) => join(dir, n)) };
    } catch (e) {
      return { error: describe(e) };
    }
  },
  writeText(path, text, { overwrite }) {
    // Whole or nothing: the text goes to a temporary file beside the target, then takes its place.
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      writeFileSync(tmp, text, { flag: 'wx' });
      if (overwrite) renameSync(tmp, path);
      else linkSync(tmp, path);
      return { ok: true };
    } catch (e) {
      return { error: describeWrite(e) };
    } finally {
      rmSync(tmp, { force: true });
    }
  },
  appendText(path, text) {
    try {
      appendFileSync(path, text);
      return { ok: true };
    } catch (e) {
      return { error: describeWrite(e) };
    }
  },
  // The bundle lives in dist/; the built-in rubric files ship beside it in rubrics/.
  builtinRubrics: fileURLToPath(new URL('../rubrics/', import.meta.url)),
  builtinRubric() {
    try {
      return JSON.parse(readFileSync(new URL('./builtin-rubric.json', import.meta.url), 'utf8')) as Rubric;
    } catch {
      return undefined;
    }
  },
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  version: pkg.version,
};

// stdout first: reading process.stdin sets up a stream for it, which a run in a pipeline never needs.
if (process.stdout.isTTY && process.stdin.isTTY) {
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

void Promise.resolve(main(process.argv.slice(2), io)).then((code) => {
  process.exitCode = code;
});

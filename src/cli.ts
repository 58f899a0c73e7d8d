import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../package.json' with { type: 'json' };
import { main, type Io } from './cli/main.js';

const describe = (e: unknown) => {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'cannot read: no such file or directory';
  if (code === 'EISDIR') return 'cannot read: it is a directory, not a file';
  if (code === 'EACCES') return 'cannot read: permission denied';
  return `cannot read: ${code ?? 'unknown error'}`;
};

const io: Io = {
  readText(path) {
    try {
      return { text: readFileSync(path, 'utf8') };
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
  // The bundle lives in dist/; the built-in rubric files ship beside it in rubrics/.
  builtinRubrics: fileURLToPath(new URL('../rubrics/', import.meta.url)),
  env: process.env,
  isTTY: Boolean(process.stdout.isTTY),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  version: pkg.version,
};

process.exitCode = main(process.argv.slice(2), io);

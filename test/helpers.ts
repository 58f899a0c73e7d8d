import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { main, type Io } from '../src/cli/main.js';
import type { Assessment } from '../src/core/report/assessment.js';
import { ROOT, rubric } from './assessing.js';

export { ROOT, SCORING_HEAD, assessText, examples, rubric, rubricFiles } from './assessing.js';

export const CLI = join(ROOT, 'dist', 'mesh-assess.js');

/**
 * The start of a workflow command the github format writes itself: an annotation on a file, or a
 * note on the whole run titled "mesh-assess: ...". Text from input inside one is data after the
 * second "::"; any other line that starts with "::" would be a command forged by input.
 */
export const OUR_COMMAND = /^::(error|warning|notice) (file=[^:]*|title=mesh-assess%3A [^:,]*)::/;

/** Runs the built CLI as a user would, without colour. */
export function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env, NO_COLOR: '1' } as Record<string, string | undefined>;
  delete base.FORCE_COLOR;
  // The report's width follows COLUMNS: tests that compare output draw it at the default 80.
  delete base.COLUMNS;
  // A run that hangs is killed and fails its test (status null) instead of stalling the suite; the
  // limit is far above any real run, so it asserts no speed.
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...base, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const json = (args: string[]) => JSON.parse(execFileSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd: ROOT, encoding: 'utf8' })) as Assessment;

/** An in-process Io on real files, with output captured; writes go to `written`. */
export function memoryIo(extra: Partial<Io> = {}) {
  const out = { stdout: '', stderr: '', written: new Map<string, string>() };
  const io: Io = {
    readText: (p) => {
      if (out.written.has(p)) return { text: out.written.get(p)! };
      try {
        return { text: readFileSync(p, 'utf8') };
      } catch {
        return { error: 'cannot read: no such file or directory' };
      }
    },
    listRubricFiles: (dir) => ({ files: readdirSync(dir).filter((n) => n.endsWith('.yaml') && !n.endsWith('.test.yaml')).sort().map((n) => join(dir, n)) }),
    listTestFiles: (dir) => ({ files: readdirSync(dir).filter((n) => n.endsWith('.test.yaml')).sort().map((n) => join(dir, n)) }),
    writeText: (p, text) => {
      out.written.set(p, text);
      return { ok: true };
    },
    writeAll: (files) => {
      for (const f of files) out.written.set(f.path, f.text);
      return { ok: true };
    },
    appendText: () => ({ error: 'tests in process do not append files' }),
    builtinRubrics: join(ROOT, 'rubrics'),
    exists: (p) => existsSync(p),
    realpath: (p) => (existsSync(p) ? realpathSync(p) : null),
    env: { NO_COLOR: '1' },
    isTTY: false,
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    version: '0.0.0',
    ...extra,
  };
  return { io, out };
}

/** Runs the CLI's main() in this process with real files: the same code path as the bundle, faster. */
export function runMain(args: string[]): { code: number; stdout: string; stderr: string } {
  const { io, out } = memoryIo();
  const code = main(args, io);
  if (typeof code !== 'number') throw new Error('main answered with a promise; use runMainAsync');
  return { code, stdout: out.stdout, stderr: out.stderr };
}

/** The start of a citation as every output prints it: a source's name from sources.yaml. */
export const citesASource = (prefix = '^'): RegExp => {
  const names = rubric().knowledge.sources!.map((s) => s.cite_as.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`${prefix}(${names.join('|')}) `, 'm');
};

import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { visible } from '../../core/text/safe-text.js';
import type { Io } from '../io.js';

/**
 * The repository root that code scanning and annotations expect paths relative to:
 * GITHUB_WORKSPACE, else the nearest directory up from the working directory that holds .git,
 * else the working directory.
 */
export function repositoryRoot(io: Pick<Io, 'env' | 'cwd' | 'exists'>): string | null {
  const cwd = io.cwd?.();
  if (cwd === undefined) return null;
  const workspace = io.env.GITHUB_WORKSPACE;
  if (workspace) return resolve(cwd, workspace);
  for (let dir = cwd; ; dir = dirname(dir)) {
    if (io.exists?.(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return cwd;
  }
}

/**
 * A questionnaire's path as CI tools want it: relative to the repository root, with forward
 * slashes. A file outside the root, or a name that is no path (<stdin>), stays as given.
 */
export function repositoryPath(file: string, cwd: string, root: string): string {
  if (file === '<stdin>') return file;
  const rel = relative(root, resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

/** The path mapping for one run: repository-relative where the Io can tell, else the path as given. */
export function pathMapper(io: Pick<Io, 'env' | 'cwd' | 'exists'>): (file: string) => string {
  const root = repositoryRoot(io);
  const cwd = io.cwd?.();
  if (root === null || cwd === undefined) return (file) => file;
  const seen = new Map<string, string>();
  return (file) => {
    let mapped = seen.get(file);
    if (mapped === undefined) seen.set(file, (mapped = repositoryPath(file, cwd, root)));
    return mapped;
  };
}

/**
 * The directory that paths named by committed files in `dir` (a configuration, rubric files, rubric
 * tests) must stay inside: the repository holding it (the nearest directory up, after following
 * links, that holds .git), else `dir` itself. A pull request controls such files, so nothing they
 * name may reach outside the repository.
 */
export function trustRoot(io: Pick<Io, 'exists' | 'realpath'>, dir: string): string {
  const own = realOf(io, resolve(dir));
  for (let dir = own; ; dir = dirname(dir)) {
    if (io.exists?.(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return own;
  }
}

/**
 * Where a path lands once every link is followed: the real path of its longest existing part, with
 * the rest appended (a file still to be written lands in its directory's real place).
 */
function realOf(io: Pick<Io, 'realpath'>, path: string): string {
  const tail: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const real = io.realpath?.(at) ?? (io.realpath ? null : at);
    if (real !== null) return join(real, ...tail.reverse());
    if (dirname(at) === at) return resolve(path);
    tail.push(basename(at));
  }
}

/** Whether a path, after following links, is the root or lies inside it. */
export function resolvesInside(io: Pick<Io, 'realpath'>, path: string, root: string): boolean {
  const rel = relative(root, realOf(io, path));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The paths a committed file names, each with where it stands in the file, that resolve (from the
 * file's directory, after following links) outside the repository holding the file.
 */
export function namedOutside<T extends { value: string }>(io: Pick<Io, 'exists' | 'realpath'>, file: string, named: readonly T[]): T[] {
  const root = trustRoot(io, dirname(file));
  return named.filter((n) => !resolvesInside(io, resolve(dirname(file), n.value), root));
}

/** A path as reports show it: from the working directory, with forward slashes, its controls made visible. */
export const shownPath = (cwd: string, p: string) => visible(relative(cwd, resolve(cwd, p)).split('\\').join('/') || '.');

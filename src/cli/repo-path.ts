import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { Io } from './io.js';

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

import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { RepoListing } from '../../core/discover/languages/languages.js';
import type { Problem } from '../../core/text/problem.js';

/** How many files of one repository are listed at most; the rest are left out, with a problem. */
export const MAX_FILES_PER_REPO = 200_000;
/** A root .gitattributes larger than this is not read: no real one comes near it. */
const MAX_ATTRIBUTES_BYTES = 1024 * 1024;
/** Folders never listed: git's own, and installed packages (which Linguist leaves out anyway). */
const SKIPPED = new Set(['.git', 'node_modules']);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

const problem = (file: string, message: string, suggestion?: string): Problem => ({ file, path: '', message, ...(suggestion ? { suggestion } : {}) });

const reason = (e: unknown) => {
  const code = (e as { code?: string }).code;
  if (code === 'EACCES' || code === 'EPERM') return 'could not be read: permission denied';
  if (code === 'ENOENT') return 'no longer exists';
  return `could not be read${code ? ` (${code})` : ''}`;
};

function entries(dir: string, problems: Problem[]): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => byName(a.name, b.name));
  } catch (e) {
    problems.push(problem(dir, reason(e)));
    return [];
  }
}

/** The text of the repository's root .gitattributes, when it is a regular file of sensible size. */
function attributesOf(root: string, problems: Problem[]): string | undefined {
  const file = join(root, '.gitattributes');
  try {
    const stat = lstatSync(file);
    if (!stat.isFile()) return undefined;
    if (stat.size > MAX_ATTRIBUTES_BYTES) {
      problems.push(problem(file, `is larger than ${MAX_ATTRIBUTES_BYTES / 1024 / 1024} MiB, so it was not read`));
      return undefined;
    }
    return readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return undefined;
    problems.push(problem(file, reason(e)));
    return undefined;
  }
}

/**
 * One repository's files, with their sizes, walked in name order: never into .git or
 * node_modules, never through a symbolic link, never into a folder that holds its own .git (a
 * submodule or another repository, which Linguist leaves out too), and no further than
 * MAX_FILES_PER_REPO files. Reads no file but the root .gitattributes.
 */
function listRepo(root: string, name: string, maxFiles: number, problems: Problem[]): RepoListing {
  const files: RepoListing['files'] = [];
  // Depth first, each folder's entries in name order, so that a cut-off keeps the same files every run.
  const stack: string[] = [''];
  let full = false;
  while (stack.length > 0 && !full) {
    const rel = stack.pop()!;
    const dir = rel === '' ? root : join(root, rel);
    const list = entries(dir, problems);
    if (rel !== '' && list.some((e) => e.name === '.git')) continue;
    const folders: string[] = [];
    for (const entry of list) {
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) folders.push(path);
        continue;
      }
      if (!entry.isFile()) continue;
      if (files.length >= maxFiles) {
        problems.push(problem(root, `holds more than ${grouped(maxFiles)} files; only the first ${grouped(maxFiles)} found, folder by folder in name order, were counted`));
        full = true;
        break;
      }
      try {
        files.push({ path, bytes: lstatSync(join(root, path)).size });
      } catch (e) {
        problems.push(problem(join(root, path), reason(e)));
      }
    }
    for (const folder of folders.reverse()) stack.push(folder);
  }
  files.sort((a, b) => byName(a.path, b.path));
  const attributes = attributesOf(root, problems);
  return { name, files, ...(attributes !== undefined ? { attributes } : {}) };
}

/**
 * The repositories of `--repos DIR`: DIR itself when it holds a .git, else each of its immediate
 * subfolders (but hidden ones and symbolic links), in name order. What could not be read is a
 * problem naming its path; the rest is listed all the same.
 */
export function listRepositories(dir: string, options: { maxFiles?: number } = {}): { repos: RepoListing[]; problems: Problem[] } {
  const maxFiles = options.maxFiles ?? MAX_FILES_PER_REPO;
  const problems: Problem[] = [];
  try {
    if (!statSync(dir).isDirectory()) return { repos: [], problems: [problem(dir, 'is not a folder', 'give --repos a folder of repositories, or one repository')] };
  } catch (e) {
    return { repos: [], problems: [problem(dir, (e as { code?: string }).code === 'ENOENT' ? 'does not exist' : reason(e), 'give --repos a folder of repositories, or one repository')] };
  }
  if (existsSync(join(dir, '.git'))) {
    return { repos: [listRepo(dir, basename(resolve(dir)), maxFiles, problems)], problems };
  }
  const repos = entries(dir, problems)
    .filter((e) => e.isDirectory() && !e.isSymbolicLink() && !e.name.startsWith('.'))
    .map((e) => listRepo(join(dir, e.name), e.name, maxFiles, problems));
  return { repos, problems };
}

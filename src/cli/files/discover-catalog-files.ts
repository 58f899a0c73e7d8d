import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, sep } from 'node:path';
import type { CatalogInput } from '../../core/discover/catalog/catalog.js';
import { MAX_FILE_BYTES } from '../../core/yaml/limits.js';
import type { Problem } from '../../core/text/problem.js';
import { plain } from './node-files.js';
import type { Io } from '../io.js';
import { readProblem } from '../read-problem.js';

/**
 * The edge of `discover --catalog`: the catalog files each path names, read as text. A path is a
 * catalog file, or a folder whose *.yaml and *.yml files (in its subfolders too) are read. The
 * walk is bounded, so a wrong folder (a home directory, a disk) is refused rather than read for
 * minutes: at most `files` YAML files in all, each at most 1 MiB, after looking at most at
 * `entries` names. Hidden files and folders (a name starting with ".") and node_modules are not
 * read. A symbolic link is followed only where it stays inside the folder named. Every file is
 * read once, however many paths lead to it, and the files come back sorted by name.
 */

export const CATALOG_LIMITS = { files: 10_000, entries: 200_000 } as const;

/** What the walk of one named path found: files to read, with the real path that identifies each. */
interface Found {
  name: string;
  real: string;
}

const isYaml = (name: string) => /\.ya?ml$/i.test(name);
const skipped = (name: string) => name.startsWith('.') || name === 'node_modules';
const inside = (real: string, root: string) => real === root || real.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

/** The YAML files under a folder, sorted by name; a problem when the folder breaks a limit. */
function walk(root: string, limits: { files: number; entries: number }, problems: Problem[]): Found[] {
  const problem = (file: string, message: string, suggestion?: string) => problems.push({ file, path: '', message, ...(suggestion ? { suggestion } : {}) });
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch (e) {
    problem(root, `cannot read: ${plain(e)}`);
    return [];
  }
  const found: Found[] = [];
  const seenDirs = new Set<string>([realRoot]);
  const queue: string[] = [root];
  let entries = 0;
  while (queue.length > 0) {
    const dir = queue.shift()!;
    let list: Dirent[];
    try {
      list = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problem(dir, `cannot read the folder: ${plain(e)}`);
      continue;
    }
    entries += list.length;
    if (entries > limits.entries) {
      problem(root, `the folder holds more than ${limits.entries.toLocaleString('en-US')} files and folders, so none of it was read`, 'name the folder that holds the catalog files');
      return [];
    }
    for (const entry of list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (skipped(entry.name)) continue;
      const path = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      let real = path;
      if (entry.isSymbolicLink()) {
        try {
          real = realpathSync(path);
          const st = statSync(real);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          if (isYaml(entry.name)) problem(path, `cannot read: ${plain(e)}`);
          continue;
        }
        if (!inside(real, realRoot)) {
          if (isDir || isYaml(entry.name)) problem(path, 'a symbolic link to a place outside the folder; not followed', 'copy what it points to into the folder, or name it with a --catalog of its own');
          continue;
        }
      } else if (isDir) {
        try {
          real = realpathSync(path);
        } catch (e) {
          problem(path, `cannot read the folder: ${plain(e)}`);
          continue;
        }
      }
      if (isDir) {
        // A link back up the tree would otherwise be walked for ever.
        if (!seenDirs.has(real)) {
          seenDirs.add(real);
          queue.push(path);
        }
      } else if (isFile && isYaml(entry.name)) {
        found.push({ name: path, real: entry.isSymbolicLink() ? real : path });
      }
    }
  }
  if (found.length > limits.files) {
    problem(root, `the folder holds more than ${limits.files.toLocaleString('en-US')} YAML files, so none of them was read`, 'name the folders that hold the catalog, each with its own --catalog');
    return [];
  }
  return found;
}

/**
 * The catalog files the paths name, read as text and sorted by name, each with the path the user
 * named as its source; what could not be read comes back as problems, one per file.
 */
export function readCatalogFiles(
  paths: readonly string[],
  readText: Io['readText'],
  limits: { files: number; entries: number } = CATALOG_LIMITS,
): { files: CatalogInput[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const candidates: (Found & { source: string })[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      problems.push({ file: path, path: '', message: `cannot read: ${plain(e)}` });
      continue;
    }
    if (isDir) candidates.push(...walk(path, limits, problems).map((f) => ({ ...f, source: path })));
    else candidates.push({ name: path, real: path, source: path });
  }
  // A file that two paths reach (a folder and a file in it, or a link) is read once, under the
  // first name in order: read twice, each of its entities would look like a duplicate.
  const byReal = new Map<string, (typeof candidates)[number]>();
  for (const c of candidates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    let real = c.real;
    try {
      real = realpathSync(c.real);
    } catch {
      // Reading it below says what is wrong.
    }
    if (!byReal.has(real)) byReal.set(real, c);
  }
  if (byReal.size > limits.files) {
    problems.push({ file: paths[0] ?? '.', path: '', message: `the paths hold more than ${limits.files.toLocaleString('en-US')} YAML files, so none of them was read`, suggestion: 'name fewer folders' });
    return { files: [], problems };
  }
  const files: CatalogInput[] = [];
  for (const c of byReal.values()) {
    let size = 0;
    try {
      size = statSync(c.name).size;
    } catch {
      // Reading it below says what is wrong.
    }
    if (size > MAX_FILE_BYTES) {
      problems.push({ file: c.name, path: '', message: `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, suggestion: 'a catalog file describes a few entities; leave this one out, or split it' });
      continue;
    }
    const got = readText(c.name);
    if ('error' in got) problems.push(readProblem(c.name, got, 'check that the catalog file can be read'));
    else files.push({ name: c.name, text: got.text, source: c.source });
  }
  return { files, problems };
}

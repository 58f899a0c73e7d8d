import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from './helpers.js';

const version = (JSON.parse(execFileSync('git', ['-C', ROOT, 'show', ':package.json'], { encoding: 'utf8' })) as { version: string }).version;
/** The tag a release of this version has, which the README's recipes name. */
export const RELEASE_TAG = `v${version}`;

/** git with an identity and no signing, whatever the machine's configuration. */
export const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

let made: string | undefined;

/**
 * A git repository holding this working tree as it would be committed (the tracked files and the
 * new ones git does not ignore, nothing built since), tagged as the release of its version: what a
 * user clones, adds as a submodule or names to pre-commit. Made once per test file.
 */
export function repositoryCopy(): string {
  if (made) return made;
  const dir = mkdtempSync(join(tmpdir(), 'mesh-assess-repo-'));
  const files = execFileSync('git', ['-C', ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' }).split('\0');
  for (const file of files) {
    const stat = file ? lstatSync(join(ROOT, file), { throwIfNoEntry: false }) : undefined;
    // A file deleted but not yet staged is not part of the tree; a link is not ours to copy.
    if (!stat?.isFile()) continue;
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(dir, file));
  }
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'mesh-assess');
  git(dir, 'tag', RELEASE_TAG);
  made = dir;
  return dir;
}

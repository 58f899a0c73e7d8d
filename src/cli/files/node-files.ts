import {
  accessSync,
  chmodSync,
  chownSync,
  closeSync,
  constants,
  fstatSync,
  linkSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import type * as ChildProcesses from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { isatty } from 'node:tty';
import { MAX_FILE_BYTES } from '../../core/yaml/limits.js';

/**
 * The CLI's file system edge: reads that cannot hang or run away, writes that are whole or
 * nothing and never land on an input, a device or someone else's file, and errors in plain words.
 */

const ERRNO: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'the system does not permit it',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ELOOP: 'the path has too many symbolic links (or a loop of them)',
  ENAMETOOLONG: 'the name is too long for the file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
  EIO: 'the device reported an input/output error',
  EXDEV: 'the path crosses file systems',
  EBUSY: 'the file is busy',
  EFBIG: 'the file is too large',
  EINVAL: 'the path is not valid here',
  EEXIST: 'the file exists',
};

/** A system error in plain words, never its raw code. */
export const plain = (e: unknown) => ERRNO[(e as NodeJS.ErrnoException).code ?? ''] ?? 'an unexpected error from the system';

/** Identities (device and inode) of every file read in this run, so that no output replaces one. */
const read = new Set<string>();
const identity = (st: { dev: number; ino: number }) => `${st.dev}:${st.ino}`;

/** What a path is, in words, when it is not a regular file. */
function kindOf(st: ReturnType<typeof fstatSync>): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'it is a directory, not a file';
  if (st.isFIFO()) return 'it is a named pipe, not a file';
  if (st.isSocket()) return 'it is a socket, not a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'it is a device, not a file';
  return 'it is not a regular file';
}

export type ReadResult = { bytes: Buffer } | { error: string; suggestion?: string };

/**
 * Reads a regular file of at most `limit` bytes. Opened without blocking, so a named pipe with no
 * writer is refused rather than waited on; checked on the open descriptor, so a device or pipe is
 * refused before a byte is read; and never more than limit + 1 bytes, whatever the size says.
 */
export function readRegular(path: string, limit = MAX_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  }
  try {
    const st = fstatSync(fd);
    const kind = kindOf(st);
    if (kind) return { error: `cannot read: ${kind}` };
    const tooLarge = { error: `the file is larger than ${limit / 1024} KiB`, suggestion: 'questionnaires and rubric files are a few KiB; check that this is the right file' };
    if (st.size > limit) return tooLarge;
    // Read in chunks until the end, sized by stat but not trusting it: a file that grows, or one
    // whose size the system reports as 0, still stops at limit + 1 bytes.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      // First the size stat gives, plus one byte to see the end; then chunks, for a file that
      // grew or one (in /proc, say) whose size reads as 0.
      const want = Math.min(total === 0 && st.size > 0 ? st.size + 1 : 64 * 1024, limit + 1 - total);
      const chunk = Buffer.allocUnsafe(want);
      const got = readSync(fd, chunk, 0, want, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > limit) return tooLarge;
      // A regular file of known size that reads short has ended.
      if (st.size > 0 && got < want) break;
    }
    read.add(identity(st));
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  } finally {
    closeSync(fd);
  }
}

/**
 * The YAML files of a directory, sorted: the rubric files (every .yaml and .yml but the tests), or
 * with `tests` the rubric tests (*.test.yaml, *.test.yml); anything else is not read.
 */
export function listYaml(dir: string, tests = false): { files: string[] } | { error: string } {
  try {
    if (!statSync(dir).isDirectory()) return { error: 'not a directory' };
    const wanted = (n: string) => /\.ya?ml$/.test(n) && /\.test\.ya?ml$/.test(n) === tests;
    return { files: readdirSync(dir).filter(wanted).sort().map((n) => join(dir, n)) };
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  }
}

/** Temporary files this process has made and not yet moved into place, for cleanup on a signal. */
const pending = new Set<string>();
let counter = 0;

/** Removes the temporary files still pending; never throws. */
export function cleanPending(): void {
  for (const tmp of pending) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing more can be done about a file the system will not let us remove.
    }
    pending.delete(tmp);
  }
}

/** The signals that stop a run. */
const STOPPING = ['SIGHUP', 'SIGINT', 'SIGTERM'] as const;
type Stopping = (typeof STOPPING)[number];
let guarded = false;

/**
 * A signal that came while a temporary file could exist. A run is synchronous, so Node calls this
 * only once the write in progress has finished; it removes what is still pending, then stops
 * listening and raises the signal again, so that the run dies by it as it would have without a
 * listener (a shell sees 128 + its number).
 */
function interrupted(signal: Stopping): void {
  cleanPending();
  for (const s of STOPPING) process.removeListener(s, interrupted);
  // With no listener left, the default action applies again; a signal a process sends itself is
  // delivered before kill returns.
  process.kill(process.pid, signal);
}

/**
 * Listens for the signals that stop a run while a temporary file exists, and only then: a listener
 * replaces the signal's default action, and Node calls it only between pieces of synchronous work,
 * so a listener left in place would keep a busy run from stopping. They are removed once the event
 * loop has polled for I/O, which is where Node hears of a signal, so that one that came during the
 * write is never dropped.
 */
function guardSignals(): void {
  if (guarded) return;
  guarded = true;
  for (const s of STOPPING) process.on(s, interrupted);
  setImmediate(() => {
    for (const s of STOPPING) process.removeListener(s, interrupted);
    guarded = false;
  });
}

type WriteError = { error: string; exists?: boolean };

/** Why writing failed, in plain words: a missing part of the path is a missing directory. */
const cannotWrite = (e: unknown): WriteError => ({ error: `cannot write: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such directory' : plain(e)}` });

/**
 * The first half of a whole write: checks the target, then writes the text to a temporary file
 * with a short name beside it, to be moved into place. Refuses a target that is an input of this
 * run, that is not a regular file, or that exists and is not ours to write; a target reached
 * through a symbolic link is written where the link points, and keeps its permissions.
 */
function stage(path: string, text: string, overwrite: boolean, update = false): { tmp: string; target: string } | WriteError {
  let target = path;
  let mode: number | undefined;
  let owner: { uid: number; gid: number } | undefined;
  try {
    const st = statSync(path);
    if (read.has(identity(st)) && !update) return { error: 'cannot write: this file is an input of this run, and writing would replace it' };
    const kind = kindOf(st);
    if (kind) return { error: `cannot write: ${kind}` };
    if (!overwrite) return { error: 'cannot write: the file exists', exists: true };
    accessSync(path, constants.W_OK);
    target = realpathSync(path);
    mode = st.mode & 0o7777;
    owner = { uid: st.uid, gid: st.gid };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return { error: `cannot write: ${plain(e)}` };
  }
  const tmp = join(dirname(target), `.mesh-assess-${process.pid}-${++counter}.tmp`);
  pending.add(tmp);
  try {
    const fd = openSync(tmp, 'wx', mode ?? 0o666);
    try {
      const bytes = Buffer.from(text, 'utf8');
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(tmp, mode);
    // Replacing a file keeps its owner where the system lets us (as root, another user's file
    // stays theirs); otherwise the new file is the writer's, as any editor's save would make it.
    if (owner && (owner.uid !== process.getuid?.() || owner.gid !== process.getgid?.())) {
      try {
        chownSync(tmp, owner.uid, owner.gid);
      } catch {
        // Not permitted: the writer may write the file but not give it away.
      }
    }
    return { tmp, target };
  } catch (e) {
    return cannotWrite(e);
  }
}

/**
 * Writes every file whole, or none of them. Each is checked and written to a temporary file beside
 * it first (see stage); only when all are written are they moved into place. Without overwrite a
 * file is linked into place, which fails if something appeared there meanwhile, and the files
 * already placed by this write are taken back; with it, the moves are renames within a directory,
 * which fail only on a fault of the system itself.
 */
export function writeAll(files: readonly { path: string; text: string }[], { overwrite, update = false }: { overwrite: boolean; update?: boolean }): { ok: true } | (WriteError & { path: string }) {
  guardSignals();
  try {
    const staged: { tmp: string; target: string; path: string }[] = [];
    for (const { path, text } of files) {
      const s = stage(path, text, overwrite, update);
      if ('error' in s) return { ...s, path };
      // Two of the files in one place: the last would replace the others.
      if (staged.some((t) => resolve(t.target) === resolve(s.target))) return { error: 'cannot write: another file of this write goes to the same place', path };
      staged.push({ ...s, path });
    }
    const placed: string[] = [];
    for (const { tmp, target, path } of staged) {
      try {
        if (overwrite) renameSync(tmp, target);
        else linkSync(tmp, target);
        placed.push(target);
      } catch (e) {
        if (!overwrite) for (const made of placed) rmSync(made, { force: true });
        return { ...cannotWrite(e), path };
      }
    }
    return { ok: true };
  } finally {
    cleanPending();
  }
}

/** Writes the whole text or nothing, as writeAll does for one file. */
export function writeWhole(path: string, text: string, options: { overwrite: boolean; update?: boolean }): { ok: true } | WriteError {
  const written = writeAll([{ path, text }], options);
  if ('ok' in written) return written;
  const { path: _, ...error } = written;
  return error;
}

/** Why an existing path is no place to append (a pipe, a device, a directory); null when it is a file or absent. */
export function notAFile(path: string): string | null {
  try {
    return kindOf(statSync(path));
  } catch {
    return null;
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `text` to a standard stream's descriptor (1 or 2), synchronously, and returns the
 * error that stopped it, if one did. Node's own stdout writes through a stream object, whose
 * set-up costs a cold start several milliseconds. A pipe that its other end left non-blocking
 * answers EAGAIN while it is full: the write waits a moment and goes on, as a blocking one would.
 */
export function writeStd(fd: 1 | 2, text: string): NodeJS.ErrnoException | null {
  const bytes = Buffer.from(text, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return e as NodeJS.ErrnoException;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
  return null;
}

/**
 * Standard input, whole, at most `limit` bytes. A terminal is refused: nothing would come until a
 * person typed. A non-blocking pipe with nothing in it yet is waited on, as a blocking read would.
 */
export function readStdin(limit = MAX_FILE_BYTES): ReadResult {
  const tooLarge = { error: `standard input is larger than ${limit / 1024} KiB`, suggestion: 'questionnaires are a few KiB; check what is piped in' };
  try {
    if (isTerminal(0)) return { error: 'cannot read: standard input is a terminal, not a questionnaire', suggestion: 'pipe one in: mesh-assess - < org.yaml' };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      let got: number;
      try {
        got = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 5);
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
      if (total > limit) return tooLarge;
    }
    return { bytes: Buffer.concat(chunks, total) };
  } catch (e) {
    return { error: `cannot read standard input: ${plain(e)}` };
  }
}

/** The device number of the null device, or null where there is none to stat (Windows). */
let nullDevice: number | null | undefined;
function nullDeviceId(): number | null {
  if (nullDevice === undefined) {
    try {
      const st = statSync('/dev/null');
      nullDevice = st.isCharacterDevice() ? st.rdev : null;
    } catch {
      nullDevice = null;
    }
  }
  return nullDevice;
}

/**
 * Whether a descriptor is a terminal. Only a character device can be, and never the null device
 * (output thrown away, as a gate run that wants only the exit code does), so neither a file, a
 * pipe nor /dev/null loads tty, which brings Node's net and stream modules with it (milliseconds
 * of every such start).
 */
export function isTerminal(fd: number): boolean {
  const st = fstatSync(fd);
  if (!st.isCharacterDevice()) return false;
  if (st.rdev === nullDeviceId()) return false;
  return isatty(fd);
}

/**
 * Streams a file (or standard input, for `-`) of any size to `onChunk`, a mebibyte at a time, for
 * evidence too large to hold: a cluster's export can run to a gigabyte. The same refusals as
 * readRegular (no directory, device or named pipe; a terminal on standard input is refused), no
 * limit on size. `onChunk` returns false to stop early.
 */
export function streamBytes(path: string, onChunk: (bytes: Uint8Array) => boolean | void): { ok: true } | { error: string; suggestion?: string } {
  const stdin = path === '-';
  let fd: number;
  try {
    if (stdin && isTerminal(0)) return { error: 'cannot read: standard input is a terminal', suggestion: 'pipe the export in: kubectl get ... -o json | mesh-assess discover --kube -' };
    fd = stdin ? 0 : openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  }
  try {
    if (!stdin) {
      const kind = kindOf(fstatSync(fd));
      if (kind) return { error: `cannot read: ${kind}` };
    }
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (stdin && code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 5);
          continue;
        }
        if (code === 'EOF') break;
        throw e;
      }
      if (got === 0) break;
      if (onChunk(chunk.subarray(0, got)) === false) break;
    }
    if (!stdin) read.add(identity(fstatSync(fd)));
    return { ok: true };
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  } finally {
    if (!stdin) closeSync(fd);
  }
}

/**
 * The files under a directory, sorted, their paths relative to it, for evidence kept as a folder
 * (rendered manifests, catalog files). Links are not followed, `.git` and `node_modules` are
 * skipped, and at most `limit` names are listed: past it, an error says so.
 */
export function listFiles(dir: string, wanted: (name: string) => boolean, limit = 10_000): { files: string[] } | { error: string; suggestion?: string } {
  try {
    if (!statSync(dir).isDirectory()) return { error: 'not a directory' };
    const out: string[] = [];
    const walk = (rel: string): boolean => {
      for (const e of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const path = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (e.name === '.git' || e.name === 'node_modules') continue;
          if (!walk(path)) return false;
        } else if (e.isFile() && wanted(e.name)) {
          out.push(path);
          if (out.length > limit) return false;
        }
      }
      return true;
    };
    if (!walk('')) return { error: `more than ${limit.toLocaleString('en-US')} files`, suggestion: 'name a narrower folder' };
    return { files: out };
  } catch (e) {
    return { error: `cannot read: ${plain(e)}` };
  }
}

/**
 * Runs a program (never through a shell) and hands its standard output over as it comes; its
 * standard error is kept for the message when it fails. Killed when it runs past `timeoutMs`.
 * Resolves, never rejects.
 */
export function runStreaming(program: string, args: readonly string[], onChunk: (bytes: Uint8Array) => void, timeoutMs: number): Promise<{ ok: true } | { error: string }> {
  // Loaded here, on first use: no other run needs child processes.
  const { spawn } = process.getBuiltinModule('node:child_process') as typeof ChildProcesses;
  return new Promise((resolve) => {
    let stderr = '';
    let timedOut = false;
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => onChunk(b));
    child.stderr.on('data', (b: Buffer) => {
      if (stderr.length < 4096) stderr += b.toString('utf8');
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ error: (e as NodeJS.ErrnoException).code === 'ENOENT' ? `${program} is not on the PATH` : `cannot run ${program}: ${plain(e)}` });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ error: `${program} did not finish within ${timeoutMs / 1000} s` });
      else if (code !== 0) resolve({ error: `${program} failed: ${stderr.trim().split('\n')[0] || `exit ${code}`}` });
      else resolve({ ok: true });
    });
  });
}

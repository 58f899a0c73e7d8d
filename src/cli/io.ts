import type { Rubric } from '../core/rubric/rubric.js';

/** Everything the CLI needs from the outside world, so that it can be run in a test. */
export interface Io {
  /** The file as UTF-8 text; an error (located when it is about the bytes) otherwise. */
  readText(path: string): { text: string } | { error: string; line?: number; col?: number; suggestion?: string };
  /** Standard input as UTF-8 text, for a questionnaire named "-"; absent where there is none to read. */
  readStdin?(): { text: string } | { error: string; line?: number; col?: number; suggestion?: string };
  /** The rubric files of a directory: its .yaml and .yml files but the rubric tests. */
  listRubricFiles(dir: string): { files: string[] } | { error: string };
  /** The rubric tests of a directory: its *.test.yaml and *.test.yml files. */
  listTestFiles?(dir: string): { files: string[] } | { error: string };
  /** Writes the whole text or nothing (through a temporary file renamed into place). */
  /** `update` allows replacing a file this run read, as discover --into does to the questionnaire it fills; nothing else may. */
  writeText(path: string, text: string, options: { overwrite: boolean; update?: boolean }): { ok: true } | { error: string };
  /** Writes every file whole, or none of them; an error names the file that stopped the write. */
  writeAll(files: readonly { path: string; text: string }[], options: { overwrite: boolean }): { ok: true } | { error: string; path: string; exists?: boolean };
  appendText(path: string, text: string): { ok: true } | { error: string };
  /** A file of any size (or standard input, for `-`) in chunks, for evidence too large to hold; onChunk returns false to stop. */
  streamBytes?(path: string, onChunk: (bytes: Uint8Array) => boolean | void): { ok: true } | { error: string; suggestion?: string };
  /** Runs a program, never through a shell, streaming its standard output; killed past the timeout. */
  runStreaming?(program: string, args: readonly string[], onChunk: (bytes: Uint8Array) => void, timeoutMs: number): Promise<{ ok: true } | { error: string }>;
  /** The files under a directory that `wanted` accepts by name, relative to it, sorted; an error when it is no directory. */
  listFiles?(dir: string, wanted: (name: string) => boolean): { files: string[] } | { error: string; suggestion?: string };
  builtinRubrics: string;
  /** The questionnaire's JSON Schema as installed with this copy of mesh-assess, for init's editor modeline. */
  schemaFile?: string;
  /** The built-in rubric as validated at build time, when the build shipped it. */
  builtinRubric?: () => Rubric | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory, and whether a path exists: for paths relative to the repository root. */
  cwd?: () => string;
  /** Today's date, YYYY-MM-DD, from the system clock: read only to check waivers' expiry, and --today replaces it. */
  today?: () => string;
  exists?: (path: string) => boolean;
  /** The path with every symbolic link followed, or null when it does not exist. */
  realpath?: (path: string) => string | null;
  isTTY: boolean;
  /** The terminal's width in columns, when stdout is a terminal. */
  columns?: () => number | undefined;
  /** Asks one question in a terminal; null when input ends. Absent when stdin or stdout is no terminal. */
  prompt?: (question: string) => Promise<string | null>;
  stdout(s: string): void;
  stderr(s: string): void;
  version: string;
  /** The address of this version's rule documentation (docs/rules.md), when the package names its repository. */
  docsUrl?: string;
  /** The package's home page or repository, when the package names one. */
  homepage?: string;
}

/** Exit codes: 0 done, 1 a --fail-on condition was met, 2 bad input or usage. */
export const EXIT = { ok: 0, gateFailed: 1, badInput: 2 } as const;

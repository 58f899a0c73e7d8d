import type * as z from 'zod';
import type { Problem, Result } from '../text/problem.js';
import { didYouMean } from '../text/suggest.js';
import { locate, locateKeys, parseSource, type Source } from '../yaml/yaml-source.js';

/** A rubric file as read from disk: its name (for messages) and its text. */
export interface RubricFile {
  name: string;
  text: string;
}

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; element?: z.ZodType; valueType?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a path can lead to, looking through optionals and unions. */
function resolve(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === 'optional' || def.type === 'default') return resolve(def.innerType!);
  if (def.type === 'union') return def.options!.flatMap(resolve);
  return [schema];
}

/** The keys a mapping may have at `path` in data validated by `schema`: for did-you-mean. */
export function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let here = resolve(schema);
  for (const seg of path) {
    here = here.flatMap((s) => {
      const def = defOf(s);
      if (def.type === 'object') return def.shape?.[String(seg)] ? resolve(def.shape[String(seg)]!) : [];
      if (def.type === 'array') return resolve(def.element!);
      if (def.type === 'record') return resolve(def.valueType!);
      return [];
    });
  }
  return [...new Set(here.flatMap((s) => Object.keys(defOf(s).shape ?? {})))];
}

function issueToProblems(source: Source, schema: z.ZodType, issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const dotted = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = locateKeys(source, path, issue.keys);
    return issue.keys.map((key) => ({
      file: source.file,
      ...where.get(key),
      path: dotted ? `${dotted}.${key}` : key,
      message: `unknown key "${key}"`,
      suggestion: didYouMean(key, keysAt(schema, path)),
    }));
  }
  const message =
    issue.code === 'invalid_union' && path[path.length - 1] === 'effect'
      ? 'expected an effect: {axis: need|readiness, direction: up|down}, {gate: never-adopt|at-most-alternative} or {risk: true}'
      : issue.message.replace(/^Invalid input: /, '');
  return [{ file: source.file, ...locate(source, path), path: dotted, message }];
}

/** Parses and validates one rubric file; every problem comes back located. */
export function parseFile<T>(file: RubricFile, schema: z.ZodType<T>): Result<{ value: T; source: Source }> {
  const { source, problems } = parseSource(file.name, file.text);
  if (problems.length > 0) return { ok: false, problems };
  let raw: unknown;
  try {
    raw = source.doc.toJS({ maxAliasCount: 101 });
  } catch {
    return { ok: false, problems: [{ file: file.name, line: 1, col: 1, path: '', message: 'too many YAML aliases' }] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((i) => issueToProblems(source, schema, i)) };
  return { ok: true, value: { value: parsed.data, source } };
}

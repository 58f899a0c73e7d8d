import * as z from 'zod';
import type { BaselineAssessment } from '../../core/policy/baseline.js';
import type { Problem, Result } from '../../core/text/problem.js';
import { visibleDeep } from '../../core/text/safe-text.js';
import type { Io } from '../io.js';
import { readProblem } from '../read-problem.js';

/** What a baseline must hold of each assessment; any version of the JSON output has it, and more is ignored. */
const baselineSchema = () => {
  const one = z.object({
    file: z.string(),
    verdict: z.enum(['adopt', 'defer', 'alternative']),
    scores: z.object({ need: z.number(), readiness: z.number() }),
    gates: z.array(z.string()),
    reasons: z.array(z.object({ rule: z.string() })),
    unknowns: z.array(z.object({ path: z.string() })),
  });
  return { one, many: z.array(one).min(1) };
};

/** Reads --baseline: a JSON assessment or portfolio written earlier by mesh-assess --format json. */
export function readBaseline(io: Io, file: string): Result<BaselineAssessment[]> {
  const fail = (message: string, suggestion = 'write a baseline with mesh-assess FILE --format json -o FILE'): Result<BaselineAssessment[]> => ({ ok: false, problems: [{ file, path: '', message, suggestion } satisfies Problem] });
  const read = io.readText(file);
  // A read error keeps its own place and advice (bytes that are not UTF-8: save the file as UTF-8); the rest are about the path.
  if ('error' in read) return { ok: false, problems: [readProblem(file, read, 'check the path given to --baseline')] };
  let raw: unknown;
  try {
    raw = JSON.parse(read.text);
  } catch (e) {
    return fail(`not JSON: ${(e as Error).message}`);
  }
  const schemas = baselineSchema();
  // An array is a portfolio; anything else is checked as one assessment, so the first problem is specific.
  const parsed = (Array.isArray(raw) ? schemas.many : schemas.one).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.filter((p) => typeof p !== 'symbol').join('.');
    return fail(`not a mesh-assess JSON assessment or portfolio${where ? ` (${where}: ${issue.message.replace(/^Invalid input: /, '')})` : ''}`);
  }
  // Its file name, rule ids and paths reach the reports: controls in them are made visible once, here.
  const data = visibleDeep(parsed.data);
  return { ok: true, value: Array.isArray(data) ? data : [data] };
}

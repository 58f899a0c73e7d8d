import * as z from 'zod';
import { once } from '../../lazy/once.js';

/**
 * The table `discover --repos` reads a repository's languages with (rubrics/discover-languages.yaml):
 * what GitHub Linguist leaves out of a repository's languages (vendored, documentation and
 * generated paths), how a file whose extension several languages share is settled, which
 * languages build and deploy services rather than make them, and the names the questionnaire
 * gives Linguist's languages. The languages themselves (extensions, file names, types) come from
 * Linguist's languages.yml as the linguist-languages package ships it.
 */

/**
 * A pattern as Linguist writes one (a Ruby regular expression matched against the path from the
 * repository's root), with `(?i)` in front for one Linguist matches ignoring case. Null when this
 * runtime cannot read it.
 */
export function pathPattern(pattern: string): RegExp | null {
  const ignoreCase = pattern.startsWith('(?i)');
  try {
    return new RegExp(ignoreCase ? pattern.slice(4) : pattern, ignoreCase ? 'i' : '');
  } catch {
    return null;
  }
}

function build() {
  const text = z.string().min(1);
  /** The month a fact about the world was read from its source. */
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
  const estimate = z.strictObject({ basis: text });
  const pattern = text.refine((p) => pathPattern(p) !== null, 'not a regular expression this tool can read');
  /** Linguist's name for a language, as languages.yml spells it: "C#", "Go", "Objective-C++". */
  const linguistName = text;
  /** A name as the questionnaire writes languages: lower case, words joined by hyphens. */
  const questionnaireName = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a lower-case name such as csharp or objective-c');

  const patterns = z.strictObject({ estimate, as_of: month, patterns: z.array(pattern).min(1) });
  const languagesFileSchema = z.strictObject({
    /** Paths Linguist counts as someone else's code. */
    vendored: patterns,
    /** Paths Linguist counts as documentation. */
    documentation: patterns,
    /** Paths Linguist counts as generated, by the rules of its that read the path alone. */
    generated: patterns,
    /** Extensions too common to name a language alone: Linguist reads the file to decide. */
    generic_extensions: z.strictObject({ source: text, as_of: month, extensions: z.array(z.string().regex(/^\.[^/\s]+$/, 'an extension such as .sol')).min(1) }),
    /** The language Linguist's heuristics give a shared extension when the file's content decides nothing, where that is no programming language. */
    fallback: z.strictObject({ source: text, as_of: month, map: z.record(z.string().regex(/^\.[^/\s]+$/, 'an extension such as .md'), linguistName) }),
    /** Linguist's popular languages: where several languages list an extension first, the one popular language among them takes it. */
    popular: z.strictObject({ source: text, as_of: month, estimate, languages: z.array(linguistName).min(1) }),
    /** Languages that build, package, configure or deploy services rather than make them. */
    not_service_code: z.strictObject({ estimate, languages: z.array(linguistName).min(1) }),
    /** The questionnaire's name for a Linguist language whose name lower-cased, spaces as hyphens, is not one. */
    names: z.strictObject({ source: text, as_of: month, map: z.record(linguistName, questionnaireName) }),
  });
  return { languagesFileSchema };
}

type Schemas = ReturnType<typeof build>;

/** The schema of rubrics/discover-languages.yaml, built on first use as the other knowledge files'. */
export const languagesTableSchemas: () => Schemas = once(build);

export type LanguageTable = z.infer<Schemas['languagesFileSchema']>;

import * as z from 'zod';
import { once } from '../../lazy/once.js';
import { MESH_ADDRESSABLE_CAUSES, OTHER_CAUSES } from '../../questionnaire/schema.js';
import { rubricSchemas } from '../../rubric/schema.js';

/**
 * The knowledge file behind the incident source of `discover` (rubrics/discover-incidents.yaml):
 * the starter map from the category names incident tools and teams use to the nine causes the
 * questionnaire counts, and the column layouts of the incident exports whose documentation names
 * them. It is data like any other knowledge file: a company replaces it whole with its own file of
 * the same name in an --extend directory.
 */

/** The nine causes of incidents.causes, in the questionnaire's order. */
export const CAUSES = [...MESH_ADDRESSABLE_CAUSES, ...OTHER_CAUSES] as const;
export type Cause = (typeof CAUSES)[number];

/**
 * A category name as the map matches it: compared without regard to case, to spaces at either
 * end, or to how words are separated (spaces, hyphens and underscores all count as one space).
 * "Third-party", "third party" and "THIRD_PARTY" are one category; "database" and "data base" are two.
 */
export const categoryKey = (name: string): string =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]+/gu, ' ')
    .trim();

function build() {
  const { estimateSchema } = rubricSchemas();
  const text = z.string().min(1);
  /** The month a fact about the world was read from its source. */
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

  /**
   * One category name and the cause it counts under. `source` names a page that uses the name
   * (an incident tool's documented categories, say) with the month it was read; `estimate` gives
   * the reasoning where placing it under a cause is the project's judgement. At least one of the two.
   */
  const categorySchema = z
    .strictObject({
      name: text.refine((s) => categoryKey(s) !== '', 'a category name with a letter or digit in it'),
      cause: z.enum(CAUSES),
      source: text.optional(),
      as_of: month.optional(),
      estimate: estimateSchema.optional(),
    })
    .refine((c) => (c.source === undefined) === (c.as_of === undefined), 'give a source the month it was read (as_of), and an as_of its source')
    .refine((c) => c.source !== undefined || c.estimate !== undefined, 'give the category a source (a page that uses the name) or an estimate with its basis');

  /**
   * How one tool's incident export is laid out, as its documentation says: which column holds the
   * category and which the date, for --cause-column and --date-column.
   */
  const exportSchema = z.strictObject({
    tool: text,
    /** How the export is made, in the tool's own words. */
    export: text,
    cause_column: text,
    date_column: text,
    date_format: text.optional(),
    note: text.optional(),
    source: text,
    as_of: month,
  });

  const fileSchema = z
    .strictObject({
      categories: z.array(categorySchema).min(1),
      exports: z.array(exportSchema),
    })
    .superRefine((file, ctx) => {
      const seen = new Map<string, number>();
      file.categories.forEach((c, i) => {
        const key = categoryKey(c.name);
        const first = seen.get(key);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['categories', i, 'name'], message: `"${c.name}" is the same category as entry ${first + 1} ("${file.categories[first]!.name}") once case and spaces are ignored` });
        else seen.set(key, i);
      });
    });
  return { categorySchema, exportSchema, fileSchema };
}

type IncidentSchemas = ReturnType<typeof build>;

/** The schemas of the incident table, built on first use, as the other knowledge files' are. */
export const incidentSchemas: () => IncidentSchemas = once(build);

export type IncidentTable = z.infer<IncidentSchemas['fileSchema']>;
export type IncidentCategory = IncidentTable['categories'][number];
export type IncidentExport = IncidentTable['exports'][number];

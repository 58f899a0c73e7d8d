import * as z from 'zod';
import { once } from '../../lazy/once.js';
import { PROTOCOLS } from '../../questionnaire/schema.js';

/**
 * The table behind `discover --catalog` (rubrics/discover-catalog.yaml): which entities it reads,
 * which Component types are services, which tags name a language, and what protocol each API type
 * speaks. Facts about Backstage and about languages, each with its page and month.
 */

/** A tag as Backstage allows one: sequences of [a-z0-9:+#] joined by "-", at most 63 characters. */
export const TAG = /^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$/;

/** Whether an apiVersion (group/version) belongs to the group or one of its subgroups. */
export function inGroup(apiVersion: string, group: string): boolean {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return false;
  const g = apiVersion.slice(0, slash);
  return g === group || g.endsWith(`.${group}`);
}

function build() {
  const text = z.string().min(1);
  const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
  /** A fact about the world: the page it was read from and the month it was read. */
  const fact = { source: text, as_of: month };
  const tag = z.string().max(63).regex(TAG, 'a Backstage tag: lower-case letters, digits, ":", "+" or "#", in parts joined by "-"');
  // The questionnaire's own spelling of a language, as its examples write them: go, csharp, cpp.
  const language = z.string().regex(/^[a-z][a-z0-9+#-]*$/, 'a lower-case language name such as go or csharp');
  const type = z.string().min(1).regex(/^\S+$/, 'a type as the catalog writes it, with no spaces');

  const entitiesSchema = z
    .strictObject({
      /** The API group whose apiVersions (and its subgroups') mark a Backstage entity. */
      api_group: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'an API group such as backstage.io'),
      /** The apiVersions whose entities are read; the others are counted. */
      read: z.array(z.string().regex(/^[a-z0-9.-]+\/[a-z0-9]+$/, 'an apiVersion such as backstage.io/v1alpha1')).min(1),
      ...fact,
    })
    .superRefine((e, ctx) => {
      e.read.forEach((v, i) => {
        if (!inGroup(v, e.api_group)) ctx.addIssue({ code: 'custom', path: ['read', i], message: `"${v}" is not in the API group ${e.api_group}` });
      });
    });
  const serviceTypeSchema = z.strictObject({ type, ...fact });
  const languageSchema = z.strictObject({ language, tags: z.array(tag).min(1), note: text.optional(), ...fact });
  const apiTypeSchema = z.strictObject({
    type,
    protocol: z.enum(PROTOCOLS),
    /** Whether a consumer calls the API and waits (a hop of services.call_depth), or sends it messages. */
    synchronous: z.boolean(),
    note: text.optional(),
    ...fact,
  });

  const catalogTableSchema = z
    .strictObject({
      entities: entitiesSchema,
      service_types: z.array(serviceTypeSchema).min(1),
      languages: z.array(languageSchema).min(1),
      api_types: z.array(apiTypeSchema).min(1),
    })
    .superRefine((t, ctx) => {
      // A word the table names twice would make its meaning depend on the order of the list.
      const unique = (values: readonly { value: string; path: (string | number)[] }[], what: string) => {
        const seen = new Set<string>();
        for (const v of values) {
          const key = v.value.toLowerCase();
          if (seen.has(key)) ctx.addIssue({ code: 'custom', path: v.path, message: `the ${what} "${v.value}" is listed twice` });
          seen.add(key);
        }
      };
      unique(t.entities.read.map((value, i) => ({ value, path: ['entities', 'read', i] })), 'apiVersion');
      unique(t.service_types.map((s, i) => ({ value: s.type, path: ['service_types', i, 'type'] })), 'service type');
      unique(t.languages.map((l, i) => ({ value: l.language, path: ['languages', i, 'language'] })), 'language');
      unique(t.languages.flatMap((l, i) => l.tags.map((value, j) => ({ value, path: ['languages', i, 'tags', j] }))), 'tag');
      unique(t.api_types.map((a, i) => ({ value: a.type, path: ['api_types', i, 'type'] })), 'API type');
    });
  return { catalogTableSchema };
}

/** The table's schema, built on first use like the other knowledge files' schemas. */
export const catalogTableSchemas: () => ReturnType<typeof build> = once(build);

export type CatalogTable = z.infer<ReturnType<typeof build>['catalogTableSchema']>;

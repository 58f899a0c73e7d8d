import * as z from 'zod';
import { questionnaireSchemas } from './schema.js';

/**
 * The questionnaire's JSON Schema, generated from the zod schema so the two cannot drift. Draft 7,
 * which editors (the YAML language server among them) support best; every field carries the
 * question it answers as its description, so the editor shows it on hover.
 */
export function questionnaireJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(questionnaireSchemas().questionnaire, { target: 'draft-07' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'mesh-assess questionnaire, format version 1',
    description: 'One organisation, described for mesh-assess. Leave out what you do not know: unknown is never read as no or zero.',
    ...rest,
  };
}

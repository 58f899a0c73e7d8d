import { questionnaireShapeOf } from '../core/questionnaire/shape-of.js';

/**
 * Build step: prints the questionnaire's schema as plain data (shape.ts), read off the zod schema,
 * for the bundle to carry, so that a run checks a valid file without building the zod schema.
 */
process.stdout.write(`${JSON.stringify(questionnaireShapeOf())}\n`);

import { ASSESSMENT_SCHEMA_VERSION } from '../../core/report/assessment-version.js';
import type { Renderer } from '../context.js';

/**
 * The assessment itself as stable two-space JSON; for several files named, an array of those
 * assessed, whatever their number, so a consumer's parsing does not depend on which files failed.
 * Each carries the version of its shape (mesh-assess schema assessment prints the shape).
 */
export const renderJson: Renderer = (as, ctx) => {
  const versioned = as.map((a) => ({ schemaVersion: ASSESSMENT_SCHEMA_VERSION, config: ctx.config ?? null, rubric: ctx.rubric ?? null, ...a }));
  return `${JSON.stringify(ctx.several ? versioned : versioned[0], null, 2)}\n`;
};

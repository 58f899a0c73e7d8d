import type { Renderer } from './index.js';

/**
 * The assessment itself as stable two-space JSON; for several files named, an array of those
 * assessed, whatever their number, so a consumer's parsing does not depend on which files failed.
 */
export const renderJson: Renderer = (as, ctx) => `${JSON.stringify(ctx.several ? as : as[0], null, 2)}\n`;

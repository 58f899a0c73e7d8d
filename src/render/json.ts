import type { Assessment } from '../core/assessment.js';

/** The assessment itself as stable two-space JSON; an array of them for several files. */
export const renderJson = (as: readonly Assessment[]): string => `${JSON.stringify(as.length === 1 ? as[0] : as, null, 2)}\n`;

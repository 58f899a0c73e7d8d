import type { Assessment } from '../core/assessment.js';

/** The assessment itself, as stable two-space JSON. */
export const renderJson = (a: Assessment): string => `${JSON.stringify(a, null, 2)}\n`;

import type { Assessment } from '../core/assessment.js';
import { renderJson } from './json.js';
import { renderTerminal } from './terminal.js';

export interface RenderOptions {
  color: boolean;
}

export type Renderer = (a: Assessment, options: RenderOptions) => string;

export const FORMATS = ['terminal', 'json'] as const;
export type Format = (typeof FORMATS)[number];

/** One renderer per output format; the CLI's --format choices come from these keys. */
export const renderers = {
  terminal: renderTerminal,
  json: renderJson,
} satisfies Record<Format, Renderer>;

import type { Renderer } from './context.js';
import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTerminal } from './terminal.js';

export type { RenderContext, Renderer } from './context.js';

export const FORMATS = ['terminal', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** One renderer per output format; the CLI's --format choices come from these keys. */
export const renderers = {
  terminal: renderTerminal,
  json: renderJson,
  markdown: renderMarkdown,
  sarif: renderSarif,
  junit: renderJunit,
  github: renderGithub,
} satisfies Record<Format, Renderer>;

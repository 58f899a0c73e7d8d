import type { Renderer } from './context.js';
import { renderGithub } from './formats/github.js';
import { renderJson } from './formats/json.js';
import { renderJunit } from './formats/junit.js';
import { renderMarkdown } from './formats/markdown.js';
import { renderSarif } from './formats/sarif.js';
import { renderTerminal } from './terminal/terminal.js';

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

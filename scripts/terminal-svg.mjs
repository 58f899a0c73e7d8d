// Draws a coloured terminal report as an SVG picture: a dark terminal window, the command at its
// prompt, then the output with the colours and weights the CLI gave it. Text stays text (it can be
// searched and copied), and the same output always gives the same picture, so a test can keep the
// README's picture current.
import { execFileSync } from 'node:child_process';

const FONT = { size: 14, line: 19, advance: 8.43 };
const PAD = 18;
const COLOURS = { fg: '#e6edf3', bg: '#0d1117', dim: '#8b949e', 32: '#3fb950', 33: '#d29922', 36: '#39c5cf' };

const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * One line of output as tspans: each run of non-blank characters placed at its own column (viewers
 * differ on keeping spaces), with the colour and weight its SGR codes gave it. Only the codes the
 * CLI writes are known: bold, dim, green, yellow, cyan and their resets.
 */
function line(text) {
  const out = [];
  const state = { bold: false, dim: false, colour: null };
  let column = 0;
  for (const [i, part] of text.split(/\u001b\[([0-9;]*)m/).entries()) {
    if (i % 2 === 1) {
      for (const code of part.split(';').map(Number)) {
        if (code === 0) Object.assign(state, { bold: false, dim: false, colour: null });
        else if (code === 1) state.bold = true;
        else if (code === 2) state.dim = true;
        else if (code === 22) Object.assign(state, { bold: false, dim: false });
        else if (code === 39) state.colour = null;
        else if (code in COLOURS) state.colour = code;
      }
      continue;
    }
    const fill = state.colour ? COLOURS[state.colour] : state.dim ? COLOURS.dim : null;
    const attrs = [fill ? ` fill="${fill}"` : '', state.bold ? ' font-weight="bold"' : ''].join('');
    for (const run of part.split(/( +)/)) {
      if (run !== '' && !run.startsWith(' ')) out.push(`<tspan x="${(PAD + column * FONT.advance).toFixed(1)}"${attrs}>${escape(run)}</tspan>`);
      column += [...run].length;
    }
  }
  return out.join('');
}

/** The SVG of a terminal showing `command` and its coloured `output`, `columns` wide. */
export function terminalSvg(command, output, columns) {
  const lines = [line(`\u001b[32m$\u001b[39m ${command}`), '', ...output.replace(/\n$/, '').split('\n').map(line)];
  const width = Math.ceil(columns * FONT.advance + 2 * PAD);
  const height = Math.ceil(lines.length * FONT.line + 2 * PAD + 8);
  const text = lines.map((l, i) => `<text y="${PAD + 14 + i * FONT.line}">${l}</text>`).join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escape(command)}">
<rect width="100%" height="100%" rx="8" fill="${COLOURS.bg}"/>
<g font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="${FONT.size}" fill="${COLOURS.fg}">
${text}
</g>
</svg>
`;
}

/** The default report of `example` (a path from `cwd`) from the built CLI at `cli`, in colour at 80 columns, as an SVG. */
export function reportSvg(cli, example, cwd = process.cwd()) {
  const env = { PATH: process.env.PATH ?? '', FORCE_COLOR: '1', COLUMNS: '80' };
  const output = execFileSync(process.execPath, [cli, example], { cwd, encoding: 'utf8', env });
  return terminalSvg(`mesh-assess ${example}`, output, 80);
}

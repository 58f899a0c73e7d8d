import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fields } from '../src/core/questionnaire/fields.js';
import { reportSvg } from '../scripts/terminal-svg.mjs';
import { ASSESSMENT_SCHEMA_VERSION } from '../src/core/report/assessment-version.js';
import { sketchJson } from './json-sketch.js';
import { CLI, ROOT, examples, runMain } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('the README', () => {
  it('opens with the two set-up commands', () => {
    const firstScreen = readme.split('\n').slice(0, 25).join('\n');
    expect(firstScreen).toContain('npm install && npx mesh-assess examples/acme-payments.yaml\nnpm test\n');
  });

  it('documents every questionnaire field in docs/questionnaire.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/questionnaire.md'), 'utf8');
    for (const f of fields().values()) if (f.kind !== 'section') expect(doc, f.path).toContain(`\`${f.path}\``);
  });

  it('stays a guide a newcomer finishes: at most 350 lines, the rest in docs/', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(350);
  });

  it('explains the "Why (N of M)" heading with the figures of the picture above it', () => {
    const [, shown, of] = /\*\*Why \((\d+) of (\d+)\)\*\*/.exec(readme) ?? [];
    expect(runMain(['examples/acme-payments.yaml']).stdout).toContain(`Why (${shown} of ${of})`);
  });

  it('shows the whole default report of the command it names', () => {
    const [, command, sample] = /A `defer`, from\s+`npx (mesh-assess [^`]+)`, its whole default report:\n\n```text\n([\s\S]*?)```/.exec(readme) ?? [];
    expect(command).toBe('mesh-assess examples/no-standing-budget.yaml');
    expect(sample).toBe(runMain(command!.split(' ').slice(1)).stdout);
  });

  it("shows a picture of the first command's report, drawn from its current output", () => {
    const [, picture] = /^This is what the first command prints[^\n]*\n\n!\[[^\]]+\]\((docs\/[\w.-]+\.svg)\)/m.exec(readme) ?? [];
    expect(picture).toBe('docs/report.svg');
    expect(readme).toMatch(/^npm install && npx mesh-assess examples\/acme-payments\.yaml$/m);
    expect(readFileSync(join(ROOT, picture!), 'utf8')).toBe(reportSvg(CLI, 'examples/acme-payments.yaml', ROOT));
  });

  it('lists every example', () => {
    for (const e of examples()) expect(readme).toContain(`\`${e}\``);
  });
});

describe('docs/json.md on the JSON output', () => {
  it('shows a cut-down real run of the command it names, and the current schema version', () => {
    const doc = readFileSync(join(ROOT, 'docs/json.md'), 'utf8');
    const [, sample] = /<summary>The output of <code>mesh-assess examples\/no-standing-budget\.yaml --format json<\/code>[^\n]*\n\n```json\n([\s\S]*?)```/.exec(doc) ?? [];
    expect(sample).toBe(`${sketchJson(JSON.parse(runMain(['examples/no-standing-budget.yaml', '--format', 'json']).stdout))}\n`);
    expect(doc).toContain(`(now \`${ASSESSMENT_SCHEMA_VERSION}\`)`);
  });
});

describe('the README command list', () => {
  it('names only commands that mesh-assess --help lists', () => {
    const [, block] = /## Commands\n\n```text\n([\s\S]*?)```/.exec(readme) ?? [];
    const help = runMain(['--help']).stdout;
    const named = [...block!.matchAll(/^mesh-assess (\w+)/gm)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(5);
    for (const c of named) expect(help, c).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});

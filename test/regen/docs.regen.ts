// Writes every file the tests hold equal to the sources: the rubric docs, the schemas, the
// built-in rubric tests, the generated blocks of the README and docs/, and the README's picture. Run by `npm run docs`
// (never by `npm test`, which checks the same files and fails while any is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { ASSESSMENT_SCHEMA_VERSION } from '../../src/core/report/assessment-version.js';
import { listRubric } from '../../src/core/rubric/listing.js';
import { catalogueSection, sourcesMarkdown } from '../../src/render/rubric-list.js';
import { reportSvg } from '../../scripts/terminal-svg.mjs';
import { builtinTestsYaml } from '../fixtures.js';
import { CLI, ROOT, rubric, runMain } from '../helpers.js';
import { sketchJson } from '../json-sketch.js';
import { perHopTable } from '../per-hop-table.js';

const out = (args: string[]) => {
  const r = runMain(args);
  if (r.code !== 0) throw new Error(`mesh-assess ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
};

/** Replaces the one match of `pattern`'s second group, failing loudly when the document's shape moved. */
function replaceBlock(text: string, pattern: RegExp, body: string): string {
  const m = pattern.exec(text);
  if (!m) throw new Error(`generated block not found: ${pattern}`);
  const start = m.index + m[1]!.length;
  return text.slice(0, start) + body + text.slice(start + m[2]!.length);
}

it('regenerates the docs', () => {
  const write = (path: string, text: string) => writeFileSync(join(ROOT, path), text);
  write('docs/rules.md', out(['explain', '--all', '--format', 'markdown']));
  write('docs/rubrics.md', out(['rubrics', '--format', 'markdown']));
  write('docs/sources.md', sourcesMarkdown(rubric().knowledge.sources!));
  write('schema/questionnaire.schema.json', out(['schema']));
  write('schema/assessment.schema.json', out(['schema', 'assessment']));
  write('rubrics/builtin.test.yaml', builtinTestsYaml());
  write('docs/report.svg', reportSvg(CLI, 'examples/acme-payments.yaml', ROOT));

  let readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  readme = replaceBlock(readme, /(A `defer`, from\s+`npx mesh-assess examples\/no-standing-budget\.yaml`, its whole default report:\n\n```text\n)([\s\S]*?)```/, out(['examples/no-standing-budget.yaml']));
  write('README.md', readme);

  let json = readFileSync(join(ROOT, 'docs/json.md'), 'utf8');
  json = replaceBlock(json, /(<summary>The output of <code>mesh-assess examples\/no-standing-budget\.yaml --format json<\/code>[^\n]*\n\n```json\n)([\s\S]*?)```/, `${sketchJson(JSON.parse(out(['examples/no-standing-budget.yaml', '--format', 'json'])))}\n`);
  json = replaceBlock(json, /(\(now `)([\d.]+)`\)/, ASSESSMENT_SCHEMA_VERSION);
  write('docs/json.md', json);

  let catalogue = readFileSync(join(ROOT, 'docs/catalogue.md'), 'utf8');
  catalogue = replaceBlock(catalogue, /(^# The mesh catalogue\n\n)([\s\S]*?)\n\n\*\*What the proxies add to a hop/, catalogueSection(listRubric(rubric())).join('\n'));
  catalogue = replaceBlock(catalogue, /(\n\n)(\| mesh \| layer 4 only \| with layer 7 \| proxies counted from \|[\s\S]*?)\n\n/, perHopTable());
  write('docs/catalogue.md', catalogue);
});

// Writes every file the tests hold equal to the sources: the rubric docs, the schemas, the
// built-in rubric tests, the README's generated blocks and its picture. Run by `npm run docs`
// (never by `npm test`, which checks the same files and fails while any is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'vitest';
import { ASSESSMENT_SCHEMA_VERSION } from '../../src/core/assessment-version.js';
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

/** Replaces the one match of `pattern`'s second group, failing loudly when the README's shape moved. */
function replaceBlock(text: string, pattern: RegExp, body: string): string {
  const m = pattern.exec(text);
  if (!m) throw new Error(`README block not found: ${pattern}`);
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
  readme = replaceBlock(readme, /(<summary>The output of <code>mesh-assess examples\/no-standing-budget\.yaml --format json<\/code>[^\n]*\n\n```json\n)([\s\S]*?)```/, `${sketchJson(JSON.parse(out(['examples/no-standing-budget.yaml', '--format', 'json'])))}\n`);
  readme = replaceBlock(readme, /(\(now `)([\d.]+)`\)/, ASSESSMENT_SCHEMA_VERSION);
  readme = replaceBlock(readme, /(## The mesh catalogue\n\n)([\s\S]*?)\n\n\*\*What the proxies add to a hop/, catalogueSection(listRubric(rubric())).join('\n'));
  readme = replaceBlock(readme, /(\n\n)(\| mesh \| layer 4 only \| with layer 7 \| proxies counted from \|[\s\S]*?)\n\n/, perHopTable());
  write('README.md', readme);
});

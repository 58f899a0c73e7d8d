import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/render/index.js';
import { examples, rubric, runMain } from './helpers.js';

const EXT = { terminal: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'xml', github: 'txt' } as const;

/**
 * The output of every format for every example, saved under test/__snapshots__/ (NO_COLOR, version
 * 0.0.0). A change of output shows up as a diff here; `npx vitest run -u` accepts it. The rubric
 * set's digest stands as a placeholder of the same width, so that a change to a rubric's text
 * alone (a comment, a source) does not rewrite every snapshot; test/trust.test.ts checks the digest.
 */
const digest = () => rubric().digest!;
const snap = (text: string) => text.replaceAll(digest(), '<rubric set digest, SHA-256>').replaceAll(digest().slice(0, 12), '<rubric set>');
describe.each(FORMATS)('%s snapshots', (format) => {
  it.each(examples())('%s', async (file) => {
    const r = runMain(['--format', format, file]);
    expect(r.code).toBe(0);
    await expect(snap(r.stdout)).toMatchFileSnapshot(`__snapshots__/${format}/${basename(file, '.yaml')}.${EXT[format]}`);
  });

  it('a portfolio of every example', async () => {
    await expect(snap(runMain(['--format', format, ...examples()]).stdout)).toMatchFileSnapshot(`__snapshots__/${format}/portfolio.${EXT[format]}`);
  });
});

describe.each(['terminal', 'markdown'] as const)('%s --detail snapshots', (format) => {
  it.each(examples())('%s', async (file) => {
    const r = runMain(['--format', format, '--detail', file]);
    expect(r.code).toBe(0);
    await expect(snap(r.stdout)).toMatchFileSnapshot(`__snapshots__/${format}-detail/${basename(file, '.yaml')}.${EXT[format]}`);
  });
});

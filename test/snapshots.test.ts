import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../src/render/index.js';
import { examples, runMain } from './helpers.js';

const EXT = { terminal: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'xml', github: 'txt' } as const;

/**
 * The output of every format for every example, saved under test/__snapshots__/ (NO_COLOR, version
 * 0.0.0). A change of output shows up as a diff here; `npx vitest run -u` accepts it.
 */
describe.each(FORMATS)('%s snapshots', (format) => {
  it.each(examples())('%s', async (file) => {
    const r = runMain(['--format', format, file]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`__snapshots__/${format}/${basename(file, '.yaml')}.${EXT[format]}`);
  });

  it('a portfolio of every example', async () => {
    await expect(runMain(['--format', format, ...examples()]).stdout).toMatchFileSnapshot(`__snapshots__/${format}/portfolio.${EXT[format]}`);
  });
});

describe.each(['terminal', 'markdown'] as const)('%s --detail snapshots', (format) => {
  it.each(examples())('%s', async (file) => {
    const r = runMain(['--format', format, '--detail', file]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`__snapshots__/${format}-detail/${basename(file, '.yaml')}.${EXT[format]}`);
  });
});

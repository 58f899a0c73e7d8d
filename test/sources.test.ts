// Every output names a source as a reader can find it (product.md: "the source's title and section
// in plain words ... never an internal number alone"), and docs/sources.md lists them all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citedByTitle } from '../src/core/rubric/load.js';
import { sourcesMarkdown } from '../src/render/rubric-list.js';
import { examples, ROOT, rubric, runMain } from './helpers.js';

const INTERNAL = /\bseed \d{3}\b/i;
const FORMATS = ['terminal', 'markdown', 'json', 'sarif', 'junit', 'github'];

describe('sources are cited by title', () => {
  it('docs/sources.md is generated from rubrics/sources.yaml', () => {
    expect(readFileSync(join(ROOT, 'docs', 'sources.md'), 'utf8')).toBe(sourcesMarkdown(rubric().knowledge.sources!));
  });

  it('every source a rubric file cites is listed', () => {
    const listed = new Set(rubric().knowledge.sources!.map((s) => s.id));
    const dir = join(ROOT, 'rubrics');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.yaml') && x !== 'sources.yaml')) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/\bseed \d{3}\b/gi)) expect(listed.has(m[0].toLowerCase()), `${f}: ${m[0]}`).toBe(true);
    }
  });

  it.each(examples())('no report, summary or format of %s names a source by its internal number', (file) => {
    for (const format of FORMATS) {
      const r = runMain([file, '--format', format, '--detail']);
      expect(r.stdout, format).not.toMatch(INTERNAL);
      // A citation by title is there to be found.
      if (format === 'json') expect(r.stdout).toMatch(/Service Mesh — Staff §|Learn Kubernetes, Service Mesh lesson §|When a Mesh Helps/);
    }
    expect(runMain(['summary', file]).stdout).not.toMatch(INTERNAL);
    expect(runMain(['summary', file, '--html']).stdout).not.toMatch(INTERNAL);
  });

  it('nor does explain, the rubric listing or the schema', () => {
    for (const args of [['explain', '--all'], ['explain', '--all', '--format', 'markdown'], ['rubrics'], ['rubrics', '--format', 'markdown'], ['rubrics', '--format', 'json'], ['schema', 'assessment']]) {
      const r = runMain(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).not.toMatch(INTERNAL);
    }
  });

  it('replaces an id with the name a reader looks up, and leaves a set without a source list as written', () => {
    const list = rubric().knowledge.sources!;
    expect(citedByTitle({ source: { document: 'seed 000', section: '§9; Seed 002 §22' } }, list)).toEqual({ source: { document: 'Service Mesh — Staff', section: '§9; Learn Kubernetes, Service Mesh lesson §22' } });
    expect(citedByTitle({ a: 'seed 000 §9' }, undefined)).toEqual({ a: 'seed 000 §9' });
    // An id the list does not hold stays as it is, so a custom rubric's own citations survive.
    expect(citedByTitle('seed 999 §1', list)).toBe('seed 999 §1');
  });
});

// Every link of the README and docs/ leads somewhere: a file of the repository, and where the link
// names a heading, a heading of that file, spelt as GitHub makes its anchors.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md')).map((n) => `docs/${n}`)];

/** The text outside fenced code blocks, where Markdown makes links. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```$/gm, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');

const anchors = (text: string) => new Set([...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]!.trim())));

/** Every relative link target of a Markdown text: [text](target) and ![alt](target). */
const links = (text: string) => [...prose(text).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:/i.test(t));

describe('documentation links', () => {
  it('finds the README and the documents it leads to', () => {
    expect(DOCS).toEqual(expect.arrayContaining(['README.md', 'docs/verdict.md', 'docs/ci.md', 'docs/catalogue.md', 'docs/json.md', 'docs/rubric-authoring.md', 'docs/performance.md']));
  });

  it('spells anchors as GitHub does', () => {
    expect(anchor('Trust: what a pull request can change')).toBe('trust-what-a-pull-request-can-change');
    expect(anchor('The questionnaire, format version 1')).toBe('the-questionnaire-format-version-1');
    expect(anchor('Output: the `JSON` shape')).toBe('output-the-json-shape');
  });

  it.each(DOCS)('%s: every link resolves', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    for (const target of links(text)) {
      const [path, hash] = target.split('#') as [string, string | undefined];
      const file = path === '' ? join(ROOT, doc) : join(ROOT, dirname(doc), decodeURIComponent(path));
      expect(existsSync(file), `${doc} links to ${target}, which is not in the repository`).toBe(true);
      expect(relative(ROOT, file).startsWith('..'), `${doc} links outside the repository: ${target}`).toBe(false);
      if (hash !== undefined) {
        expect(statSync(file).isFile() && file.endsWith('.md'), `${doc}: ${target} names a heading of a file that has none`).toBe(true);
        expect([...anchors(readFileSync(file, 'utf8'))], `${doc} links to ${target}`).toContain(hash);
      }
    }
  });

  it('the README leads to every document in docs/', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const doc of DOCS.filter((d) => d !== 'README.md')) expect(links(readme), doc).toContain(doc);
  });
});

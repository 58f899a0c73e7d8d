// Pins for the glob matcher of waivers (matchesGlob in src/core/policy/waivers.ts): what each
// wildcard matches, how a run of them is shortened, and that a match needs the whole path. Each
// row is one glob and one path, with the answer the old regular expression gave (see
// config-waivers.test.ts, which holds the matcher to it on random globs through the built CLI's
// suite); the comment above a group names the mutations its rows catch.
import { describe, expect, it } from 'vitest';
import { matchesGlob } from '../src/core/policy/waivers.js';

const rows = (table: [string, string, boolean][]) => table.map(([glob, path, match]) => ({ glob, path, match }));

describe('a glob matches the whole path', () => {
  // Mutations pinned: the final `seen[n] === path.length` made true, or `!==`; the early return
  // when no state is left removed or made to answer true; a literal piece compared with `!==`.
  it.each(rows([
    ['', '', true],
    ['', 'a', false],
    ['a', 'a', true],
    ['a', 'b', false],
    ['a', 'ab', false],
    ['ab', 'a', false],
    ['a.yaml', 'axyaml', false],
  ]))('$glob on "$path": $match', ({ glob, path, match }) => {
    expect(matchesGlob(glob, path)).toBe(match);
  });
});

describe('* and ?', () => {
  // Mutations pinned: `*` allowed across a slash (`ch !== '/'` made true or `===`), `?` allowed to
  // match a slash or nothing, `*` not allowed to match nothing (the step that reaches the piece
  // after a wildcard removed).
  it.each(rows([
    ['*', '', true],
    ['*.yaml', 'org.yaml', true],
    ['*.yaml', 'arch/org.yaml', false],
    ['*', 'a/b', false],
    ['*', '/', false],
    ['*/b', 'a/b', true],
    ['a*', 'a/', false],
    ['a*b*c', 'abxbc', true],
    ['?', '', false],
    ['?', 'a', true],
    ['?', '/', false],
    ['?', 'ab', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['*?', '', false],
    ['*?', 'a', true],
    ['?*', 'a/b', false],
  ]))('$glob on "$path": $match', ({ glob, path, match }) => {
    expect(matchesGlob(glob, path)).toBe(match);
  });
});

describe('** and **/', () => {
  // Mutations pinned: `**` not told apart from `*` (the check of the next character removed),
  // `**/` read as `**` (its `glob[i + 2] === '/'` made false) or skipping one character too few,
  // the states inside a `**/` never left at a slash (`ch === '/'` made false) or left at any
  // character, and `**/` not allowed to match nothing.
  it.each(rows([
    ['**', '', true],
    ['**', '/', true],
    ['**', 'a/b/c', true],
    ['a/**', 'a/', true],
    ['a/**', 'a', false],
    ['a/**', 'a/b/c', true],
    ['a**', 'a/b', true],
    ['**b', 'a/b', true],
    ['**b', 'ab/c', false],
    ['**/x', 'x', true],
    ['**/x', '/x', true],
    ['**/x', 'a/x', true],
    ['**/x', 'a/b/x', true],
    ['**/x', 'ax', false],
    ['**/x', 'a/xx', false],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a//b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'ab', false],
    ['a/**/b', 'a/xb', false],
    ['**/', '', true],
    ['**/', 'a/', true],
    ['**/', 'a', false],
    ['*/**', 'a', false],
    ['*/**', 'a/', true],
  ]))('$glob on "$path": $match', ({ glob, path, match }) => {
    expect(matchesGlob(glob, path)).toBe(match);
  });
});

describe('a run of wildcards', () => {
  // Mutations pinned: in pieces(), a `*` beside a `**` kept (it would stop the `**` at a slash),
  // the wildcards before a `**` not dropped, and a `?` after a `*` dropped as if it were one.
  it.each(rows([
    ['***', 'a/b', true],
    ['a***b', 'a/x/b', true],
    ['*a**', 'x/a/y', false],
    ['**?', 'a/b', true],
    ['**/**/x', 'x', true],
    ['**/**/x', 'a/b/x', true],
  ]))('$glob on "$path": $match', ({ glob, path, match }) => {
    expect(matchesGlob(glob, path)).toBe(match);
  });
});

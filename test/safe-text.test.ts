import { describe, expect, it } from 'vitest';
import { escapeMarkdown, isVisible, visible } from '../src/core/text/safe-text.js';
import { markdownTable } from '../src/render/text.js';

describe('visible(): invisible characters from input are shown', () => {
  it.each([
    ['a zero-width space', 'Acme\u200bPay', 'Acme\\u200BPay'],
    ['a word joiner', 'Acme\u2060Pay', 'Acme\\u2060Pay'],
    ['a byte order mark inside the text', 'Acme\ufeffPay', 'Acme\\uFEFFPay'],
    ['a soft hyphen', 'Acme\u00adPay', 'Acme\\xADPay'],
    ['an invisible times operator', 'a\u2062b', 'a\\u2062b'],
    ['tag characters that spell hidden text', 'ok\u{e0069}\u{e0067}', 'ok\\u{E0069}\\u{E0067}'],
    ['a right-to-left override', 'txt.\u202egpj', 'txt.\\u202Egpj'],
    ['an Arabic letter mark', 'a\u061cb', 'a\\u061Cb'],
    ['a line separator', 'one\u2028::error::two', 'one\\u2028::error::two'],
    ['a paragraph separator', 'one\u2029two', 'one\\u2029two'],
    ['ESC, BEL and a newline', 'a\u001b[2J\u0007\n::error::b', 'a\\x1B[2J\\x07\\n::error::b'],
  ])('%s', (_, text, shown) => {
    expect(visible(text)).toBe(shown);
    expect(isVisible(text)).toBe(false);
    expect(isVisible(visible(text))).toBe(true);
  });

  it.each([
    ['a family emoji, joined by U+200D', '\u{1f468}\u200d\u{1f469}\u200d\u{1f467}'],
    ['a Persian word that needs U+200C', 'می\u200cخواهم'],
    ['a Devanagari conjunct shaped with U+200D', 'क्\u200dष'],
    ['rule ids', 'retry-stacking no-platform-team kubernetes-not-mature'],
    ['dates', '2027-06-30'],
    ['names', 'Acme Payments, Zürich; 株式会社; Ærø Ålborg; O\'Brien & Co. <ops>'],
    ['paths and globs', 'services/**/*.yaml examples/acme-payments.yaml'],
    ['a visible escape written earlier', 'Evil\\x1B[2J\\u202E'],
  ])('%s: unchanged', (_, text) => {
    expect(visible(text)).toBe(text);
    expect(isVisible(text)).toBe(true);
  });
});

/** Every closing bracket of a link and opening bracket of an image stands after an odd run of backslashes. */
const noLinkOrImage = (md: string) => {
  for (const m of md.matchAll(/(\\*)(\][([:]|(?<=!)\[)/g)) expect(m[1]!.length % 2, `${md} at ${m.index}`).toBe(1);
};

describe('escapeMarkdown(): no image, link or tag from input', () => {
  it.each([
    ['an image', 'Acme ![logo](https://e.example/pixel.png)', 'Acme !\\[logo\\](https://e.example/pixel.png)'],
    ['an inline link', 'see [our plan](https://e.example/phish)', 'see [our plan\\](https://e.example/phish)'],
    ['a link with a title', '[x](https://e.example "t")', '[x\\](https://e.example "t")'],
    ['a full reference link', '[click][r]', '[click\\][r]'],
    ['a collapsed reference link', '[click][]', '[click\\][]'],
    ['a link reference definition', '[click]: https://e.example', '[click\\]: https://e.example'],
    ['a footnote definition', '[^1]: https://e.example', '[^1\\]: https://e.example'],
    ['an image inside a link', '[![i](https://e.example/i.png)](https://e.example)', '[!\\[i\\](https://e.example/i.png)\\](https://e.example)'],
    ['a bracket already escaped by the input', 'a \\](b)', 'a \\](b)'],
    ['a backslash from input before the bracket, which would undo one more', '[a\\\\](https://e.example)', '[a\\\\\\](https://e.example)'],
    ['a tag', 'Acme <img src=x onerror=alert(1)>', 'Acme &lt;img src=x onerror=alert(1)>'],
    ['an autolink', '<https://e.example>', '&lt;https://e.example>'],
  ])('%s', (_, text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
    noLinkOrImage(escapeMarkdown(text));
  });

  // Each would hide a link from an escape that trusted every pair of backticks it found.
  it.each([
    ['a run of three backticks that closes nothing', '```[x](https://e.example)`'],
    ['a backtick escaped by a backslash', '\\`[x](https://e.example)`'],
    ['a backtick that pairs with one on the line before', 'a ` b\n`[x](https://e.example)` c'],
    ['backticks in two table cells', '| `a | [x](https://e.example)` |'],
    ['a backslash before a pipe between two cells', '| `a \\\\| [x](https://e.example)` |'],
  ])('a backtick from input cannot hide a link as code: %s', (_, text) => {
    noLinkOrImage(escapeMarkdown(text));
    expect(escapeMarkdown(text)).not.toMatch(/(?<!\\)\]\(/);
  });

  it('a backtick from input cannot hide a tag as code', () => {
    expect(escapeMarkdown('```<img src=x>`')).toBe('```&lt;img src=x>`');
  });

  it.each([
    ['brackets that form nothing', 'languages: [go, java] (line 3); traffic.canary=[a, b] -> defer'],
    ['a comparison', 'fewer than < 10 services & < 3 teams'],
    ['code spans, which keep what they hold', 'Check: `mesh-assess org.yaml --set a=[x](y) <b>` and `&amp;`'],
    ['a table row with code', '| +10 need | `retry-stacking` | retries stack | services.count=8 (line 10) |'],
  ])('ordinary text is unchanged: %s', (_, text) => {
    expect(escapeMarkdown(text)).toBe(text);
  });
});

describe('markdownTable(): a cell from input cannot end early', () => {
  it.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['a backslash before a pipe', 'a\\|b', 'a\\|b'],
    ['two backslashes before a pipe', 'a\\\\|b', 'a\\\\\\|b'],
  ])('%s', (_, text, cell) => {
    expect(markdownTable(['h'], [[text]])[2]).toBe(`| ${cell} |`);
  });
});

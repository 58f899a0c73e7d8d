import { describe, expect, it } from 'vitest';
import { isVisible, visible } from '../src/core/safe-text.js';

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

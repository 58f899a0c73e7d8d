import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isMap, isSeq, LineCounter, parseDocument, stringify, type Node } from 'yaml';
import { readPlainYaml } from '../src/core/yaml/plain-yaml.js';
import { loadQuestionnaire } from '../src/core/questionnaire/load.js';
import { fields } from '../src/core/questionnaire/fields.js';
import { exampleTexts, mutatedWith, NOISE, questionnaire } from './arbitraries.js';

const RUNS = Math.ceil(Number(process.env.FUZZ_CASES ?? 600) / 4);
const TIMEOUT = 10_000 + RUNS * 20;
let cases = 0;
afterAll(() => {
  // Reached only when every property held: a failure stops fast-check with its counterexample.
  console.log(`quick reader against the full parser: ${cases} cases, 0 failures`);
});

/** What the full parser makes of the text: its value and where every node starts, or its errors. */
function full(text: string) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) return undefined;
  const starts = new Map<string, { line: number; col: number }>();
  const walk = (node: unknown, path: string) => {
    if (!node || typeof node !== 'object' || !('range' in node)) return;
    const range = (node as Node).range;
    if (range) starts.set(path, lines.linePos(range[0]));
    const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (isMap(node)) for (const pair of node.items) walk(pair.value, at(String((pair.key as { value?: unknown }).value)));
    if (isSeq(node)) node.items.forEach((item, i) => walk(item, at(i)));
  };
  walk(doc.contents, '');
  return { value: doc.toJS({ maxAliasCount: 100 }) as unknown, starts };
}

/** The quick reader either declines or agrees with the full parser on every value and position. */
function agrees(text: string): 'read' | 'declined' {
  const quick = readPlainYaml(text);
  if (!quick) return 'declined';
  const slow = full(text);
  expect(slow, 'the quick reader read a text the full parser rejects').toBeDefined();
  expect(quick.value).toStrictEqual(slow!.value);
  expect(Object.fromEntries(quick.starts)).toStrictEqual(Object.fromEntries(slow!.starts));
  return 'read';
}

/** The road the CLI takes (quick reader when it can) and the full parser give the same questionnaire. */
function sameLoad(text: string): void {
  const quick = loadQuestionnaire('q.yaml', text);
  const slow = loadQuestionnaire('q.yaml', text, [], { plain: false });
  expect(quick.ok).toBe(slow.ok);
  if (!quick.ok || !slow.ok) {
    expect(quick).toStrictEqual(slow);
    return;
  }
  const { anchorOf: qa, ...q } = quick.value;
  const { anchorOf: sa, ...s } = slow.value;
  expect(q).toStrictEqual(s);
  for (const path of fields().keys()) expect(qa(path), path).toStrictEqual(sa(path));
}

// Ways a person or a tool may write the same questionnaire.
const style = fc.record({
  document: fc.constantFrom('block', 'block', 'mixed', 'json', 'json-indented', 'yaml-flow'),
  indent: fc.constantFrom(2, 4),
  flow: fc.boolean(),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE'),
  compact: fc.boolean(),
  comments: fc.boolean(),
});

function written(data: unknown, s: { document: string; indent: number; flow: boolean; quote: string; compact: boolean; comments: boolean }): string {
  if (s.document === 'json') return JSON.stringify(data);
  if (s.document === 'json-indented') return `${JSON.stringify(data, null, s.indent)}\n`;
  if (s.document === 'yaml-flow') return stringify(data, { indent: s.indent, collectionStyle: 'flow', defaultStringType: s.quote as 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' });
  // Block keys at the top, each section's answers as one flow mapping on its line, as people
  // often write by hand: `services: { count: 140, languages: [java, go] }`.
  if (s.document === 'mixed') {
    return `${Object.entries(data as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${stringify(v, { collectionStyle: 'flow', lineWidth: 0, flowCollectionPadding: s.compact, defaultStringType: s.quote as 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE', defaultKeyType: 'PLAIN' }).trimEnd()}${s.comments ? '  # answers' : ''}`)
      .join('\n')}\n`;
  }
  let text = stringify(data, {
    indent: s.indent,
    indentSeq: !s.compact,
    collectionStyle: s.flow ? 'any' : 'block',
    flowCollectionPadding: false,
    defaultStringType: s.quote as 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE',
    defaultKeyType: 'PLAIN',
  });
  if (s.flow) text = text.replace(/^( *\w+:)\n((?: *- .*\n)+)/gm, (_m, key: string, items: string) => `${key} [${items.trim().split('\n').map((l) => l.trim().slice(2)).join(', ')}]\n`);
  if (s.comments) text = text.split('\n').map((l, i) => (i % 3 === 0 ? `# note ${i}\n${l}` : i % 3 === 1 && /\w$/.test(l) ? `${l}  # why`  : l)).join('\n');
  return text;
}

/** The examples as JSON on one line, as indented JSON, and in YAML's flow style. */
const flowTexts = exampleTexts.flatMap((text) => {
  const data = parseDocument(text).toJS() as unknown;
  return [JSON.stringify(data), `${JSON.stringify(data, null, 2)}\n`, stringify(data, { collectionStyle: 'flow' })];
});

/** Answers as people write them: words for free text, numbers with a few decimals. */
function tidy(node: unknown): unknown {
  if (typeof node === 'string') return /^[A-Za-z][\w .@-]*$/.test(node) && !node.endsWith(' ') ? node : 'some text';
  if (typeof node === 'number') return Math.round(node * 100) / 100;
  if (Array.isArray(node)) return node.map(tidy);
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tidy(v)]));
  return node;
}

describe('the quick YAML reader', () => {
  it('reads every shipped example, agreeing with the full parser', () => {
    for (const text of exampleTexts) {
      expect(agrees(text)).toBe('read');
      sameLoad(text);
    }
  });

  it.each([
    ['a date stays a string', 'org:\n  assessed_on: 2026-11-01\n', { org: { assessed_on: '2026-11-01' } }],
    ['numbers, signs and booleans', 'a: -3\nb: 1.50\nc: +7\nd: true\ne: FALSE\nf: ~\n', { a: -3, b: 1.5, c: 7, d: true, e: false, f: null }],
    ['a sequence at its key\'s indentation', 'l:\n- go\n- "java"\nn: 1\n', { l: ['go', 'java'], n: 1 }],
    ['comments everywhere', '# top\na:   # after a key\n  # inside\n  b: x y # after a value\n', { a: { b: 'x y' } }],
    ['a flow list with quotes', "l: [go, 'java', \"c#\"]  # langs\n", { l: ['go', 'java', 'c#'] }],
    ['characters a plain scalar may hold', "a: it's a#b \"quoted\" ok\n", { a: 'it\'s a#b "quoted" ok' }],
    ['a document that is JSON', '{"a":1,"b":{"c":[1,"x",true,null]},"d":"2026-11-01"}\n', { a: 1, b: { c: [1, 'x', true, null] }, d: '2026-11-01' }],
    ['indented JSON', '{\n  "a": [\n    "go"\n  ],\n  "b": {}\n}\n', { a: ['go'], b: {} }],
    ['a YAML flow mapping', "{ a: 1, 'b': [x, y], c: { d: -2.5 } }", { a: 1, b: ['x', 'y'], c: { d: -2.5 } }],
    ['a quote doubled inside single quotes', "a: 'O''Reilly Media'\nb: ['it''s', x]\n", { a: "O'Reilly Media", b: ["it's", 'x'] }],
    ["JSON's escapes in double quotes", 'a: "quote \\" inside"\nb: "Tab\\tSep"\nc: "caf\\u00e9 \\\\ \\/"\n', { a: 'quote " inside', b: 'Tab\tSep', c: 'caf\u00e9 \\ /' }],
    ['plain text starting with a digit', 'a: 50% off\nb: 3 regions  # note\nc: [24/7 on call, 2 teams, 3M]\nd: 1_000\ne: 1:30\n', { a: '50% off', b: '3 regions', c: ['24/7 on call', '2 teams', '3M'], d: '1_000', e: '1:30' }],
    ['escapes, doubled quotes and digits in a flow mapping', '{"a": "x\\u0041\\n", "b": \'it\'\'s\', c: 50% off}', { a: 'xA\n', b: "it's", c: '50% off' }],
    ['block keys with flow mappings as values', 'version: 1\nservices: { count: 140, languages: [java, go] }  # the fleet\norg:\n  name: Acme\n  extra: {a: {b: "x y"}, c: []}\n', { version: 1, services: { count: 140, languages: ['java', 'go'] }, org: { name: 'Acme', extra: { a: { b: 'x y' }, c: [] } } }],
  ])('reads %s', (_what, text, value) => {
    expect(readPlainYaml(text)?.value).toStrictEqual(value);
    agrees(text);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a flow mapping that runs onto the next line', 'a: {b: 1,\n  c: 2}\n'],
    ['a flow mapping with a comment inside', 'a: {b: 1, # c\n}\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a tab', 'a:\t1\n'],
    ['a carriage return', 'a: 1\r\n'],
    ['a byte order mark', '\ufeffa: 1\n'],
    ['an escape JSON does not have', 'a: "x\\x41"\n'],
    ['an escape cut short', 'a: "x\\u12"\n'],
    ['a line break escaped', 'a: "x\\\n  y"\n'],
    ['a single-quoted scalar running onto the next line', "a: 'it''s\n  more'\n"],
    ['an octal number', 'a: 0o17\n'],
    ['a number with a dot and no decimals', 'a: 1.\n'],
    ['a multi-line scalar', 'a: one\n  two\n'],
    ['a document marker', '---\na: 1\n'],
    ['a hexadecimal number', 'a: 0x1F\n'],
    ['an exponent', 'a: 1e9\n'],
    ['infinity', 'a: .inf\n'],
    ['an empty value', 'a:\nb: 1\n'],
    ['a nested list', 'a: [[1]]\n'],
    ['a list of mappings', 'a:\n  - b: 1\n'],
    ['a key __proto__', '__proto__: 1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a scalar root', 'just text\n'],
    ['an empty file', ''],
    ['a trailing comma', 'a: [1, 2,]\n'],
    ['a bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a flow mapping with a trailing comma', '{"a": 1,}'],
    ['a flow mapping and a comment', '{"a": 1} # note\n'],
    ['a plain key with no space after its colon', '{a:1}'],
    ['a space before a quoted key\'s colon', '{"a" : 1}'],
    ['a multi-line plain scalar in a flow mapping', '{"a": one\n two}'],
    ['an escape JSON does not have, in a flow mapping', '{"a": "x\\e"}'],
    ['a quoted scalar running onto the next line in a flow mapping', '{"a": "x\n y"}'],
    ['a duplicate key in a flow mapping', '{"a": 1, "a": 2}'],
    ['a flow key __proto__', '{"__proto__": {"x": 1}}'],
    ['an anchor in a flow mapping', '{a: &x 1, b: *x}'],
    ['an empty value in a flow mapping', '{a: , b: 1}'],
    ['a pair in a flow sequence', '{a: [b: 1]}'],
    ['a second document after a flow mapping', '{a: 1}\n---\n{a: 2}\n'],
    ['an unclosed flow mapping', '{"a": 1'],
  ])('leaves %s to the full parser', (_what, text) => {
    expect(readPlainYaml(text)).toBeUndefined();
  });

  it('reads every shipped example written as JSON, indented JSON and YAML flow style, agreeing with the full parser', () => {
    for (const text of flowTexts) {
      expect(agrees(text), text.slice(0, 80)).toBe('read');
      sameLoad(text);
    }
  });

  it('declines or agrees on random edits of the examples in flow style', () => {
    const noise = [...NOISE, '{', '}', '[', ']', ',', '"', "'", ': ', ':', '\\', '# c', '\n', ' ', '__proto__', '"a": 1,', '&x ', '*x', '\\u00e9', '\\t', "''", '50% '];
    fc.assert(
      fc.property(mutatedWith(flowTexts, noise), (text) => {
        cases++;
        agrees(text);
        sameLoad(text);
      }),
      { numRuns: RUNS, seed: 20261130 },
    );
  }, TIMEOUT);

  it('agrees with the full parser on random questionnaires written in many styles', () => {
    fc.assert(
      fc.property(questionnaire, style, (data, s) => {
        cases++;
        const text = written(data, s);
        agrees(text);
        sameLoad(text);
      }),
      { numRuns: RUNS, seed: 20261123 },
    );
  }, TIMEOUT);

  it('reads nearly every questionnaire written as people write them', () => {
    let read = 0;
    fc.assert(
      fc.property(questionnaire, style, (data, s) => {
        cases++;
        if (agrees(written(tidy(data), s)) === 'read') read++;
      }),
      { numRuns: RUNS, seed: 20261127 },
    );
    // The quick reader is worth having only if it reads what people write.
    expect(read).toBeGreaterThan(RUNS * 0.9);
  }, TIMEOUT);

  it('reads free text with quotes, escapes and leading digits, as tools and people write it', () => {
    // An organisation's name as people type it (O'Reilly, "Blue" Team, 3M, 50% Cloud), written
    // through each quoting style, which doubles single quotes and escapes backslashes and double quotes.
    const words = fc.constantFrom('Acme', "O'Reilly", '"Blue"', '3M', '50%', '24/7', 'a\\b', 'AT&T', 'caf\u00e9', 'R&D', 'x', '2 teams');
    const name = fc.array(words, { minLength: 1, maxLength: 4 }).map((ws) => ws.join(' '));
    let read = 0;
    fc.assert(
      fc.property(questionnaire, name, style, (data, n, s) => {
        cases++;
        const tidied = tidy(data) as { org: Record<string, unknown> };
        tidied.org.name = n;
        if (agrees(written(tidied, s)) === 'read') read++;
      }),
      { numRuns: RUNS, seed: 20261207 },
    );
    expect(read).toBeGreaterThan(RUNS * 0.9);
  }, TIMEOUT);

  it('declines or agrees on random edits of the examples', () => {
    const noise = [...NOISE, '\r', '\u2000', '\u00a0', '\ufeff', '\u2028', '---', '0x1F', '1.5', '+3', "''", '\\', 'a: b', '- x', '  ', '2026-01-01', '.inf', '<<: ', '__proto__: 1\n', '\\"', '\\u00e9', '\\x41', '50% off', '1_0', '1:3'];
    fc.assert(
      fc.property(mutatedWith(exampleTexts, noise), (text) => {
        cases++;
        agrees(text);
        sameLoad(text);
      }),
      { numRuns: RUNS, seed: 20261126 },
    );
  }, TIMEOUT);
});

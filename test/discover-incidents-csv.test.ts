import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../src/core/discover/incidents/csv.js';

const values = (text: string) => readCsv(text).records.map((r) => r.fields.map((f) => f.value));
const where = (text: string) => readCsv(text).records.map((r) => r.fields.map((f) => `${f.line}:${f.col}`));

describe('reading CSV as RFC 4180 writes it', () => {
  it('reads quoted fields, doubled quotes, commas and line breaks inside quotes', () => {
    const text = 'a,b,c\r\n1,"two, too","say ""hi"""\r\n"x\r\ny",,z\r\n';
    expect(values(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two, too', 'say "hi"'],
      ['x\r\ny', '', 'z'],
    ]);
    expect(readCsv(text).problems).toEqual([]);
  });

  it('takes LF as well as CRLF, a last line without a line break, and a byte order mark', () => {
    expect(values('\ufeffa,b\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    // The mark is not a column: the header's first name is "a", at column 1.
    expect(where('\ufeffa,b\n1,2')[0]).toEqual(['1:1', '1:3']);
  });

  it('says where each field starts, counting lines inside quoted fields', () => {
    expect(where('h1,h2\n"multi\nline",x\nlast,"q"')).toEqual([
      ['1:1', '1:4'],
      ['2:1', '3:7'],
      ['4:1', '4:6'],
    ]);
  });

  it('skips blank lines, which hold no record, but keeps a row of one empty quoted field', () => {
    expect(values('a\n\n1\r\n\r\n""\n\n')).toEqual([['a'], ['1'], ['']]);
  });

  it('keeps a quote inside an unquoted field as text, as spreadsheets write it', () => {
    expect(values('a,b\n5" disk,x')).toEqual([
      ['a', 'b'],
      ['5" disk', 'x'],
    ]);
  });

  it('reports a quoted field that never ends where it opens, once', () => {
    const r = readCsv('a,b,c\n1,"open,3\n4,5,6\n');
    expect(r.problems).toEqual([{ kind: 'unterminated', line: 2, col: 3, message: expect.stringMatching(/never ends/), suggestion: expect.stringMatching(/close the field/) }]);
  });

  it('reports text after a closing quote where it starts, and keeps it', () => {
    const r = readCsv('a,b\n"x"y,z\n');
    expect(r.problems).toEqual([{ kind: 'after-quote', line: 2, col: 4, message: 'text follows the closing quote of a quoted field', suggestion: expect.any(String) }]);
    expect(r.records[1]!.fields.map((f) => f.value)).toEqual(['xy', 'z']);
  });

  it('reports a row with more fields than the header at its first extra field, and one with fewer at its start', () => {
    const r = readCsv('a,b\n1,2,3\n4\n5,6\n');
    expect(r.problems).toEqual([
      { kind: 'width', line: 2, col: 5, message: 'this row has 3 fields; the header has 2', suggestion: 'put a field that holds a comma in double quotes' },
      { kind: 'width', line: 3, col: 1, message: 'this row has 1 field; the header has 2', suggestion: expect.any(String) },
    ]);
  });

  it('reads an empty text as no records', () => {
    expect(readCsv('')).toEqual({ records: [], problems: [] });
    expect(readCsv('\ufeff')).toEqual({ records: [], problems: [] });
  });
});

// --- Properties ---------------------------------------------------------------------------------

/** Characters that exercise every rule: separators, quotes, line breaks, and text beyond ASCII. */
const char = fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r', '\r\n', 'é', '€', '😀', '\t', ';');
const value = fc.array(char, { maxLength: 8 }).map((cs) => cs.join(''));

interface Written {
  text: string;
  /** Where each field was written to start, as line:col. */
  starts: string[][];
}

/**
 * Writes rows as RFC 4180 CSV, quoting a field that holds a comma, a quote or a line break (and,
 * at random, some that do not need it), or that is the only field of its row and empty (it would
 * be a blank line otherwise); with CRLF or LF, a byte order mark or none, a last line break or none.
 */
function write(rows: string[][], o: { crlf: boolean; bom: boolean; last: boolean; quoteAll: boolean }): Written {
  const br = o.crlf ? '\r\n' : '\n';
  let text = '';
  let line = 1;
  let col = 1;
  const emit = (s: string) => {
    text += s;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '\r' || s[i] === '\n') {
        if (s[i] === '\r' && s[i + 1] === '\n') i++;
        line++;
        col = 1;
      } else col++;
    }
  };
  const starts = rows.map((row, r) => {
    const at = row.map((v, i) => {
      if (i > 0) emit(',');
      const start = `${line}:${col}`;
      const quote = o.quoteAll || /[",\r\n]/.test(v) || (row.length === 1 && v === '');
      emit(quote ? `"${v.replaceAll('"', '""')}"` : v);
      return start;
    });
    if (r < rows.length - 1 || o.last) emit(br);
    return at;
  });
  return { text: (o.bom ? '\ufeff' : '') + text, starts };
}

const options = fc.record({ crlf: fc.boolean(), bom: fc.boolean(), last: fc.boolean(), quoteAll: fc.boolean() });
const table = fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));

describe('CSV written and read back', () => {
  it('gives the rows written, with every field where it was written, and no problem', () => {
    fc.assert(
      fc.property(table, options, (rows, o) => {
        const w = write(rows, o);
        const r = readCsv(w.text);
        expect(r.problems).toEqual([]);
        expect(r.records.map((x) => x.fields.map((f) => f.value))).toEqual(rows);
        expect(r.records.map((x) => x.fields.map((f) => `${f.line}:${f.col}`))).toEqual(w.starts);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('reports exactly the rows whose number of fields differs from the header', () => {
    const ragged = fc.array(fc.array(value, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(ragged, options, (rows, o) => {
        const r = readCsv(write(rows, o).text);
        const wrong = rows.slice(1).flatMap((row, i) => (row.length === rows[0]!.length ? [] : [i + 1]));
        expect(r.problems.map((p) => p.message)).toEqual(wrong.map((i) => `this row has ${rows[i]!.length} ${rows[i]!.length === 1 ? 'field' : 'fields'}; the header has ${rows[0]!.length}`));
      }),
      { numRuns: 300, seed: 20261202 },
    );
  });
});

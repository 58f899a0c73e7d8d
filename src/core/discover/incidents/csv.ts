/**
 * A reader for comma-separated values as RFC 4180 writes them: fields separated by commas, records
 * by line breaks (CRLF or LF; a lone CR is taken as one too), a field that holds a comma, a quote
 * or a line break enclosed in double quotes with each quote inside it doubled. It also takes what
 * exports commonly hold beyond the RFC: a UTF-8 byte order mark before the header (dropped, and
 * not counted as a column), a last record with or without a line break after it, and blank lines
 * (no record at all). A quote inside a field that does not start with one is kept as text, as
 * spreadsheets write it.
 *
 * Every field comes back with the line and column where it starts (both from 1; a column counts
 * UTF-16 code units, as the YAML reader does), so that a problem with a value can point at it.
 * What cannot be read comes back as located problems rather than an exception: a quoted field that
 * never ends, text after a closing quote, and a record with more or fewer fields than the header.
 *
 * Written by hand rather than taken from a library: the reader has to say where each field starts,
 * which csv-parse (the well-kept choice) reports only per record, and the grammar is small.
 */

export interface CsvField {
  value: string;
  /** Where the field starts: its opening quote, or its first character. */
  line: number;
  col: number;
}

export interface CsvRecord {
  fields: CsvField[];
  /** The line the record starts on. */
  line: number;
}

export interface CsvProblem {
  /** A quoted field that never ends, text after a closing quote, or a row of the wrong width. */
  kind: 'unterminated' | 'after-quote' | 'width';
  line: number;
  col: number;
  message: string;
  suggestion?: string;
}

export interface CsvTable {
  /** Every record, the header first. */
  records: CsvRecord[];
  problems: CsvProblem[];
}

const BOM = '\ufeff';

/** Reads CSV text into records; never throws. */
export function readCsv(input: string): CsvTable {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const n = text.length;
  /** The record whose quoted field never ends: it runs to the end of the text. */
  let unterminated: CsvRecord | undefined;

  /** The length of the line break at j, 0 when there is none. */
  const breakAt = (j: number): number => (text[j] === '\r' ? (text[j + 1] === '\n' ? 2 : 1) : text[j] === '\n' ? 1 : 0);

  while (i < n) {
    // A line with nothing on it holds no record.
    const blank = breakAt(i);
    if (blank > 0) {
      i += blank;
      line++;
      lineStart = i;
      continue;
    }
    const record: CsvRecord = { fields: [], line };
    for (;;) {
      const field: CsvField = { value: '', line, col: i - lineStart + 1 };
      if (text[i] === '"') {
        let value = '';
        let j = i + 1;
        let closed = false;
        while (j < n) {
          const c = text[j]!;
          if (c === '"') {
            if (text[j + 1] === '"') {
              value += '"';
              j += 2;
              continue;
            }
            closed = true;
            j++;
            break;
          }
          const br = breakAt(j);
          if (br > 0) {
            value += text.slice(j, j + br);
            j += br;
            line++;
            lineStart = j;
            continue;
          }
          value += c;
          j++;
        }
        if (!closed) {
          problems.push({
            kind: 'unterminated',
            line: field.line,
            col: field.col,
            message: 'this quoted field never ends: its closing quote is missing, so the rest of the file reads as part of it',
            suggestion: 'close the field with a quote, and write every quote inside it twice ("")',
          });
          field.value = value;
          record.fields.push(field);
          unterminated = record;
          i = n;
          break;
        }
        // Text between the closing quote and the next comma or line break is kept, and reported.
        let k = j;
        while (k < n && text[k] !== ',' && breakAt(k) === 0) k++;
        if (k > j) {
          problems.push({
            kind: 'after-quote',
            line,
            col: j - lineStart + 1,
            message: 'text follows the closing quote of a quoted field',
            suggestion: 'write every quote inside a quoted field twice (""), or end the field at its closing quote',
          });
          value += text.slice(j, k);
        }
        field.value = value;
        i = k;
      } else {
        let k = i;
        while (k < n && text[k] !== ',' && breakAt(k) === 0) k++;
        field.value = text.slice(i, k);
        i = k;
      }
      record.fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      // A line break or the end of the text ends the record.
      const br = i < n ? breakAt(i) : 0;
      if (br > 0) {
        i += br;
        line++;
        lineStart = i;
      }
      break;
    }
    records.push(record);
  }

  const width = records[0]?.fields.length ?? 0;
  for (const r of records.slice(1)) {
    // A record cut short by a quoted field that never ends has its problem already.
    if (r.fields.length === width || r === unterminated) continue;
    const extra = r.fields[width];
    problems.push({
      kind: 'width',
      line: extra?.line ?? r.line,
      col: extra?.col ?? 1,
      message: `this row has ${r.fields.length} ${r.fields.length === 1 ? 'field' : 'fields'}; the header has ${width}`,
      suggestion: r.fields.length > width ? 'put a field that holds a comma in double quotes' : 'give every row as many fields as the header, empty ones included',
    });
  }
  return { records, problems };
}

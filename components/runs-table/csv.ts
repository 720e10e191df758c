/**
 * CSV per RFC 4180 (CRLF rows, fields with `"`, `,`, CR or LF quoted, quotes doubled), with cells
 * that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) neutralised by a
 * leading `'` unless they are plain numbers. Run names, params and tags are user data: a tag
 * value `=HYPERLINK(...)` must open as text.
 */
export type CsvValue = string | number | boolean | null | undefined;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

function numberText(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}

/** One field, quoted and neutralised as needed. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') {
    text = numberText(value);
    // A number is never a formula; only -Infinity starts with '-' and is not numeric text.
    if (text === '-Infinity') return text;
  } else {
    text = String(value);
    if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole document: header then rows, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((r) => `${csvRow(r)}\r\n`).join('');
}

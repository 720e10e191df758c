/**
 * A small RFC 4180 reader for previews: quoted fields, doubled quotes, delimiters and line breaks
 * inside quotes, CRLF or LF line ends. It reads only as many records as asked for, and drops the
 * last record of a cut file (it may stop mid-field). Pure.
 */

export interface DelimitedHead {
  rows: string[][];
  /** True when the text holds more records than were returned (or was cut). */
  more: boolean;
}

export function delimiterFor(path: string): ',' | '\t' {
  return path.toLowerCase().endsWith('.tsv') ? '\t' : ',';
}

/**
 * The first `maxRows` records of delimited text. `truncated` says the text is the head of a longer
 * file, so its last record is incomplete and left out.
 */
export function parseDelimited(text: string, delimiter: string, maxRows: number, truncated = false): DelimitedHead {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // inside a quoted field
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a byte-order mark is not data
  const n = text.length;
  let recordOpen = false; // something of the current record has been read

  const endRecord = () => {
    // A blank line is no record (as pandas reads it); a line holding `""` is one empty field.
    if (!recordOpen) return;
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    recordOpen = false;
  };

  while (i < n) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      recordOpen = true;
      i += 1;
    } else if (ch === delimiter) {
      row.push(field);
      field = '';
      recordOpen = true;
      i += 1;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      if (rows.length > maxRows) break;
    } else {
      // A stray quote inside an unquoted field is kept as text, as spreadsheet programs do.
      field += ch;
      recordOpen = true;
      i += 1;
    }
  }

  // Text that ends inside a record: the last line of a whole file, or a cut line of a head.
  if (rows.length <= maxRows && recordOpen && !truncated) endRecord();
  return { rows: rows.slice(0, maxRows), more: truncated || rows.length > maxRows };
}

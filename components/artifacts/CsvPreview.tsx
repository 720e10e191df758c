'use client';

import { useMemo } from 'react';
import { parseDelimited } from './csv';
import { Hint } from './preview-parts';

export const CSV_PREVIEW_ROWS = 100;

/** The head of a CSV/TSV file as a table: a header row and up to 100 data rows, cells as React text. */
export function CsvPreview({ text, delimiter, truncated }: { text: string; delimiter: string; truncated: boolean }) {
  const { header, body, more } = useMemo(() => {
    const parsed = parseDelimited(text, delimiter, CSV_PREVIEW_ROWS + 1, truncated);
    return { header: parsed.rows[0] ?? [], body: parsed.rows.slice(1), more: parsed.more };
  }, [text, delimiter, truncated]);
  const width = Math.max(header.length, ...body.map((r) => r.length));

  if (header.length === 0) return <Hint>The file has no rows.</Hint>;
  return (
    <div className="flex min-h-0 flex-col gap-1">
      <Hint>
        {more ? `Showing the first ${body.length} rows` : `${body.length} ${body.length === 1 ? 'row' : 'rows'}`}, {width} {width === 1 ? 'column' : 'columns'}
      </Hint>
      <div className="max-h-[65vh] overflow-auto rounded border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label="Table preview">
        <table data-testid="csv-preview" className="min-w-full border-collapse text-xs">
          <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
            <tr>
              <th scope="col" className="border-b border-slate-200 px-2 py-1 text-right font-normal text-slate-400 dark:border-slate-700">
                <span className="sr-only">Row</span>
              </th>
              {Array.from({ length: width }, (_, i) => (
                <th key={i} scope="col" className="whitespace-nowrap border-b border-slate-200 px-2 py-1 text-left font-semibold dark:border-slate-700">
                  {header[i] ?? ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.map((row, r) => (
              <tr key={r} className="odd:bg-white even:bg-slate-50 dark:odd:bg-slate-950 dark:even:bg-slate-900">
                <td className="px-2 py-0.5 text-right tabular-nums text-slate-400">{r + 1}</td>
                {Array.from({ length: width }, (_, c) => (
                  <td key={c} title={(row[c] ?? '').length > 60 ? row[c] : undefined} className="max-w-[24rem] truncate whitespace-nowrap px-2 py-0.5">
                    {row[c] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

'use client';

import { useEffect, useRef, useState } from 'react';
import { countRunTable, searchRunTable, type RunTableQuery } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { exportLabel, exportValue, PARENT_TAG, tagValue, type Agg } from './columns';
import { csvRow } from './csv';
import { formatCount } from '@/lib/format';

export const EXPORT_LIMIT = 100_000;
const EXPORT_PAGE = 1000;

/**
 * Downloads every run matching the table's filters (child runs included, as a flat list with a
 * parent column), with the visible columns, fetched page by page with progress; up to 100,000.
 */
export function ExportCsv({
  query,
  columns,
  experimentNames,
  fileName,
}: {
  query: RunTableQuery | null;
  columns: readonly { id: string; agg?: Agg }[];
  experimentNames: Map<string, string>;
  fileName: string;
}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const start = async () => {
    if (!query) return;
    const c = new AbortController();
    controller.current = c;
    setMessage(null);
    const q: RunTableQuery = { ...query, topLevelOnly: undefined, parentRunId: undefined };
    try {
      const total = Math.min(await countRunTable(q, { signal: c.signal }), EXPORT_LIMIT);
      setProgress({ done: 0, total });
      const header = ['Run ID', 'Parent run ID', ...columns.map((col) => exportLabel(col.id, col.agg))];
      // Each page becomes a Blob at once, so the download never sits in one giant string.
      const parts: BlobPart[] = ['\uFEFF', `${csvRow(header)}\r\n`];
      let done = 0;
      let pageToken: string | undefined;
      do {
        const page = await searchRunTable(q, { maxResults: Math.min(EXPORT_PAGE, EXPORT_LIMIT - done), pageToken }, { signal: c.signal });
        const lines = page.runs.map((run) => `${csvRow([run.info.run_id, tagValue(run, PARENT_TAG) ?? '', ...columns.map((col) => exportValue(run, col, experimentNames))])}\r\n`);
        parts.push(new Blob(lines, { type: 'text/csv' }));
        done += page.runs.length;
        pageToken = page.nextPageToken;
        setProgress({ done, total: Math.max(total, done) });
      } while (pageToken && done < EXPORT_LIMIT);
      const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setMessage({ text: `Exported ${formatCount(done)} runs${pageToken ? ` (the first ${formatCount(EXPORT_LIMIT)}; narrow the filter for the rest)` : ''}.`, error: false });
    } catch (e) {
      if (!c.signal.aborted) setMessage({ text: `Export failed: ${e instanceof Error ? e.message : String(e)}. Try again.`, error: true });
    } finally {
      if (controller.current === c) controller.current = null;
      setProgress(null);
    }
  };

  return (
    <div className="flex items-center gap-2">
      {progress ? (
        <>
          <span role="status" className="text-xs tabular-nums text-slate-600 dark:text-slate-400">
            Exporting {formatCount(progress.done)} / {formatCount(progress.total)}…
          </span>
          <progress max={progress.total || 1} value={progress.done} className="h-1.5 w-20" aria-label="Export progress" />
          <Button variant="ghost" onClick={() => controller.current?.abort()}>
            Cancel
          </Button>
        </>
      ) : (
        <Button
          data-testid="export-csv-button"
          disabled={!query}
          onClick={start}
          title="Download all runs matching the filters (child runs included, up to 100,000) with the visible columns"
        >
          Export CSV
        </Button>
      )}
      {message && !progress && (
        <span role={message.error ? 'alert' : 'status'} className={`text-xs ${message.error ? 'text-red-700 dark:text-red-300' : 'text-slate-500'}`}>
          {message.text}
        </span>
      )}
    </div>
  );
}

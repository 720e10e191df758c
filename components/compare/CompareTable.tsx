'use client';

import { useMemo } from 'react';
import { BEST_VALUE_RULE } from './best-value';
import type { RunRecord } from './compare-fields';
import type { CompareRow, Section } from './compare-rows';
import { VirtualGrid, type GridRowInfo } from './VirtualGrid';

interface Props {
  records: readonly RunRecord[];
  /** Rows for `records` (already narrowed to differences when asked). */
  rows: readonly CompareRow[];
  transposed: boolean;
  /** The colour of the i-th shown run (its line in the plots). */
  colorOf: (i: number) => string;
}

type Item = { heading: Section } | { row: CompareRow };

const SECTION_NOTE: Record<Section, string> = { Params: '', Metrics: 'last value; min · max below', Tags: '' };
const RUN_W = 176;
const KEY_W = 220;

export function runHref(r: RunRecord): string {
  return `/experiments/${encodeURIComponent(r.experimentId)}/runs/${encodeURIComponent(r.id)}`;
}

function RunLabel({ run, color }: { run: RunRecord; color: string }) {
  return (
    <div className="flex h-full items-center gap-1.5 px-2">
      <span aria-hidden className="inline-block h-2.5 w-2.5 shrink-0 rounded-full" style={{ background: color }} />
      <a href={runHref(run)} className="truncate font-medium text-blue-700 hover:underline dark:text-blue-300" title={run.name}>
        {run.name}
      </a>
    </div>
  );
}

function KeyLabel({ row, withSection }: { row: CompareRow; withSection?: boolean }) {
  return (
    <div className={`flex h-full flex-col justify-center px-2 ${row.differs ? 'border-l-4 border-amber-400' : 'border-l-4 border-transparent'}`} title={row.differs ? `${row.key}: values differ` : row.key}>
      {withSection && <span className="text-[10px] tracking-wide text-slate-500 uppercase">{row.section}</span>}
      <span className="truncate font-mono">{row.key}</span>
      {row.differs && <span className="sr-only">(values differ)</span>}
    </div>
  );
}

function ValueCell({ row, j }: { row: CompareRow; j: number }) {
  const v = row.values[j];
  if (v === undefined) return <div className="px-2 py-1 text-slate-400" title="Not logged">—</div>;
  const range = row.ranges?.[j];
  const best = row.best.includes(j);
  return (
    <div className="flex h-full flex-col justify-center px-2" title={best ? `${v}: ${BEST_VALUE_RULE}` : v}>
      <span className="truncate font-mono">
        {v}
        {best && (
          <>
            <span aria-hidden className="ml-1 text-emerald-700 dark:text-emerald-300">★</span>
            <span className="sr-only">(best)</span>
          </>
        )}
      </span>
      {range && (range.min !== v || range.max !== v) && (
        <span className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">
          {range.min} · {range.max}
        </span>
      )}
    </div>
  );
}

const bestClass = (row: CompareRow, j: number) => (row.best.includes(j) ? 'bg-emerald-50 font-semibold dark:bg-emerald-950/60' : '');

/**
 * The side-by-side table, runs as columns (keys as rows, grouped by section) or transposed (runs as
 * rows). Rows whose values differ carry an amber bar; the best value of each metric a star.
 */
export function CompareTable({ records, rows, transposed, colorOf }: Props) {
  const items = useMemo<Item[]>(() => {
    const out: Item[] = [];
    rows.forEach((row, i) => {
      if (i === 0 || rows[i - 1].section !== row.section) out.push({ heading: row.section });
      out.push({ row });
    });
    return out;
  }, [rows]);
  const layoutKey = `${transposed}:${rows.length}:${records.length}:${rows.map((r) => r.section[0]).join('')}`;
  const maxHeight = 560;

  if (transposed) {
    return (
      <VirtualGrid
        label="Runs side by side, one run per row"
        testId="compare-table"
        layoutKey={layoutKey}
        rowCount={records.length}
        colCount={rows.length}
        row={(i): GridRowInfo => ({ height: 44, testId: 'compare-run-row', dataKey: records[i].id })}
        colWidth={RUN_W - 16}
        firstColWidth={KEY_W}
        headerHeight={44}
        maxHeight={maxHeight}
        corner={<div className="flex h-full items-end px-2 pb-1 text-xs font-semibold text-slate-500">Run</div>}
        columnHeader={(j) => <KeyLabel row={rows[j]} withSection />}
        rowHeader={(i) => <RunLabel run={records[i]} color={colorOf(i)} />}
        cell={(i, j) => <ValueCell row={rows[j]} j={i} />}
        cellClass={(i, j) => bestClass(rows[j], i)}
      />
    );
  }
  return (
    <VirtualGrid
      label="Runs side by side, one run per column"
      testId="compare-table"
      layoutKey={layoutKey}
      rowCount={items.length}
      colCount={records.length}
      row={(i): GridRowInfo => {
        const it = items[i];
        if ('heading' in it) return { height: 30, heading: true };
        return { height: it.row.section === 'Metrics' ? 44 : 32, testId: 'compare-row', dataKey: `${it.row.section}:${it.row.key}` };
      }}
      colWidth={RUN_W}
      firstColWidth={KEY_W}
      headerHeight={40}
      maxHeight={maxHeight}
      corner={<div className="flex h-full items-center px-2 text-xs font-semibold text-slate-500">Key</div>}
      columnHeader={(j) => <RunLabel run={records[j]} color={colorOf(j)} />}
      rowHeader={(i) => {
        const it = items[i];
        if ('heading' in it) {
          return (
            <div className="flex h-full items-end gap-2 px-2 pb-1 text-xs text-slate-500">
              <span className="font-semibold tracking-wide uppercase">{it.heading}</span>
              {SECTION_NOTE[it.heading] && <span>({SECTION_NOTE[it.heading]})</span>}
            </div>
          );
        }
        return <KeyLabel row={it.row} />;
      }}
      cell={(i, j) => {
        const it = items[i];
        return 'row' in it ? <ValueCell row={it.row} j={j} /> : null;
      }}
      cellClass={(i, j) => {
        const it = items[i];
        return 'row' in it ? bestClass(it.row, j) : '';
      }}
    />
  );
}

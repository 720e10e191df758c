'use client';

import { useCallback, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface GridRowInfo {
  height: number;
  /** A full-width label row (a section heading): only its row header is drawn. */
  heading?: boolean;
  testId?: string;
  dataKey?: string;
}

interface Props {
  label: string;
  /** Changes whenever row or column sizes may have changed (the virtualisers re-measure then). */
  layoutKey: string;
  testId?: string;
  rowCount: number;
  colCount: number;
  row: (i: number) => GridRowInfo;
  colWidth: number;
  firstColWidth: number;
  headerHeight: number;
  maxHeight: number;
  corner: ReactNode;
  columnHeader: (j: number) => ReactNode;
  rowHeader: (i: number) => ReactNode;
  cell: (i: number, j: number) => ReactNode;
  /** Extra classes for a body cell (highlights). */
  cellClass?: (i: number, j: number) => string;
}

const border = 'border-b border-r border-slate-100 dark:border-slate-800';
const bg = 'bg-white dark:bg-slate-950';

/**
 * A table that draws only the cells in view, in both directions (thousands of runs as rows or as
 * columns stay a few hundred DOM nodes), with a sticky header row and a sticky first column.
 * ARIA table roles with row/column counts and indexes, so screen readers know the full size.
 */
export function VirtualGrid(p: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // Sizes come from estimateSize only; a new key function makes the virtualisers recompute them.
  const getItemKey = useCallback((i: number) => i, [p.layoutKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const rows = useVirtualizer({
    count: p.rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => p.row(i).height,
    getItemKey,
    paddingStart: p.headerHeight,
    overscan: 8,
  });
  const cols = useVirtualizer({
    horizontal: true,
    count: p.colCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => p.colWidth,
    getItemKey,
    paddingStart: p.firstColWidth,
    overscan: 3,
  });
  const width = cols.getTotalSize();
  const vCols = cols.getVirtualItems();

  return (
    <div
      ref={scrollRef}
      role="table"
      aria-label={p.label}
      aria-rowcount={p.rowCount + 1}
      aria-colcount={p.colCount + 1}
      data-testid={p.testId}
      tabIndex={0}
      className="relative overflow-auto rounded border border-slate-200 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-slate-800"
      style={{ maxHeight: p.maxHeight }}
    >
      <div className="relative" style={{ width, height: rows.getTotalSize() }}>
        <div role="row" aria-rowindex={1} className={`sticky top-0 z-20 ${bg}`} style={{ width, height: p.headerHeight }}>
          <div role="columnheader" aria-colindex={1} className={`sticky left-0 z-10 h-full ${bg} ${border} border-b-slate-300 dark:border-b-slate-600`} style={{ width: p.firstColWidth }}>
            {p.corner}
          </div>
          {vCols.map((c) => (
            <div
              key={c.key}
              role="columnheader"
              aria-colindex={c.index + 2}
              className={`absolute top-0 h-full ${border} border-b-slate-300 dark:border-b-slate-600`}
              style={{ left: c.start, width: c.size }}
            >
              {p.columnHeader(c.index)}
            </div>
          ))}
        </div>
        {rows.getVirtualItems().map((r) => {
          const info = p.row(r.index);
          return (
            <div
              key={r.key}
              role="row"
              aria-rowindex={r.index + 2}
              data-testid={info.testId}
              data-key={info.dataKey}
              className="absolute left-0"
              style={{ top: r.start, height: r.size, width }}
            >
              <div
                role={info.heading ? 'cell' : 'rowheader'}
                aria-colindex={1}
                className={`sticky left-0 z-10 h-full ${bg} ${info.heading ? '' : border}`}
                style={{ width: info.heading ? Math.min(width, 600) : p.firstColWidth }}
              >
                {p.rowHeader(r.index)}
              </div>
              {!info.heading &&
                vCols.map((c) => (
                  <div
                    key={c.key}
                    role="cell"
                    aria-colindex={c.index + 2}
                    className={`absolute top-0 h-full ${border} ${p.cellClass?.(r.index, c.index) ?? ''}`}
                    style={{ left: c.start, width: c.size }}
                  >
                    {p.cell(r.index, c.index)}
                  </div>
                ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

'use client';

import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { Header } from '@tanstack/react-table';
import { KIND_LABEL, attrColumn, columnLabel, orderByFor, parseColumnId, type Agg } from './columns';
import { metaOf, SELECT_COLUMN, type GridMeta, type GridRow } from './grid-columns';
import { Popover } from './Popover';

const KIND_BORDER = { m: 'border-t-blue-500', p: 'border-t-emerald-500', t: 'border-t-amber-500' } as const;

export function pinnedStyle(left: number | false, width: number): CSSProperties {
  return left === false ? { width } : { width, left, position: 'sticky' };
}

function SelectAllHeader({ header, style }: { header: Header<GridRow, unknown>; style: CSSProperties }) {
  const meta = metaOf(header.getContext().table);
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = meta.headerCheck === 'some';
  }, [meta.headerCheck]);
  return (
    <div role="columnheader" aria-label="Select" style={style} className="z-10 flex shrink-0 items-center justify-center bg-slate-50 dark:bg-slate-900">
      <input
        ref={ref}
        type="checkbox"
        aria-label="Select all loaded runs"
        checked={meta.headerCheck === 'all'}
        onChange={meta.toggleAllLoaded}
        className="h-4 w-4 accent-blue-600"
      />
    </div>
  );
}

/** A column header: sort button, options menu (metric value, pin, hide) and a resize handle. */
export function HeaderCell({ header, lastPinned }: { header: Header<GridRow, unknown>; lastPinned: boolean }) {
  const { column, table } = header.getContext();
  const meta = metaOf(table);
  const id = column.id;
  const pinLeft = column.getIsPinned() ? column.getStart('left') : false;
  const style = pinnedStyle(pinLeft, header.getSize());
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  if (id === SELECT_COLUMN) return <SelectAllHeader header={header} style={style} />;

  const parsed = parseColumnId(id);
  const kind = parsed && 'kind' in parsed ? parsed.kind : null;
  const agg = kind === 'm' ? meta.aggOf(id) : 'last';
  const label = columnLabel(id, agg);
  const sortable = orderByFor(id, false, agg) !== null;
  const sorted = meta.sort.col === id ? (meta.sort.desc ? 'descending' : 'ascending') : undefined;
  const rowsSorted = meta.rowsSort.col === id ? (meta.rowsSort.desc ? 'descending' : 'ascending') : undefined;
  const title = kind ? `${KIND_LABEL[kind]}: ${parsed && 'key' in parsed ? parsed.key : id}` : (attrColumn(id)?.noSortReason ?? label);

  const resizeBy = (step: number) => {
    const size = Math.min(800, Math.max(56, header.getSize() + step));
    table.setColumnSizing((sizes) => ({ ...sizes, [id]: size }));
  };


  return (
    <div
      role="columnheader"
      aria-label={label}
      aria-sort={rowsSorted}
      style={style}
      className={`group relative flex shrink-0 items-center gap-0.5 border-r border-t-2 border-r-slate-200 bg-slate-50 pl-2 pr-1 text-left text-xs font-semibold text-slate-700 dark:border-r-slate-800 dark:bg-slate-900 dark:text-slate-200 ${
        kind ? KIND_BORDER[kind] : 'border-t-transparent'
      } ${pinLeft !== false ? 'z-10' : ''} ${lastPinned ? 'shadow-[2px_0_0_0_rgb(148_163_184/0.5)]' : ''}`}
    >
      {sortable ? (
        <button
          type="button"
          title={title}
          onClick={() => meta.setSort(id, sorted === 'ascending')}
          className="flex min-w-0 flex-1 items-center gap-1 rounded py-1 text-left hover:text-blue-700 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:text-blue-300"
        >
          <span className="truncate">{kind === 'm' && agg !== 'last' ? (parsed && 'key' in parsed ? parsed.key : label) : label}</span>
          {kind === 'm' && agg !== 'last' && (
            // The mode as CSS content: visible, yet the header's text stays the column name.
            <span aria-hidden="true" data-agg={agg} className="shrink-0 rounded bg-blue-100 px-1 text-[10px] font-medium uppercase text-blue-800 after:content-[attr(data-agg)] dark:bg-blue-900 dark:text-blue-100" />
          )}
          {sorted && (
            <svg aria-hidden="true" viewBox="0 0 10 10" className={`h-2.5 w-2.5 shrink-0 ${sorted === 'descending' ? 'rotate-180' : ''}`}>
              <path d="M5 1.5l3.5 5h-7z" fill="currentColor" />
            </svg>
          )}
        </button>
      ) : (
        <span title={title} className="min-w-0 flex-1 truncate py-1">
          {label}
        </span>
      )}
      <button
        ref={menuButton}
        type="button"
        aria-label={`Options for column ${label}`}
        aria-haspopup="dialog"
        aria-expanded={menuOpen}
        onClick={() => setMenuOpen((o) => !o)}
        className={`shrink-0 rounded p-0.5 text-slate-500 hover:bg-slate-200 focus-visible:opacity-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-700 ${
          menuOpen || pinLeft !== false ? 'opacity-100' : 'opacity-40 group-hover:opacity-100'
        }`}
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5">
          {pinLeft !== false ? (
            <path d="M6 2h4l-.5 4 2.5 2v1H8.6L8 14l-.6-5H4V8l2.5-2z" fill="currentColor" />
          ) : (
            <path d="M8 3.5a1.25 1.25 0 110-2.5 1.25 1.25 0 010 2.5zm0 5.75a1.25 1.25 0 110-2.5 1.25 1.25 0 010 2.5zM8 15a1.25 1.25 0 110-2.5A1.25 1.25 0 018 15z" fill="currentColor" />
          )}
        </svg>
      </button>
      <ColumnMenu
        meta={meta}
        anchor={menuButton}
        open={menuOpen}
        onClose={() => setMenuOpen(false)}
        id={id}
        label={label}
        sortable={sortable}
        isMetric={kind === 'm'}
        agg={agg}
        pinned={pinLeft !== false}
        resizeBy={column.getCanResize() ? resizeBy : undefined}
      />
      {column.getCanResize() && (
        // Pointer only: keyboard users resize from the column's options (one tab stop less per column).
        <div
          aria-hidden="true"
          title="Drag to resize; double-click to reset"
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => column.resetSize()}
          className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize touch-none select-none hover:bg-blue-400 ${
            column.getIsResizing() ? 'bg-blue-500' : ''
          }`}
        />
      )}
    </div>
  );
}

function ColumnMenu(props: {
  meta: GridMeta;
  anchor: RefObject<HTMLButtonElement | null>;
  open: boolean;
  onClose: () => void;
  id: string;
  label: string;
  sortable: boolean;
  isMetric: boolean;
  agg: Agg;
  pinned: boolean;
  resizeBy?: (step: number) => void;
}) {
  const { meta } = props;
  const item =
    'block w-full rounded px-2 py-1 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:bg-slate-800';
  const stepButton =
    'rounded border border-slate-300 px-2 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-slate-600 dark:hover:bg-slate-800';
  const act = (f: () => void) => () => {
    f();
    props.onClose();
  };
  return (
    <Popover anchor={props.anchor} open={props.open} onClose={props.onClose} label={`Column ${props.label}`} className="w-52 font-normal">
      {props.sortable && (
        <>
          <button type="button" className={item} onClick={act(() => meta.setSort(props.id, false))}>
            Sort ascending
          </button>
          <button type="button" className={item} onClick={act(() => meta.setSort(props.id, true))}>
            Sort descending
          </button>
        </>
      )}
      {props.isMetric && (
        <fieldset className="my-1 border-y border-slate-200 px-2 py-1.5 dark:border-slate-700">
          <legend className="sr-only">Value shown</legend>
          <p aria-hidden="true" className="mb-1 text-xs text-slate-500">Value shown</p>
          <div className="flex gap-3">
            {(['last', 'min', 'max'] as const).map((a) => (
              <label key={a} className="flex items-center gap-1">
                <input type="radio" name={`agg-${props.id}`} checked={props.agg === a} onChange={() => meta.setAgg(props.id, a)} className="accent-blue-600" />
                {a === 'last' ? 'Last' : a === 'min' ? 'Min' : 'Max'}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {props.resizeBy && (
        <div className="flex items-center gap-1 px-2 py-1">
          <span className="flex-1">Width</span>
          <button type="button" aria-label="Narrower" onClick={() => props.resizeBy?.(-24)} className={stepButton}>
            −
          </button>
          <button type="button" aria-label="Wider" onClick={() => props.resizeBy?.(24)} className={stepButton}>
            +
          </button>
        </div>
      )}
      <button type="button" className={item} onClick={act(() => meta.togglePin(props.id))}>
        {props.pinned ? 'Unpin column' : 'Pin column to the left'}
      </button>
      {props.id !== 'name' && (
        <button type="button" className={item} onClick={act(() => meta.hideColumn(props.id))}>
          Hide column
        </button>
      )}
    </Popover>
  );
}

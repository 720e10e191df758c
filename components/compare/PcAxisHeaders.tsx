'use client';

import { memo, useRef, useState, type PointerEvent } from 'react';
import { fieldLongLabel } from './compare-fields';
import { nearestAxis, type PcLayout } from './pc-draw';
import { axisLabel, type PcAxis } from './pc-scales';

export const HEADER_HEIGHT = 52;

interface Props {
  layout: PcLayout;
  axes: readonly PcAxis[];
  onMove: (key: string, toIndex: number) => void;
  onToggleLog: (key: string) => void;
  onRemove: (key: string) => void;
}

const small =
  'rounded px-1 text-xs leading-5 text-slate-600 hover:bg-slate-100 disabled:opacity-30 disabled:hover:bg-transparent focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-slate-300 dark:hover:bg-slate-800';

/**
 * Each axis' name (drag it sideways to reorder) and its buttons: move left / right (the keyboard
 * way to reorder), log scale (only when every value is > 0) and remove.
 */
export const PcAxisHeaders = memo(function PcAxisHeaders({ layout, axes, onMove, onToggleLog, onRemove }: Props) {
  const [drag, setDrag] = useState<{ index: number; startX: number; dx: number } | null>(null);
  const moved = useRef(false);
  const spacing = axes.length > 1 ? layout.xs[1] - layout.xs[0] : layout.width;
  const boxWidth = Math.max(64, Math.min(160, spacing - 6));

  const onDown = (e: PointerEvent<HTMLElement>, index: number) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    moved.current = false;
    setDrag({ index, startX: e.clientX, dx: 0 });
  };
  const onMovePointer = (e: PointerEvent<HTMLElement>) => {
    if (!drag) return;
    const dx = e.clientX - drag.startX;
    if (Math.abs(dx) > 3) moved.current = true;
    setDrag({ ...drag, dx });
  };
  const onUp = () => {
    if (drag && moved.current) {
      const to = nearestAxis(layout, layout.xs[drag.index] + drag.dx);
      if (to !== drag.index) onMove(axes[drag.index].field.id, to);
    }
    setDrag(null);
  };

  return (
    <div className="relative select-none" style={{ height: HEADER_HEIGHT }}>
      {axes.map((axis, i) => {
        const key = axis.field.id;
        const label = axisLabel(axis);
        const long = fieldLongLabel(axis.field);
        const dragging = drag?.index === i;
        return (
          <div
            key={key}
            data-testid={`pc-header-${key}`}
            className={`absolute top-0 flex flex-col items-center rounded ${dragging ? 'z-10 bg-white shadow-md ring-1 ring-blue-300 dark:bg-slate-900 dark:ring-blue-700' : ''}`}
            style={{ left: layout.xs[i] - boxWidth / 2, width: boxWidth, transform: dragging ? `translateX(${drag.dx}px)` : undefined }}
          >
            {/* Dragging is the mouse's way to reorder; the move buttons below are the keyboard's. */}
            <span
              title={`${long}${axis.kind === 'categorical' ? ` (${axis.categories.length} values)` : ''}. Drag sideways to reorder.`}
              onPointerDown={(e) => onDown(e, i)}
              onPointerMove={onMovePointer}
              onPointerUp={onUp}
              onPointerCancel={() => setDrag(null)}
              className={`max-w-full cursor-grab truncate rounded px-1 font-mono text-xs font-medium ${dragging ? 'cursor-grabbing bg-blue-100 dark:bg-blue-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {label}
            </span>
            <span className="mt-0.5 flex items-center">
              <button type="button" className={small} disabled={i === 0} onClick={() => onMove(key, i - 1)} aria-label={`Move ${long} left`} title="Move left">
                ◀
              </button>
              <button type="button" className={small} disabled={i === axes.length - 1} onClick={() => onMove(key, i + 1)} aria-label={`Move ${long} right`} title="Move right">
                ▶
              </button>
              {axis.kind === 'numeric' && axis.canLog && (
                <button
                  type="button"
                  className={`${small} ${axis.log ? 'bg-blue-100 font-semibold text-blue-800 dark:bg-blue-900 dark:text-blue-100' : ''}`}
                  aria-pressed={axis.log}
                  onClick={() => onToggleLog(key)}
                  aria-label={`Log scale for ${long}`}
                  title="Log scale"
                >
                  log
                </button>
              )}
              <button type="button" className={small} onClick={() => onRemove(key)} aria-label={`Remove axis ${long}`} title="Remove axis">
                ✕
              </button>
            </span>
          </div>
        );
      })}
    </div>
  );
});

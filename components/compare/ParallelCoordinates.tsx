'use client';

import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useElementWidth } from '@/components/charts/use-element-width';
import type { ColorScale } from './color-scale';
import { fieldLongLabel } from './compare-fields';
import { brushFromUnits, brushSpans, countSelected, selectRuns, unitInBrush, withBrush, type Brush } from './pc-brush';
import { drawBackdrop, drawSelected, pcLayout, unitToY, yToUnit, type PcLayout } from './pc-draw';
import { axisPositions, axisTicks, type PcAxis } from './pc-scales';
import { PcAxisHeaders } from './PcAxisHeaders';

interface Props {
  axes: readonly PcAxis[];
  selection: Uint8Array;
  color: ColorScale | null;
  brushes: readonly Brush[];
  onBrushes: (next: Brush[]) => void;
  onMoveAxis: (key: string, toIndex: number) => void;
  onToggleLog: (key: string) => void;
  onRemoveAxis: (key: string) => void;
  height?: number;
}

interface Drag {
  axis: number;
  startY: number;
  u0: number;
  u1: number;
}

/** Brushing needs this much vertical movement; less is a click (which clears the axis' brush). */
const CLICK_SLOP = 3;
const HIT_WIDTH = 28;
const END_SNAP = 3;
const MIN_AXIS_GAP = 84;

/**
 * Parallel coordinates: run lines on canvases (a faint backdrop of all runs, the selected runs on
 * top, redrawn in one animation frame per change), with axes, ticks and brushes in SVG above. Drag along an axis to brush a range; click off a brush to
 * clear it. `data-selected-runs` follows a brush live while it is dragged; the page's selection
 * (table, charts) follows when the drag ends. `data-last-draw-ms` is the last full draw's time (backdrop + selected runs).
 */
export function ParallelCoordinates({ axes, selection, color, brushes, onBrushes, onMoveAxis, onToggleLog, onRemoveAxis, height = 320 }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const backdropRef = useRef<HTMLCanvasElement>(null);
  const draws = useRef(0);
  const boxWidth = useElementWidth(rootRef);
  // Past about 15 axes the plot grows wider than the page and scrolls, so axes keep their room.
  const width = boxWidth === 0 ? 0 : Math.max(boxWidth, MIN_AXIS_GAP * Math.max(0, axes.length - 1) + 96);
  const [drag, setDrag] = useState<Drag | null>(null);
  const [theme, setTheme] = useState(0);
  const layout = useMemo(() => pcLayout(width, height, axes.length), [width, height, axes.length]);
  const positions = useMemo(() => axes.map(axisPositions), [axes]);

  const preview = drag ? brushFromUnits(axes[drag.axis], drag.u0, drag.u1) : null;
  const liveBrushes = drag && Math.abs(drag.u1 - drag.u0) > 0 ? withBrush(brushes, axes[drag.axis].field.id, preview) : brushes;
  const liveSelection = useMemo(
    () => (drag ? selectRuns(axes, liveBrushes, selection.length) : selection),
    // liveBrushes is derived from drag and brushes.
    [drag, axes, brushes, selection], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const liveCount = useMemo(() => countSelected(liveSelection), [liveSelection]);

  // The canvas colours come from CSS (light/dark); redraw when the theme class changes.
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme((t) => t + 1));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => observer.disconnect();
  }, []);

  // The backdrop (every run, faint) changes only with the axes, the size or the theme.
  const backdropMs = useRef(0);
  useEffect(() => {
    const canvas = backdropRef.current;
    if (!canvas || width === 0) return;
    const frame = requestAnimationFrame(() => {
      backdropMs.current = drawBackdrop(canvas, layout, positions, getComputedStyle(canvas).color);
    });
    return () => cancelAnimationFrame(frame);
  }, [layout, positions, width, theme]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const frame = requestAnimationFrame(() => {
      const ms = drawSelected(canvas, {
        layout,
        positions,
        selection: liveSelection,
        selectedCount: liveCount,
        color,
        missingColor: getComputedStyle(canvas).getPropertyValue('--pc-missing').trim() || '#94a3b8',
      });
      draws.current += 1;
      rootRef.current?.setAttribute('data-last-draw-ms', (ms + backdropMs.current).toFixed(2));
      rootRef.current?.setAttribute('data-draws', String(draws.current));
    });
    return () => cancelAnimationFrame(frame);
  }, [layout, positions, liveSelection, liveCount, color, width, theme]);

  // Pointer handlers read the latest props through a ref, so the axis layers keep stable callbacks
  // and only the brushed axis re-renders while a brush is dragged.
  const live = useRef({ layout, axes, brushes, drag, onBrushes });
  useLayoutEffect(() => {
    live.current = { layout, axes, brushes, drag, onBrushes };
  });

  const unitAt = useCallback((e: PointerEvent<Element>) => {
    const { layout: l } = live.current;
    const svg = (e.currentTarget as SVGElement).ownerSVGElement ?? (e.currentTarget as SVGSVGElement);
    const y = e.clientY - svg.getBoundingClientRect().top;
    // Within a few pixels of an end counts as the end, so a brush can take in the extreme values.
    if (y <= l.top + END_SNAP) return 1;
    if (y >= l.bottom - END_SNAP) return 0;
    return yToUnit(l, y);
  }, []);
  const onDown = useCallback(
    (e: PointerEvent<SVGRectElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      const axis = Number(e.currentTarget.dataset.axisIndex);
      const u = unitAt(e);
      setDrag({ axis, startY: e.clientY, u0: u, u1: u });
    },
    [unitAt],
  );
  const onMove = useCallback(
    (e: PointerEvent<SVGRectElement>) => {
      const d = live.current.drag;
      if (!d) return;
      const u = unitAt(e);
      if (u !== d.u1) setDrag({ ...d, u1: u });
    },
    [unitAt],
  );
  const onUp = useCallback((e: PointerEvent<SVGRectElement>) => {
    const { drag: d, axes: all, brushes: current, onBrushes: commit } = live.current;
    if (!d) return;
    const axis = all[d.axis];
    const key = axis.field.id;
    const existing = current.find((b) => b.key === key);
    if (Math.abs(e.clientY - d.startY) < CLICK_SLOP) {
      // A click: inside the brush keeps it, anywhere else on the axis clears it.
      if (existing && !unitInBrush(axis, existing, d.u0)) commit(withBrush(current, key, null));
    } else {
      commit(withBrush(current, key, brushFromUnits(axis, d.u0, d.u1)));
    }
    setDrag(null);
  }, []);
  const onCancel = useCallback(() => setDrag(null), []);

  return (
    <div
      ref={rootRef}
      data-testid="parallel-coordinates"
      data-total-runs={selection.length}
      data-selected-runs={liveCount}
      data-axes={axes.map((a) => a.field.id).join(',')}
      className="relative w-full overflow-x-auto"
    >
      <div style={{ width: width || undefined }}>
        {width > 0 && <PcAxisHeaders layout={layout} axes={axes} onMove={onMoveAxis} onToggleLog={onToggleLog} onRemove={onRemoveAxis} />}
        <div className="relative" style={{ height }}>
          <canvas
            ref={backdropRef}
            aria-hidden
            className={`absolute inset-0 text-slate-400 dark:text-slate-600 ${liveCount < selection.length ? '' : 'invisible'}`}
            style={{ width: layout.width, height }}
          />
          <canvas
            ref={canvasRef}
            aria-hidden
            className="absolute inset-0 [--pc-missing:#94a3b8] dark:[--pc-missing:#64748b]"
            style={{ width: layout.width, height }}
          />
          {width > 0 && (
            <svg width={layout.width} height={height} className="absolute inset-0 touch-none select-none" role="group" aria-label="Parallel coordinates axes">
              {axes.map((axis, i) => (
                <AxisLayer
                  key={axis.field.id}
                  index={i}
                  axis={axis}
                  x={layout.xs[i]}
                  layout={layout}
                  brush={liveBrushes.find((b) => b.key === axis.field.id)}
                  onPointerDown={onDown}
                  onPointerMove={onMove}
                  onPointerUp={onUp}
                  onPointerCancel={onCancel}
                />
              ))}
            </svg>
          )}
        </div>
      </div>
      <span className="sr-only">
        Drag along an axis to keep only the runs in that range; use the axis range inputs below to do it with the keyboard.
      </span>
    </div>
  );
}

const AxisLayer = memo(function AxisLayer({
  index,
  axis,
  x,
  layout,
  brush,
  ...handlers
}: {
  index: number;
  axis: PcAxis;
  x: number;
  layout: PcLayout;
  brush: Brush | undefined;
  onPointerDown: (e: PointerEvent<SVGRectElement>) => void;
  onPointerMove: (e: PointerEvent<SVGRectElement>) => void;
  onPointerUp: (e: PointerEvent<SVGRectElement>) => void;
  onPointerCancel: () => void;
}) {
  const tickCount = Math.max(2, Math.floor((layout.bottom - layout.top) / 28));
  const ticks = useMemo(() => axisTicks(axis, tickCount), [axis, tickCount]);
  const spans = brush ? brushSpans(axis, brush) : [];
  // The test id marks the part centred on the axis line (line, brushes, drag area), so its box's
  // centre is the axis' x whatever the tick labels' widths.
  return (
    <g>
      <g aria-hidden>
        {ticks.map((t, i) => {
          const y = unitToY(layout, t.unit);
          return (
            <g key={i}>
              <line x1={x - 3} x2={x} y1={y} y2={y} className="stroke-slate-500 dark:stroke-slate-400" />
              <text
                x={x + 5}
                y={y}
                dominantBaseline="middle"
                fontSize={10}
                className="fill-slate-700 stroke-white dark:fill-slate-200 dark:stroke-slate-950"
                style={{ paintOrder: 'stroke', strokeWidth: 3, strokeLinejoin: 'round' }}
              >
                {t.label.length > 14 ? `${t.label.slice(0, 13)}…` : t.label}
              </text>
            </g>
          );
        })}
      </g>
      <g data-testid={`pc-axis-${axis.field.id}`} data-brushed={brush ? 'true' : 'false'} aria-label={fieldLongLabel(axis.field)}>
        <line x1={x} x2={x} y1={layout.top} y2={layout.bottom} className="stroke-slate-500 dark:stroke-slate-400" strokeWidth={1} />
        {spans.map(([a, b], i) => {
          const y1 = unitToY(layout, Math.max(a, b));
          const y2 = unitToY(layout, Math.min(a, b));
          return (
            <rect
              key={i}
              data-testid="pc-brush"
              x={x - 8}
              width={16}
              y={y1}
              height={Math.max(2, y2 - y1)}
              className="fill-blue-500/25 stroke-blue-600 dark:fill-blue-400/25 dark:stroke-blue-300"
              strokeWidth={1}
              pointerEvents="none"
            />
          );
        })}
        <rect
          x={x - HIT_WIDTH / 2}
          width={HIT_WIDTH}
          y={layout.top - 4}
          height={layout.bottom - layout.top + 8}
          fill="transparent"
          className="cursor-crosshair"
          data-axis-index={index}
          {...handlers}
        />
      </g>
    </g>
  );
});

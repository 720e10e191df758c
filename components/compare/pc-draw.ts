/**
 * Parallel-coordinates geometry and the canvas drawing of the lines, on two canvases: a faint
 * backdrop of every run (redrawn only when the axes or the size change) and the selected runs on
 * top, one Path2D per colour bin, so 5,000 runs × 12 axes are a few dozen stroke calls and a brush
 * drag redraws only the runs it keeps. Device-pixel-ratio aware: bitmaps are CSS size × dpr.
 */
import { BIN_COLORS, COLOR_BINS, DEFAULT_LINE_COLOR, type ColorScale } from './color-scale';

export interface PcLayout {
  width: number;
  height: number;
  top: number;
  bottom: number;
  /** Each axis' x in CSS pixels. */
  xs: number[];
}

const PAD_X = 48;

export function pcLayout(width: number, height: number, axisCount: number): PcLayout {
  const top = 10;
  const bottom = height - 10;
  const inner = Math.max(0, width - 2 * PAD_X);
  const xs = Array.from({ length: axisCount }, (_, i) => (axisCount <= 1 ? width / 2 : PAD_X + (inner * i) / (axisCount - 1)));
  return { width, height, top, bottom, xs };
}

/** y (CSS px) of a unit position: 1 at the top. */
export function unitToY(layout: PcLayout, u: number): number {
  return layout.top + (1 - u) * (layout.bottom - layout.top);
}

export function yToUnit(layout: PcLayout, y: number): number {
  const span = layout.bottom - layout.top;
  return span > 0 ? Math.min(1, Math.max(0, 1 - (y - layout.top) / span)) : 0.5;
}

/** The axis nearest to x (for dropping a dragged axis). */
export function nearestAxis(layout: PcLayout, x: number): number {
  let best = 0;
  layout.xs.forEach((ax, i) => {
    if (Math.abs(ax - x) < Math.abs(layout.xs[best] - x)) best = i;
  });
  return best;
}

export interface DrawInput {
  layout: PcLayout;
  /** Per axis, each run's unit position (NaN = no value: the line breaks there). */
  positions: readonly Float32Array[];
  selection: Uint8Array;
  selectedCount: number;
  color: ColorScale | null;
  /** Selected runs without a value for the colour field. */
  missingColor: string;
}

function addRun(path: Path2D, xs: readonly number[], positions: readonly Float32Array[], i: number, top: number, span: number) {
  let down = false;
  for (let k = 0; k < xs.length; k += 1) {
    const u = positions[k][i];
    if (Number.isNaN(u)) {
      down = false;
      continue;
    }
    const y = top + (1 - u) * span;
    if (down) path.lineTo(xs[k], y);
    else path.moveTo(xs[k], y);
    down = true;
  }
}

/** Fewer lines stay opaque; thousands fade so their density shows. */
function alphaFor(count: number): number {
  if (count > 2000) return 0.22;
  if (count > 500) return 0.35;
  if (count > 100) return 0.55;
  return 0.85;
}

/** Sizes the bitmap to the layout × device pixel ratio and clears it. */
function prepare(canvas: HTMLCanvasElement, layout: PcLayout): CanvasRenderingContext2D | null {
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(layout.width * dpr));
  const h = Math.max(1, Math.round(layout.height * dpr));
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.lineJoin = 'round';
  return ctx;
}

/**
 * Every run in one faint colour: the backdrop that shows what the brushes leave out. It depends
 * only on the axes and the size, so brushing never redraws it.
 */
export function drawBackdrop(canvas: HTMLCanvasElement, layout: PcLayout, positions: readonly Float32Array[], color: string): number {
  const start = performance.now();
  const ctx = prepare(canvas, layout);
  if (!ctx || layout.xs.length === 0) return 0;
  const runCount = positions[0]?.length ?? 0;
  const path = new Path2D();
  for (let i = 0; i < runCount; i += 1) addRun(path, layout.xs, positions, i, layout.top, layout.bottom - layout.top);
  ctx.globalAlpha = runCount > 1000 ? 0.12 : 0.3;
  ctx.lineWidth = 1;
  ctx.strokeStyle = color;
  ctx.stroke(path);
  return performance.now() - start;
}

/** The selected runs, coloured by bin; returns the milliseconds it took. */
export function drawSelected(canvas: HTMLCanvasElement, input: DrawInput): number {
  const start = performance.now();
  const { layout, positions, selection, selectedCount, color } = input;
  const ctx = prepare(canvas, layout);
  if (!ctx || layout.xs.length === 0) return 0;
  const span = layout.bottom - layout.top;
  // Bins 0..COLOR_BINS-1, then "no value", then "no colour scale".
  const paths = Array.from({ length: COLOR_BINS + 2 }, () => new Path2D());
  const used = new Uint8Array(COLOR_BINS + 2);
  for (let i = 0; i < selection.length; i += 1) {
    if (!selection[i]) continue;
    const b = color ? (color.bins[i] < 0 ? COLOR_BINS : color.bins[i]) : COLOR_BINS + 1;
    used[b] = 1;
    addRun(paths[b], layout.xs, positions, i, layout.top, span);
  }
  ctx.globalAlpha = alphaFor(selectedCount);
  ctx.lineWidth = selectedCount <= 100 ? 1.5 : 1;
  paths.forEach((p, b) => {
    if (!used[b]) return;
    ctx.strokeStyle = b < COLOR_BINS ? BIN_COLORS[b] : b === COLOR_BINS ? input.missingColor : DEFAULT_LINE_COLOR;
    ctx.stroke(p);
  });
  ctx.globalAlpha = 1;
  return performance.now() - start;
}

/**
 * Colour by a numeric field: a perceptually even dark-purple → yellow ramp, quantised into a few
 * bins so the canvas strokes each bin as one path (5,000 lines in a handful of draw calls). The
 * same colours serve the parallel coordinates, the scatter plot and the overlay charts. Pure.
 */

/** Ramp stops, low → high (a viridis-like ramp: readable on white and on dark backgrounds). */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
];

export const COLOR_BINS = 24;
/** Lines and points when no colour field is chosen. */
export const DEFAULT_LINE_COLOR = '#2563eb';

function hex(n: number): string {
  return Math.round(n).toString(16).padStart(2, '0');
}

/** The ramp's colour at t in [0, 1] (clamped). */
export function rampColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return `#${hex(a[0] + (b[0] - a[0]) * f)}${hex(a[1] + (b[1] - a[1]) * f)}${hex(a[2] + (b[2] - a[2]) * f)}`;
}

/** One colour per bin, each the ramp at its bin's centre. */
export const BIN_COLORS: readonly string[] = Array.from({ length: COLOR_BINS }, (_, b) => rampColor((b + 0.5) / COLOR_BINS));

export interface ColorScale {
  min: number;
  max: number;
  /** Each run's bin, -1 where the run has no value. */
  bins: Int16Array;
}

/** Bins the values between their min and max; null when no value is finite. */
export function buildColorScale(values: Float64Array): ColorScale | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return null;
  const span = max - min;
  const bins = new Int16Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i];
    if (!Number.isFinite(v)) bins[i] = -1;
    else bins[i] = span > 0 ? Math.min(COLOR_BINS - 1, Math.floor(((v - min) / span) * COLOR_BINS)) : Math.floor(COLOR_BINS / 2);
  }
  return { min, max, bins };
}

/** A run's colour: its bin's colour, grey without a value, the default blue without a scale. */
export function runColor(scale: ColorScale | null, i: number, missing = '#94a3b8'): string {
  if (!scale) return DEFAULT_LINE_COLOR;
  const b = scale.bins[i];
  return b < 0 ? missing : BIN_COLORS[b];
}

/** A CSS gradient of the ramp, for the legend. */
export function rampGradient(): string {
  return `linear-gradient(to right, ${Array.from({ length: 6 }, (_, i) => rampColor(i / 5)).join(', ')})`;
}

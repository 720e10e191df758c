/**
 * Chart options in the URL (`x=wall&smooth=0.6&log=1`), so a shared link shows the same charts.
 * Defaults are left out of the URL; unknown or out-of-range values fall back to the defaults.
 */
import type { ChartOptions, XAxisMode } from './chart-data';

export const DEFAULT_CHART_OPTIONS: ChartOptions = { xAxis: 'step', smoothing: 0, logY: false };

const X_MODES: readonly XAxisMode[] = ['step', 'wall', 'relative'];

export function parseChartOptions(params: URLSearchParams): ChartOptions {
  const x = params.get('x');
  const smooth = Number(params.get('smooth') ?? '0');
  return {
    xAxis: X_MODES.includes(x as XAxisMode) ? (x as XAxisMode) : DEFAULT_CHART_OPTIONS.xAxis,
    smoothing: Number.isFinite(smooth) && smooth >= 0 && smooth < 1 ? Math.round(smooth * 100) / 100 : 0,
    logY: params.get('log') === '1',
  };
}

/** Writes the options into a copy of `params` (other keys kept). */
export function writeChartOptions(params: URLSearchParams, opts: ChartOptions): URLSearchParams {
  const next = new URLSearchParams(params);
  if (opts.xAxis === DEFAULT_CHART_OPTIONS.xAxis) next.delete('x');
  else next.set('x', opts.xAxis);
  if (opts.smoothing > 0) next.set('smooth', String(Math.round(opts.smoothing * 100) / 100));
  else next.delete('smooth');
  if (opts.logY) next.set('log', '1');
  else next.delete('log');
  return next;
}

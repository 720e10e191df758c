import { describe, expect, it } from 'vitest';
import { formatElapsed, formatTick, formatX, niceTicks, timeTicks, valueAxis } from '@/components/charts/chart-format';
import { DEFAULT_CHART_OPTIONS, parseChartOptions, writeChartOptions } from '@/components/charts/chart-options-url';

describe('chart axis text', () => {
  it('formats ticks compactly', () => {
    expect(formatTick(0)).toBe('0');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(0.123456)).toBe('0.1235');
    expect(formatTick(15000)).toBe('15k');
    expect(formatTick(1_000_000)).toBe('1M');
    expect(formatTick(0.00005)).toBe('5e-5');
    expect(formatTick(-2500)).toBe('-2500');
  });

  it('formats x by axis mode', () => {
    expect(formatX(2000, 'step')).toBe('2000');
    expect(formatX(90, 'relative')).toBe('1m 30s');
    expect(formatX(300, 'relative')).toBe('5m');
    expect(formatX(0, 'relative')).toBe('0s');
    expect(formatX(new Date(2026, 0, 2, 3, 4, 5).getTime(), 'wall')).toBe('03:04:05');
    expect(formatX(new Date(2026, 0, 2, 3, 4, 5).getTime(), 'wall', 3 * 86_400_000)).toBe('01-02 03:04');
  });
});

describe('formatElapsed', () => {
  it('writes elapsed time compactly', () => {
    expect(formatElapsed(2.5)).toBe('2.5s');
    expect(formatElapsed(45)).toBe('45s');
    expect(formatElapsed(3600 + 5 * 60)).toBe('1h 05m');
    expect(formatElapsed(7200)).toBe('2h');
    expect(formatElapsed(2 * 86400 + 3 * 3600)).toBe('2d 3h');
  });
});

describe('axis ticks', () => {
  it('places round ticks inside the data range', () => {
    expect(niceTicks(19, 92, 5, true)).toEqual([20, 40, 60, 80]);
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 3, 5, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(5, 5)).toEqual([5]);
  });

  it('places elapsed-time ticks at round durations', () => {
    expect(timeTicks(0, 600, 1000, 5)).toEqual([0, 120, 240, 360, 480, 600]);
    expect(timeTicks(0, 7200, 1000, 4)).toEqual([0, 1800, 3600, 5400, 7200]);
  });

  it('aligns wall-clock ticks to local minutes', () => {
    const start = new Date(2026, 0, 2, 3, 4, 17).getTime();
    const ticks = timeTicks(start, start + 10 * 60_000, 1, 5);
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(new Date(t).getSeconds()).toBe(0);
    expect(ticks[0]).toBeGreaterThanOrEqual(start);
  });
});

describe('chart options in the URL', () => {
  it('round-trips the options and leaves defaults out', () => {
    const opts = { xAxis: 'relative' as const, smoothing: 0.6, logY: true };
    const params = writeChartOptions(new URLSearchParams('tab=charts'), opts);
    expect(params.toString()).toBe('tab=charts&x=relative&smooth=0.6&log=1');
    expect(parseChartOptions(params)).toEqual(opts);
    expect(writeChartOptions(params, DEFAULT_CHART_OPTIONS).toString()).toBe('tab=charts');
  });

  it('falls back to defaults for bad values', () => {
    expect(parseChartOptions(new URLSearchParams('x=bogus&smooth=7&log=yes'))).toEqual(DEFAULT_CHART_OPTIONS);
    expect(parseChartOptions(new URLSearchParams('smooth=abc'))).toEqual(DEFAULT_CHART_OPTIONS);
  });
});

describe('valueAxis', () => {
  it('rounds the bounds out to whole steps and ticks from bound to bound', () => {
    expect(valueAxis(0.13, 0.87, false)).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(valueAxis(-3, 42, false)).toEqual({ domain: [-10, 50], ticks: [-10, 0, 10, 20, 30, 40, 50] });
    expect(valueAxis(2.59, 2.76, false)!.domain).toEqual([2.55, 2.8]);
    // A bound that floating point puts a hair above a whole step is still the first tick.
    expect(valueAxis(0.2891, 0.3512, false, 4)!.ticks).toEqual([0.28, 0.3, 0.32, 0.34, 0.36]);
  });

  it('gives a single value room around it', () => {
    expect(valueAxis(5, 5, false)!.domain).toEqual([4.4, 5.6]);
    expect(valueAxis(0, 0, false)!.domain).toEqual([-1, 1]);
  });

  it('uses whole decades on a log axis, with 2 and 5 between few of them', () => {
    expect(valueAxis(0.3, 40, true)).toEqual({ domain: [0.1, 100], ticks: [0.1, 1, 10, 100] });
    expect(valueAxis(3, 40, true)).toEqual({ domain: [1, 100], ticks: [1, 2, 5, 10, 20, 50, 100] });
    expect(valueAxis(1e-6, 1e6, true)!.ticks).toEqual([1e-6, 1e-3, 1, 1e3, 1e6]);
    expect(valueAxis(10, 10, true)).toEqual({ domain: [10, 100], ticks: [10, 20, 50, 100] });
  });

  it('has no axis for nothing, or for values a log scale cannot show', () => {
    expect(valueAxis(Number.NaN, 1, false)).toBeNull();
    expect(valueAxis(0, 5, true)).toBeNull();
  });
});

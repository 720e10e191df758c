import { describe, expect, it } from 'vitest';
import { formatElapsed, formatTick, formatX, niceTicks, timeTicks } from '@/components/charts/chart-format';
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

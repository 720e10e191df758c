import { describe, expect, it } from 'vitest';
import { BIN_COLORS, buildColorScale, COLOR_BINS, rampColor } from '@/components/compare/color-scale';
import { fieldId, type Field, type FieldValue } from '@/components/compare/compare-fields';
import { brushFromUnits, brushSpans, countSelected, selectRuns, unitInBrush, withBrush, type Brush } from '@/components/compare/pc-brush';
import { nearestAxis, pcLayout, unitToY, yToUnit } from '@/components/compare/pc-draw';
import { axisPositions, axisTicks, buildAxis, unitToValue, valueToUnit, type PcAxis } from '@/components/compare/pc-scales';

const field = (id: string): Field => ({ id, kind: id.slice(0, id.indexOf(':')) as Field['kind'], key: id.slice(id.indexOf(':') + 1) });
const axis = (id: string, values: FieldValue[], log = false): PcAxis => buildAxis(field(id), values, log);

describe('parallel-coordinates scales', () => {
  it('makes numeric params numeric axes and places values between min and max', () => {
    const a = axis('p:lr', ['0.1', '0.3', undefined, '0.2']);
    expect(a.kind).toBe('numeric');
    expect(Array.from(axisPositions(a)).map((u) => (Number.isNaN(u) ? 'none' : Math.round(u * 100) / 100))).toEqual([0, 1, 'none', 0.5]);
  });

  it('makes text values categorical, in natural order', () => {
    const a = axis('p:opt', ['sgd', 'adam', 'layer10', 'layer9', 'adam']);
    if (a.kind !== 'categorical') throw new Error('expected categorical');
    expect(a.categories).toEqual(['adam', 'layer9', 'layer10', 'sgd']);
    expect(Array.from(axisPositions(a))).toEqual([1, 0, 2 / 3, 1 / 3, 0].map(Math.fround));
  });

  it('uses a log scale only when asked and every value is above zero', () => {
    const ok = axis('p:lr', [0.001, 0.01, 0.1], true);
    if (ok.kind !== 'numeric') throw new Error('expected numeric');
    expect(ok.log).toBe(true);
    expect(valueToUnit(ok, 0.01)).toBeCloseTo(0.5);
    expect(unitToValue(ok, 0.5)).toBeCloseTo(0.01);
    const zero = axis('p:lr', [0, 0.01, 0.1], true);
    expect(zero.kind === 'numeric' && zero.log).toBe(false);
    expect(zero.kind === 'numeric' && zero.canLog).toBe(false);
  });

  it('puts a constant axis in the middle', () => {
    const a = axis('m:acc', [0.5, 0.5]);
    expect(Array.from(axisPositions(a))).toEqual([0.5, 0.5]);
    expect(axisTicks(a, 5)).toEqual([{ unit: 0.5, label: '0.5' }]);
  });

  it('labels log axes by powers of ten and thins categorical labels', () => {
    const log = axis('p:lr', [1e-5, 1e-1], true);
    expect(axisTicks(log, 10).map((t) => t.label)).toEqual(['1e-5', '1e-4', '0.001', '0.01', '0.1']);
    const many = axis('t:name', Array.from({ length: 100 }, (_, i) => `run-${i}`));
    const ticks = axisTicks(many, 10);
    expect(ticks.length).toBeLessThanOrEqual(11);
    expect(ticks[0].unit).toBe(0);
    expect(ticks.at(-1)?.unit).toBe(1);
  });
});

describe('brushing', () => {
  const lr = axis('p:lr', [0.1, 0.2, 0.3, 0.4, undefined]);
  const opt = axis('p:opt', ['adam', 'sgd', 'adam', 'rmsprop', 'sgd']);

  it('turns a dragged span (either direction) into a value range', () => {
    expect(brushFromUnits(lr, 0.75, 0.25)).toEqual({ key: 'p:lr', min: 0.175, max: 0.325 });
  });

  it('turns a span on a categorical axis into the categories inside it, or nothing', () => {
    // adam 0, rmsprop 0.5, sgd 1
    expect(brushFromUnits(opt, 0.4, 1)).toEqual({ key: 'p:opt', categories: ['rmsprop', 'sgd'] });
    expect(brushFromUnits(opt, 0.1, 0.2)).toBeNull();
  });

  it('ANDs brushes and leaves out runs without a value on a brushed axis', () => {
    const brushes: Brush[] = [
      { key: 'p:lr', min: 0.15, max: 0.5 },
      { key: 'p:opt', categories: ['adam', 'sgd'] },
    ];
    const mask = selectRuns([lr, opt], brushes, 5);
    expect(Array.from(mask)).toEqual([0, 1, 1, 0, 0]);
    expect(countSelected(mask)).toBe(2);
  });

  it('ignores brushes on axes not shown and brushes of the wrong kind', () => {
    const mask = selectRuns([lr], [{ key: 'p:other', min: 0, max: 0 }, { key: 'p:lr', categories: ['x'] }], 5);
    expect(countSelected(mask)).toBe(5);
  });

  it('selects on a log axis by value, the same as on a linear one', () => {
    const logAxis = axis('p:lr', [0.001, 0.01, 0.1, 1], true);
    const b = brushFromUnits(logAxis, 0.3, 0.7);
    expect(b).not.toBeNull();
    expect(Array.from(selectRuns([logAxis], [b!], 4))).toEqual([0, 1, 1, 0]);
    expect(Array.from(selectRuns([axis('p:lr', [0.001, 0.01, 0.1, 1])], [b!], 4))).toEqual([0, 1, 1, 0]);
  });

  it('draws category brushes as one band per run of neighbours and knows what a click hits', () => {
    const spans = brushSpans(opt, { key: 'p:opt', categories: ['adam', 'sgd'] });
    expect(spans).toEqual([
      [0, 0.25],
      [0.75, 1],
    ]);
    expect(unitInBrush(opt, { key: 'p:opt', categories: ['adam', 'sgd'] }, 0.5)).toBe(false);
    expect(unitInBrush(lr, { key: 'p:lr', min: 0.1, max: 0.2 }, 0.2)).toBe(true);
  });

  it('replaces, adds and removes one axis brush at a time', () => {
    const a: Brush = { key: 'p:a', min: 0, max: 1 };
    const b: Brush = { key: 'p:b', min: 0, max: 1 };
    expect(withBrush([a], 'p:b', b)).toEqual([a, b]);
    expect(withBrush([a, b], 'p:a', { key: 'p:a', min: 2, max: 3 })).toEqual([{ key: 'p:a', min: 2, max: 3 }, b]);
    expect(withBrush([a, b], 'p:a', null)).toEqual([b]);
  });

  it('selects 5,000 runs on 12 brushed axes quickly', () => {
    const n = 5000;
    const axes = Array.from({ length: 12 }, (_, k) => axis(fieldId('m', `m${k}`), Array.from({ length: n }, (_, i) => ((i * (k + 7)) % 1000) / 1000)));
    const brushes = axes.map((a) => brushFromUnits(a, 0.05, 0.95)!);
    const t = performance.now();
    const mask = selectRuns(axes, brushes, n);
    expect(performance.now() - t).toBeLessThan(50);
    expect(countSelected(mask)).toBeGreaterThan(0);
  });
});

describe('layout and colours', () => {
  it('spreads axes across the width and converts y both ways', () => {
    const l = pcLayout(596, 220, 6);
    expect(l.xs[0]).toBe(48);
    expect(l.xs[5]).toBe(548);
    expect(nearestAxis(l, 160)).toBe(1);
    expect(yToUnit(l, unitToY(l, 0.3))).toBeCloseTo(0.3);
    expect(pcLayout(400, 100, 1).xs).toEqual([200]);
  });

  it('bins values between their extremes, missing ones apart', () => {
    const s = buildColorScale(new Float64Array([0, 5, 10, Number.NaN]));
    expect(s).not.toBeNull();
    expect(Array.from(s!.bins)).toEqual([0, COLOR_BINS / 2, COLOR_BINS - 1, -1]);
    expect(buildColorScale(new Float64Array([Number.NaN]))).toBeNull();
    expect(BIN_COLORS).toHaveLength(COLOR_BINS);
    expect(rampColor(0)).toBe('#440154');
    expect(rampColor(1)).toBe('#fde725');
  });
});

describe('brush bounds', () => {
  it('are rounded to what a drag can mean', () => {
    const lin = buildAxis(field('p:x'), [0, 1234.5], false);
    const b = brushFromUnits(lin, 0.123456, 0.654321);
    expect(b).toEqual({ key: 'p:x', min: 152, max: 808 });
    const log = buildAxis(field('p:lr'), [1e-5, 1], true);
    const c = brushFromUnits(log, 0.5, 0.75) as { min: number; max: number };
    expect(c.min).toBe(0.003162);
    expect(c.max).toBe(0.05623);
  });
});

import { describe, expect, it } from 'vitest';
import { emaSmooth } from '@/components/charts/smoothing';

describe('emaSmooth (TensorBoard EMA with debias)', () => {
  it('returns the values unchanged at weight 0', () => {
    expect(emaSmooth([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('debiases the start: the first smoothed value equals the first value', () => {
    const out = emaSmooth([10, 20, 30], 0.9);
    expect(out[0]).toBeCloseTo(10, 10);
  });

  it('matches the hand-computed debiased EMA', () => {
    const w = 0.6;
    const xs = [1, 3, 2, 8];
    let last = 0;
    const expected = xs.map((x, i) => {
      last = last * w + (1 - w) * x;
      return last / (1 - w ** (i + 1));
    });
    const out = emaSmooth(xs, w);
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('smooths a noisy signal towards its mean', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0 : 2));
    const out = emaSmooth(noisy, 0.95) as number[];
    expect(Math.abs(out[199] - 1)).toBeLessThan(0.1);
  });

  it('passes gaps and non-finite values through without disturbing the average', () => {
    const out = emaSmooth([1, null, Number.NaN, 3], 0.5);
    expect(out[1]).toBeNull();
    expect(out[2]).toBeNaN();
    // Same as smoothing [1, 3] alone.
    const plain = emaSmooth([1, 3], 0.5);
    expect(out[3]).toBeCloseTo(plain[1] as number, 12);
  });

  it('keeps a constant series exactly constant', () => {
    expect(emaSmooth([0.3, 0.3, 0.3], 0.99)).toEqual([0.3, 0.3, 0.3]);
  });

  it('clamps out-of-range weights', () => {
    expect(emaSmooth([1, 2], -1)).toEqual([1, 2]);
    const out = emaSmooth([1, 2, 3], 5);
    expect(out.every((v) => v !== null && Number.isFinite(v))).toBe(true);
  });
});

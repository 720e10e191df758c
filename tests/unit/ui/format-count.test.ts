import { describe, expect, it } from 'vitest';
import { formatCount } from '@/lib/format';
import { pointsNote } from '@/components/charts/chart-data';

describe('formatCount', () => {
  it('groups thousands with commas, like en-US', () => {
    for (const n of [0, 7, 999, 1000, 12_345, 1_000_000, 987_654_321, -1234, -999]) {
      expect(formatCount(n)).toBe(n.toLocaleString('en-US'));
    }
  });

  it('rounds to a whole number and leaves non-finite values as they are', () => {
    expect(formatCount(1234.6)).toBe('1,235');
    expect(formatCount(Number.NaN)).toBe('NaN');
  });

  it('writes the chart points note', () => {
    expect(pointsNote(500, 1_000_000)).toBe('500 of 1,000,000 points');
    expect(pointsNote(1500, null)).toBe('1,500 sampled points');
  });
});

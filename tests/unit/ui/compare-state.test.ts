import { describe, expect, it } from 'vitest';
import { decodeCompareState, encodeCompareState, STATE_VERSION, type CompareState } from '@/components/compare/compare-state';
import { compareQueryHref, compareRunsHref, parseCompareSearch, sharedViewHref } from '@/components/compare/compare-url';

const FULL: CompareState = {
  source: { kind: 'query', experimentIds: ['1', '4'], filter: "metrics.acc > 0.8 and params.opt = 'adam'", orderBy: ['metrics.`val loss` ASC'] },
  axes: [
    { key: 'p:lr', log: true },
    { key: 'p:optimizer', log: false },
    { key: 'm.min:val loss', log: false },
  ],
  brushes: [
    { key: 'p:lr', min: 0.001, max: 0.01 },
    { key: 'p:optimizer', categories: ['adam', 'sgd'] },
  ],
  colorBy: 'm:acc',
  overlay: { metrics: ['loss', 'acc'], options: { xAxis: 'relative', smoothing: 0.6, logY: true } },
  scatter: { x: 'p:lr', y: 'm:acc' },
  onlyDifferences: true,
  transposed: true,
};

function roundTrip(state: CompareState) {
  return decodeCompareState(JSON.parse(JSON.stringify(encodeCompareState(state))));
}

describe('compare state codec', () => {
  it('restores every part of a view saved as JSON', () => {
    const decoded = roundTrip(FULL);
    expect(decoded).toEqual({ state: FULL, dropped: [] });
  });

  it('keeps an explicit run list', () => {
    const state: CompareState = { ...FULL, source: { kind: 'runs', runIds: ['abc123', 'def456'] } };
    expect(roundTrip(state)).toEqual({ state, dropped: [] });
  });

  it('rejects what is not a compare view of this version', () => {
    expect(decodeCompareState(null)).toHaveProperty('error');
    expect(decodeCompareState([1, 2])).toHaveProperty('error');
    expect(decodeCompareState({ ...encodeCompareState(FULL), version: STATE_VERSION + 1 })).toHaveProperty('error');
    expect(decodeCompareState({ ...encodeCompareState(FULL), source: { kind: 'runs', runIds: ['only-one'] } })).toHaveProperty('error');
    expect(decodeCompareState({ ...encodeCompareState(FULL), source: { kind: 'runs', runIds: ["a'); drop", 'b'] } })).toHaveProperty('error');
    expect(decodeCompareState({ ...encodeCompareState(FULL), source: { kind: 'query', experimentIds: [], filter: '', orderBy: [] } })).toHaveProperty('error');
    expect(decodeCompareState({ ...encodeCompareState(FULL), source: { kind: 'other' } })).toHaveProperty('error');
  });

  it('drops invalid parts of untrusted state and says which', () => {
    const raw = {
      ...encodeCompareState(FULL),
      axes: [{ key: 'p:lr', log: 'yes' }, { key: 'nonsense' }, 42, { key: 'p:lr', log: true }, { key: 'm:acc', log: false }],
      brushes: [
        { key: 'p:lr', min: 'a', max: 2 },
        { key: 'm:acc', min: 0.9, max: 0.5 },
        { key: 'p:not-an-axis', min: 0, max: 1 },
        { key: 'm:acc', min: 0, max: 1 },
        { key: 'p:lr', categories: [] },
      ],
      colorBy: { evil: true },
      overlay: { metrics: ['loss', 7, 'loss'], options: { xAxis: 'sideways', smoothing: 5, logY: 'true' } },
      scatter: { x: 'x:bad', y: 'm:acc' },
      onlyDifferences: 'yes',
      transposed: 1,
    };
    const decoded = decodeCompareState(raw);
    if ('error' in decoded) throw new Error(decoded.error);
    const s = decoded.state;
    expect(s.axes).toEqual([
      { key: 'p:lr', log: false },
      { key: 'm:acc', log: false },
    ]);
    // Reversed bounds are put in order; brushes on unknown axes, duplicates and bad values are dropped.
    expect(s.brushes).toEqual([{ key: 'm:acc', min: 0.5, max: 0.9 }]);
    expect(s.colorBy).toBeUndefined();
    expect(s.overlay).toEqual({ metrics: ['loss'], options: { xAxis: 'step', smoothing: 0, logY: false } });
    expect(s.scatter).toEqual({ x: null, y: 'm:acc' });
    expect(s.onlyDifferences).toBe(false);
    expect(s.transposed).toBe(false);
    expect(decoded.dropped).toEqual(expect.arrayContaining(['an axis', 'a brush', 'the colour field', 'an overlay chart']));
  });

  it('leaves the parts a state does not hold to the page defaults', () => {
    const decoded = decodeCompareState({ version: STATE_VERSION, source: { kind: 'runs', runIds: ['a', 'b'] }, colorBy: null });
    expect(decoded).toEqual({ state: { source: { kind: 'runs', runIds: ['a', 'b'] }, colorBy: null }, dropped: [] });
  });

  it('caps oversized lists instead of trusting them', () => {
    const axes = Array.from({ length: 500 }, (_, i) => ({ key: `p:k${i}`, log: false }));
    const decoded = decodeCompareState({ ...encodeCompareState(FULL), axes, brushes: [] });
    if ('error' in decoded) throw new Error(decoded.error);
    expect(decoded.state.axes).toHaveLength(40);
    const many = decodeCompareState({ ...encodeCompareState(FULL), source: { kind: 'runs', runIds: Array.from({ length: 5001 }, (_, i) => `r${i}`) } });
    expect(many).toHaveProperty('error');
  });
});

describe('compare URLs', () => {
  it('reads explicit run ids, deduplicated', () => {
    expect(parseCompareSearch(new URLSearchParams('runs=a1,b2,a1'))).toEqual({ source: { kind: 'runs', runIds: ['a1', 'b2'] } });
  });

  it('asks for two runs and refuses ids that could not be run ids', () => {
    expect(parseCompareSearch(new URLSearchParams('runs=a1'))).toHaveProperty('error');
    expect(parseCompareSearch(new URLSearchParams(''))).toHaveProperty('error');
    expect(parseCompareSearch(new URLSearchParams(`runs=a1,${encodeURIComponent("x' OR 1=1")}`))).toHaveProperty('error');
  });

  it('round-trips a query link, filter and order terms included', () => {
    const href = compareQueryHref({ experimentIds: ['1', '4'], filter: "params.opt = 'a&b' and metrics.`a,b` > 1", orderBy: ['metrics.`a,b` DESC', 'attributes.start_time ASC'] });
    expect(href.startsWith('/compare?experiments=1%2C4&filter=')).toBe(true);
    const parsed = parseCompareSearch(new URL(href, 'http://x').searchParams);
    expect(parsed).toEqual({
      source: { kind: 'query', experimentIds: ['1', '4'], filter: "params.opt = 'a&b' and metrics.`a,b` > 1", orderBy: ['metrics.`a,b` DESC', 'attributes.start_time ASC'] },
    });
  });

  it('takes a single order term as a string and leaves out an empty filter', () => {
    expect(compareQueryHref({ experimentIds: ['6'], orderBy: 'metrics.loss ASC' })).toBe('/compare?experiments=6&order=metrics.loss+ASC');
    expect(compareQueryHref({ experimentIds: ['6'], filter: '' })).toBe('/compare?experiments=6');
  });

  it('reads a shared view id before anything else', () => {
    expect(parseCompareSearch(new URL(sharedViewHref('Ab_9-x'), 'http://x').searchParams)).toEqual({ viewId: 'Ab_9-x' });
    expect(parseCompareSearch(new URLSearchParams('v=../../etc'))).toHaveProperty('error');
  });

  it('builds the runs-table link', () => {
    expect(compareRunsHref(['a', 'b'])).toBe('/compare?runs=a,b');
  });
});

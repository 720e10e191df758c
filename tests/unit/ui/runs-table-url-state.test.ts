import { describe, expect, it } from 'vitest';
import {
  decodeViewState,
  defaultViewState,
  encodeViewState,
  MAX_SELECTION_IN_URL,
  type TableViewState,
} from '@/components/runs-table/url-state';

const roundTrip = (s: TableViewState) => decodeViewState(new URLSearchParams(encodeViewState(s)));

describe('runs table URL state', () => {
  it('leaves the defaults out of the URL', () => {
    expect(encodeViewState(defaultViewState())).toBe('');
    expect(decodeViewState(new URLSearchParams(''))).toEqual(defaultViewState());
  });

  it('round-trips filter, sort, columns with metric modes, pins, quick filters, expansion and selection', () => {
    const state: TableViewState = {
      filter: "metrics.acc > 0.8 and params.model = 'xgb'",
      sort: { col: 'm:val loss', desc: true },
      columns: [{ kind: 'm', key: 'val loss', agg: 'max' }, { kind: 'm', key: 'acc' }, { kind: 'p', key: 'lr' }, { kind: 't', key: 'mlflow.source.name' }],
      hidden: ['user', 'source'],
      pinned: ['name', 'm:acc'],
      statuses: ['FAILED', 'KILLED'],
      view: 'deleted',
      flat: false,
      expanded: ['abc123'],
      selected: ['r1', 'r2'],
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('writes a short readable query', () => {
    const qs = encodeViewState({
      ...defaultViewState(),
      sort: { col: 'm:loss', desc: true },
      columns: [{ kind: 'm', key: 'loss', agg: 'min' }, { kind: 'p', key: 'lr' }],
      statuses: ['FINISHED'],
    });
    expect(qs).toBe('sort=-m:loss&cols=m.min:loss,p:lr&status=FINISHED');
  });

  it('round-trips keys holding commas, percent signs, colons, ampersands and spaces', () => {
    const state: TableViewState = {
      ...defaultViewState(),
      sort: { col: 'p:a,b', desc: false },
      columns: [{ kind: 'p', key: 'a,b' }, { kind: 'm', key: '100%,x:y&z=1 #2' }, { kind: 't', key: '%2C' }],
      pinned: ['p:a,b'],
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('keeps an explicit empty column list, no pins and no hidden columns apart from the defaults', () => {
    const s = roundTrip({ ...defaultViewState(), columns: [], pinned: [], hidden: [] });
    expect(s.columns).toEqual([]);
    expect(s.pinned).toEqual([]);
    expect(s.hidden).toEqual([]);
  });

  it('keeps query parameters it does not own', () => {
    const qs = encodeViewState({ ...defaultViewState(), flat: true }, new URLSearchParams('tab=charts&filter=old'));
    expect(qs).toBe('tab=charts&flat=1');
  });

  it('ignores junk: unknown statuses and columns, duplicate columns, run name in hide', () => {
    const s = decodeViewState(new URLSearchParams('status=FINISHED,bogus,finished&cols=m:a,x:b,m:a,m.max:a&hide=name,user,nope&sort=zzz'));
    expect(s.statuses).toEqual(['FINISHED']);
    expect(s.columns).toEqual([{ kind: 'm', key: 'a' }]);
    expect(s.hidden).toEqual(['user']);
    expect(decodeViewState(new URLSearchParams('hide=')).hidden).toEqual([]);
    expect(s.sort).toBeNull();
  });

  it('leaves a selection too large for a URL out of it', () => {
    const selected = Array.from({ length: MAX_SELECTION_IN_URL + 1 }, (_, i) => `run${i}`);
    expect(encodeViewState({ ...defaultViewState(), selected })).toBe('');
    expect(roundTrip({ ...defaultViewState(), selected: selected.slice(1) }).selected).toHaveLength(MAX_SELECTION_IN_URL);
  });

  it('does not write expanded parents in the flat list', () => {
    expect(encodeViewState({ ...defaultViewState(), flat: true, expanded: ['p1'] })).toBe('flat=1');
  });
});

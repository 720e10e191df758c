import { describe, expect, it } from 'vitest';
import { defaultDataColumns, orderByFor } from '@/components/runs-table/columns';
import type { TableRun } from '@/lib/api-client';
import { buildQuery, columnLayout } from '@/components/runs-table/table-query';
import { defaultViewState } from '@/components/runs-table/url-state';

describe('runs table query', () => {
  it('sorts newest first by default and asks for top-level runs only', () => {
    expect(buildQuery(['1'], defaultViewState())).toEqual({
      experimentIds: ['1'],
      filter: undefined,
      orderBy: ['attributes.start_time DESC'],
      viewType: 'ACTIVE_ONLY',
      topLevelOnly: true,
      statuses: undefined,
    });
  });

  it('maps each sortable column to its order_by term, quoting keys that need it', () => {
    expect(orderByFor('name', false)).toBe('attributes.run_name ASC');
    expect(orderByFor('status', true)).toBe('attributes.status DESC');
    expect(orderByFor('user', false)).toBe('attributes.user_id ASC');
    expect(orderByFor('end', true)).toBe('attributes.end_time DESC');
    expect(orderByFor('source', false)).toBe('tags.`mlflow.source.name` ASC');
    expect(orderByFor('m:val loss', true)).toBe('metrics.`val loss` DESC');
    expect(orderByFor('m:loss', false, 'min')).toBe('min(metrics.loss) ASC');
    expect(orderByFor('m:loss', true, 'max')).toBe('max(metrics.loss) DESC');
    expect(orderByFor('p:lr', false)).toBe('params.lr ASC');
    expect(orderByFor('t:team', false)).toBe('tags.team ASC');
    expect(orderByFor('duration', false)).toBeNull();
    expect(orderByFor('models', false)).toBeNull();
  });

  it('sorts a metric column by the value it shows (last, min or max)', () => {
    const v = { ...defaultViewState(), sort: { col: 'm:loss', desc: false }, columns: [{ kind: 'm' as const, key: 'loss', agg: 'min' as const }] };
    expect(buildQuery(['1'], v).orderBy).toEqual(['min(metrics.loss) ASC']);
  });

  it('passes quick filters and lists deleted runs flat', () => {
    const q = buildQuery(['1', '4'], { ...defaultViewState(), filter: '  metrics.acc > 0.8 ', statuses: ['FAILED'], view: 'deleted' });
    expect(q).toMatchObject({ experimentIds: ['1', '4'], filter: 'metrics.acc > 0.8', statuses: ['FAILED'], viewType: 'DELETED_ONLY', topLevelOnly: undefined });
  });

  it('lays out default columns: attributes, then the first metrics and params; run name pinned', () => {
    const layout = columnLayout(defaultViewState(), defaultDataColumns({ params: ['a', 'b', 'c', 'd'], metrics: ['system/cpu', 'acc', 'loss'] }), false);
    expect(layout.visible).toEqual(['name', 'status', 'start', 'duration', 'user', 'source', 'models', 'm:acc', 'm:loss', 'p:a', 'p:b', 'p:c']);
    expect(layout.pinned).toEqual(['name']);
    const multi = columnLayout({ ...defaultViewState(), hidden: [], columns: [] }, null, true);
    expect(multi.visible).toEqual(['name', 'experiment', 'status', 'start', 'end', 'duration', 'user', 'source', 'models']);
  });

  it('prefers the metrics and params most runs of the first page have', () => {
    const run = (metrics: string[], params: string[]) =>
      ({ data: { metrics: metrics.map((key) => ({ key, value: 1, timestamp: 0, step: 0 })), params: params.map((key) => ({ key, value: '1' })) } }) as unknown as TableRun;
    const sample = [run(['val_auc', 'loss'], ['lr']), run(['val_auc'], ['lr', 'depth']), run(['val_auc', 'zeta'], [])];
    expect(defaultDataColumns({ metrics: ['acc', 'best', 'loss', 'val_auc', 'zeta'], params: ['a', 'depth', 'lr'] }, sample, 2)).toEqual([
      { kind: 'm', key: 'val_auc' },
      { kind: 'm', key: 'loss' },
      { kind: 'p', key: 'lr' },
      { kind: 'p', key: 'depth' },
    ]);
  });
});

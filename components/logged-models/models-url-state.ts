/**
 * The models list's state in the query string: `?filter=` (the logged-models filter DSL) and the
 * sort (`?sort=metrics.val_auc&asc=1`, plus `&sortDataset=` for a metric measured on a dataset).
 * Pure, unit-tested.
 */
import type { LoggedModelOrder } from '@/lib/api-client';

export interface ModelsSort {
  /** An attribute (`name`, `creation_time`, `model_type`, `status`) or `metrics.<key>`. */
  field: string;
  asc: boolean;
  datasetName?: string;
  datasetDigest?: string;
}

export interface ModelsViewState {
  filter: string;
  /** null: the server's order (newest first). */
  sort: ModelsSort | null;
}

export const SORTABLE_ATTRIBUTES = ['name', 'creation_time', 'model_type', 'status'] as const;

function validField(field: string): boolean {
  return (SORTABLE_ATTRIBUTES as readonly string[]).includes(field) || /^metrics\..+/.test(field);
}

export function readModelsState(params: URLSearchParams): ModelsViewState {
  const field = params.get('sort') ?? '';
  const sort: ModelsSort | null = validField(field)
    ? {
        field,
        asc: params.get('asc') === '1',
        ...(field.startsWith('metrics.') && params.get('sortDataset') ? { datasetName: params.get('sortDataset') ?? undefined } : {}),
        ...(field.startsWith('metrics.') && params.get('sortDataset') && params.get('sortDigest') ? { datasetDigest: params.get('sortDigest') ?? undefined } : {}),
      }
    : null;
  return { filter: params.get('filter') ?? '', sort };
}

/** A copy of `params` with the state written; defaults leave their keys out. */
export function writeModelsState(params: URLSearchParams, state: ModelsViewState): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const key of ['filter', 'sort', 'asc', 'sortDataset', 'sortDigest']) next.delete(key);
  if (state.filter.trim()) next.set('filter', state.filter);
  if (state.sort && validField(state.sort.field)) {
    next.set('sort', state.sort.field);
    next.set('asc', state.sort.asc ? '1' : '0');
    if (state.sort.datasetName) next.set('sortDataset', state.sort.datasetName);
    if (state.sort.datasetName && state.sort.datasetDigest) next.set('sortDigest', state.sort.datasetDigest);
  }
  return next;
}

export function orderByOf(sort: ModelsSort | null): LoggedModelOrder[] | undefined {
  if (!sort) return undefined;
  return [{ fieldName: sort.field, ascending: sort.asc, datasetName: sort.datasetName, datasetDigest: sort.datasetDigest }];
}

export function sameSortTarget(a: ModelsSort | null, b: Omit<ModelsSort, 'asc'>): boolean {
  return !!a && a.field === b.field && (a.datasetName ?? '') === (b.datasetName ?? '') && (a.datasetDigest ?? '') === (b.datasetDigest ?? '');
}

/**
 * A click on a column header: a new column sorts descending for metrics and times (best and newest
 * first) and ascending for text; the same column flips direction.
 */
export function nextSort(current: ModelsSort | null, target: Omit<ModelsSort, 'asc'>): ModelsSort {
  if (sameSortTarget(current, target) && current) return { ...current, asc: !current.asc };
  const textual = target.field === 'name' || target.field === 'model_type' || target.field === 'status';
  return { ...target, asc: textual };
}

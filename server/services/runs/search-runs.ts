import type { Page, Run, ViewType } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { LIMITS, validateExperimentId, validateMaxResults } from '../validation';

export interface SearchRunsRequest {
  experimentIds: string[];
  filter?: string;
  orderBy: string[];
  runViewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

export const DEFAULT_RUNS_PAGE = 1000;

export async function searchRuns(store: TrackingStore, req: SearchRunsRequest): Promise<Page<Run>> {
  return store.searchRuns({
    experimentIds: req.experimentIds.map(validateExperimentId),
    filter: req.filter ?? '',
    orderBy: req.orderBy,
    viewType: req.runViewType ?? 'ACTIVE_ONLY',
    maxResults: validateMaxResults(req.maxResults ?? DEFAULT_RUNS_PAGE, LIMITS.searchMaxResults),
    pageToken: req.pageToken || undefined,
  });
}

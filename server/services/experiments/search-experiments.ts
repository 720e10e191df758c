import type { Experiment, Page, ViewType } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { LIMITS, validateMaxResults } from '../validation';

export interface SearchExperimentsRequest {
  filter?: string;
  orderBy: string[];
  viewType?: ViewType;
  maxResults?: number;
  pageToken?: string;
}

export const DEFAULT_EXPERIMENTS_PAGE = 1000;

export async function searchExperiments(store: TrackingStore, req: SearchExperimentsRequest): Promise<Page<Experiment>> {
  return store.searchExperiments({
    filter: req.filter ?? '',
    orderBy: req.orderBy,
    viewType: req.viewType ?? 'ACTIVE_ONLY',
    maxResults: validateMaxResults(req.maxResults ?? DEFAULT_EXPERIMENTS_PAGE, LIMITS.searchMaxResults),
    pageToken: req.pageToken || undefined,
  });
}

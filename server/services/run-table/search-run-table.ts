import type { Page, RunKeys, RunStatus, RunTableRow, ViewType } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { invalidParameter } from '../../errors';
import { validateExperimentId, validateMaxResults, validateRunId } from '../validation';

/** The runs table's query: MLflow's search plus nesting, status quick filters and far jumps. */
export interface RunTableRequest {
  experimentIds: string[];
  filter?: string;
  orderBy?: string[];
  runViewType?: ViewType;
  topLevelOnly?: boolean;
  parentRunId?: string;
  statuses?: RunStatus[];
}

/** A table page holds at most this many rows: pages are fetched as the user scrolls. */
export const TABLE_PAGE_LIMIT = 1000;
const OFFSET_LIMIT = 100_000_000;

function tableOptions(req: RunTableRequest, offset?: number) {
  if (offset !== undefined && (!Number.isInteger(offset) || offset < 0 || offset > OFFSET_LIMIT)) {
    throw invalidParameter(`Invalid value ${offset} for parameter 'offset': it must be an integer from 0 to ${OFFSET_LIMIT}.`);
  }
  return {
    experimentIds: req.experimentIds.map(validateExperimentId),
    filter: req.filter ?? '',
    viewType: req.runViewType ?? 'ACTIVE_ONLY',
    table: {
      topLevelOnly: req.topLevelOnly ?? false,
      ...(req.parentRunId ? { parentRunId: validateRunId(req.parentRunId) } : {}),
      statuses: [...new Set(req.statuses ?? [])].sort(),
      ...(offset ? { offset } : {}),
    },
  };
}

export async function searchRunTable(
  store: TrackingStore,
  req: RunTableRequest & { maxResults?: number; pageToken?: string; offset?: number },
): Promise<Page<RunTableRow>> {
  return store.searchRunTable({
    ...tableOptions(req, req.offset),
    orderBy: req.orderBy ?? [],
    maxResults: validateMaxResults(req.maxResults ?? 100, TABLE_PAGE_LIMIT),
    pageToken: req.pageToken || undefined,
  });
}

export async function countRunTable(store: TrackingStore, req: RunTableRequest): Promise<number> {
  return store.countRuns(tableOptions(req));
}

export async function listRunKeys(store: TrackingStore, experimentIds: string[]): Promise<RunKeys> {
  return store.listRunKeys(experimentIds.map(validateExperimentId));
}

import type { LoggedModel, Page } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { LoggedModelSearchQuery, LoggedModelStore } from '../../store/logged-model-store';
import { validateExperimentId, validateMaxResults } from '../validation';

export const LOGGED_MODELS_PAGE = { default: 50, max: 1000 } as const;

export async function searchLoggedModels(
  store: LoggedModelStore,
  req: Omit<LoggedModelSearchQuery, 'maxResults'> & { maxResults?: number },
): Promise<Page<LoggedModel>> {
  if (req.experimentIds.length === 0) throw invalidParameter("Missing value for required parameter 'experiment_ids'.");
  for (const d of req.datasets) {
    if (!d.datasetName) throw invalidParameter("Each entry of 'datasets' needs a dataset_name.");
  }
  for (const o of req.orderBy) {
    if (!o.fieldName) throw invalidParameter("Each entry of 'order_by' needs a field_name.");
  }
  return store.searchLoggedModels({
    ...req,
    experimentIds: req.experimentIds.map(validateExperimentId),
    maxResults: validateMaxResults(req.maxResults ?? LOGGED_MODELS_PAGE.default, LOGGED_MODELS_PAGE.max),
    pageToken: req.pageToken || undefined,
  });
}

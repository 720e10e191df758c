import type { ModelVersion, Page, RegisteredModel } from '@/lib/domain';
import type { RegistryStore } from '../../store/registry-store';
import { validateMaxResults } from '../validation';
import { getRegisteredModelOrThrow } from './get-registered-model-or-throw';
import { REGISTRY_LIMITS, parseStage } from './registry-validation';

interface SearchRequest {
  filter?: string;
  orderBy: string[];
  maxResults?: number;
  pageToken?: string;
}

export async function searchRegisteredModels(store: RegistryStore, req: SearchRequest): Promise<Page<RegisteredModel>> {
  return store.searchRegisteredModels({
    filter: req.filter,
    orderBy: req.orderBy,
    maxResults: validateMaxResults(req.maxResults ?? 100, REGISTRY_LIMITS.searchModelsMax),
    pageToken: req.pageToken || undefined,
  });
}

export async function searchModelVersions(store: RegistryStore, req: SearchRequest): Promise<Page<ModelVersion>> {
  return store.searchModelVersions({
    filter: req.filter,
    orderBy: req.orderBy,
    maxResults: validateMaxResults(req.maxResults ?? 10_000, REGISTRY_LIMITS.searchVersionsMax),
    pageToken: req.pageToken || undefined,
  });
}

/**
 * Deprecated, but the client resolves `models:/name/latest` and `models:/name/<stage>` with it: the
 * newest version in each requested stage, or in every stage when none is named.
 */
export async function getLatestVersions(store: RegistryStore, name?: string, stages: string[] = []): Promise<ModelVersion[]> {
  const model = await getRegisteredModelOrThrow(store, name);
  if (stages.length === 0) return model.latestVersions;
  const wanted = new Set(stages.map(parseStage));
  return model.latestVersions.filter((v) => wanted.has(v.currentStage));
}

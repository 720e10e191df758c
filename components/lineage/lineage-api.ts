/**
 * The few registry reads the lineage page needs, on the shared transport. Private until the
 * registry client (lib/api/registry.ts) has them; then these should move there.
 */
import { apiCall, type WireModelVersion } from '@/lib/api-client';

export async function fetchModelVersion(name: string, version: string, init?: { signal?: AbortSignal }): Promise<WireModelVersion> {
  return (await apiCall<{ model_version: WireModelVersion }>('GET', 'mlflow/model-versions/get', { name, version }, init)).model_version;
}

/** The version an alias points to (`registered-models/alias`). */
export async function fetchModelVersionByAlias(name: string, alias: string, init?: { signal?: AbortSignal }): Promise<WireModelVersion> {
  return (await apiCall<{ model_version: WireModelVersion }>('GET', 'mlflow/registered-models/alias', { name, alias }, init)).model_version;
}

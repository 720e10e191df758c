import type { DatasetInput } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { LIMITS, validateLength } from '../validation';
import { getActiveRunInfoOrThrow } from './get-run-or-throw';

export interface DatasetInputRequest {
  tags: { key?: string; value?: string }[];
  dataset?: { name?: string; digest?: string; sourceType?: string; source?: string; schema?: string; profile?: string };
}

function required(what: string, v: string | undefined): string {
  if (!v) throw invalidParameter(`Missing value for required dataset field '${what}'.`);
  return v;
}

function validateInput(input: DatasetInputRequest): DatasetInput {
  const d = input.dataset;
  if (!d) throw invalidParameter("Missing value for required parameter 'datasets.dataset'.");
  return {
    tags: input.tags.map((t) => ({
      key: validateLength('Input tag key', required('tags.key', t.key), LIMITS.inputTagKeyLength),
      value: validateLength('Input tag value', t.value ?? '', LIMITS.inputTagValueLength),
    })),
    dataset: {
      name: validateLength('Dataset name', required('name', d.name), LIMITS.datasetNameLength),
      digest: validateLength('Dataset digest', required('digest', d.digest), LIMITS.datasetDigestLength),
      sourceType: required('source_type', d.sourceType),
      source: validateLength('Dataset source', required('source', d.source), LIMITS.datasetSourceLength),
      ...(d.schema !== undefined ? { schema: validateLength('Dataset schema', d.schema, LIMITS.datasetSchemaLength) } : {}),
      ...(d.profile !== undefined ? { profile: validateLength('Dataset profile', d.profile, LIMITS.datasetProfileLength) } : {}),
    },
  };
}

export async function logInputs(store: TrackingStore, runId: string, datasets: DatasetInputRequest[]): Promise<void> {
  if (datasets.length > LIMITS.datasetsPerRequest) {
    throw invalidParameter(`At most ${LIMITS.datasetsPerRequest} datasets can be logged in one request; got ${datasets.length}.`);
  }
  const inputs = datasets.map(validateInput);
  const run = await getActiveRunInfoOrThrow(store, runId);
  await store.logInputs(runId, run.experimentId, inputs);
}

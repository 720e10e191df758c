import { z } from 'zod';
import type { Experiment, KeyValue } from '@/lib/domain';
import { experimentId, int64, keyValue, protoEnum, repeated } from './primitives';

/** Experiment ↔ MLflow JSON (reference §2.1). */
export function experimentToWire(e: Experiment) {
  return {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
    last_update_time: e.lastUpdateTime,
    creation_time: e.creationTime,
    ...(e.tags.length > 0 ? { tags: tagsToWire(e.tags) } : {}),
  };
}

export function tagsToWire(tags: KeyValue[]) {
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

export const viewType = protoEnum(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'], { 1: 'ACTIVE_ONLY', 2: 'DELETED_ONLY', 3: 'ALL' });

const experimentIdField = z.object({ experiment_id: experimentId });

export const experimentRequests = {
  create: z.object({
    name: z.string().optional(),
    artifact_location: z.string().optional(),
    tags: z.array(keyValue).default([]),
  }),
  get: experimentIdField,
  getByName: z.object({ experiment_name: z.string() }),
  search: z.object({
    max_results: int64.optional(),
    page_token: z.string().optional(),
    filter: z.string().optional(),
    order_by: repeated(z.string()).default([]),
    view_type: viewType.optional(),
  }),
  update: experimentIdField.extend({ new_name: z.string().optional() }),
  delete: experimentIdField,
  restore: experimentIdField,
  setTag: experimentIdField.extend({ key: z.string().optional(), value: z.string().optional() }),
  deleteTag: experimentIdField.extend({ key: z.string() }),
};

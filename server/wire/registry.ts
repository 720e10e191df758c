import { z } from 'zod';
import type { ModelVersion, RegisteredModel } from '@/lib/domain';
import { tagsToWire } from './experiment';
import { bool, int64, keyValue, repeated } from './primitives';

/** Registry entities ↔ MLflow JSON (reference §2.5). Versions are strings on the wire. */
export function modelVersionToWire(v: ModelVersion) {
  return {
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    current_stage: v.currentStage,
    source: v.source,
    status: v.status,
    ...(v.description !== undefined ? { description: v.description } : {}),
    ...(v.userId !== undefined ? { user_id: v.userId } : {}),
    ...(v.runId !== undefined ? { run_id: v.runId } : {}),
    ...(v.runLink !== undefined ? { run_link: v.runLink } : {}),
    ...(v.statusMessage !== undefined ? { status_message: v.statusMessage } : {}),
    ...(v.modelId !== undefined ? { model_id: v.modelId } : {}),
    ...(v.tags.length > 0 ? { tags: tagsToWire(v.tags) } : {}),
    ...(v.aliases.length > 0 ? { aliases: v.aliases } : {}),
  };
}

export function registeredModelToWire(m: RegisteredModel) {
  return {
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    ...(m.description !== undefined ? { description: m.description } : {}),
    ...(m.latestVersions.length > 0 ? { latest_versions: m.latestVersions.map(modelVersionToWire) } : {}),
    ...(m.tags.length > 0 ? { tags: tagsToWire(m.tags) } : {}),
    ...(m.aliases.length > 0 ? { aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })) } : {}),
  };
}

const version = z.union([z.string(), z.number()]).transform(String);
const named = z.object({ name: z.string().optional() });
const versioned = named.extend({ version: version.optional() });
const search = z.object({
  filter: z.string().optional(),
  max_results: int64.optional(),
  order_by: repeated(z.string()).default([]),
  page_token: z.string().optional(),
});

export const registryRequests = {
  createModel: named.extend({ tags: z.array(keyValue).default([]), description: z.string().optional() }),
  renameModel: named.extend({ new_name: z.string().optional() }),
  updateModel: named.extend({ description: z.string().optional() }),
  model: named,
  searchModels: search,
  latestVersions: named.extend({ stages: repeated(z.string()).default([]) }),
  setModelTag: named.extend({ key: z.string().optional(), value: z.string().optional() }),
  deleteModelTag: named.extend({ key: z.string().optional() }),
  setAlias: named.extend({ alias: z.string().optional(), version: version.optional() }),
  alias: named.extend({ alias: z.string().optional() }),
  createVersion: named.extend({
    source: z.string().optional(),
    run_id: z.string().optional(),
    tags: z.array(keyValue).default([]),
    run_link: z.string().optional(),
    description: z.string().optional(),
    model_id: z.string().optional(),
  }),
  updateVersion: versioned.extend({ description: z.string().optional() }),
  transition: versioned.extend({ stage: z.string().optional(), archive_existing_versions: bool.optional() }),
  version: versioned,
  searchVersions: search,
  setVersionTag: versioned.extend({ key: z.string().optional(), value: z.string().optional() }),
  deleteVersionTag: versioned.extend({ key: z.string().optional() }),
};

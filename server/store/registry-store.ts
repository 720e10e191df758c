import type { KeyValue, ModelVersion, ModelVersionStage, Page, RegisteredModel } from '@/lib/domain';

export interface CreateModelVersionInput {
  name: string;
  source: string;
  storageLocation: string;
  runId?: string;
  runLink?: string;
  modelId?: string;
  description?: string;
  userId?: string;
  tags: KeyValue[];
}

export interface RegistrySearchQuery {
  filter?: string;
  orderBy: string[];
  maxResults: number;
  pageToken?: string;
}

/**
 * The model registry. Deleted versions are kept (soft-deleted) so that version numbers are never
 * reused, and are invisible to every read. Implementations translate duplicate names into
 * RESOURCE_ALREADY_EXISTS.
 */
export interface RegistryStore {
  createRegisteredModel(name: string, tags: KeyValue[], description?: string): Promise<RegisteredModel>;
  getRegisteredModel(name: string): Promise<RegisteredModel | null>;
  renameRegisteredModel(name: string, newName: string): Promise<void>;
  updateRegisteredModel(name: string, description: string): Promise<void>;
  deleteRegisteredModel(name: string): Promise<void>;
  searchRegisteredModels(query: RegistrySearchQuery): Promise<Page<RegisteredModel>>;
  setRegisteredModelTag(name: string, tag: KeyValue): Promise<void>;
  deleteRegisteredModelTag(name: string, key: string): Promise<boolean>;

  /** Issues the next version number (highest ever issued + 1) in the same transaction. */
  createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion>;
  getModelVersion(name: string, version: number): Promise<ModelVersion | null>;
  updateModelVersion(name: string, version: number, description: string): Promise<void>;
  /** Moves a version to a stage; optionally archives the others in that stage. */
  transitionModelVersionStage(name: string, version: number, stage: ModelVersionStage, archiveExisting: boolean): Promise<void>;
  /** Soft-deletes the version and drops the aliases pointing at it. */
  deleteModelVersion(name: string, version: number): Promise<void>;
  searchModelVersions(query: RegistrySearchQuery): Promise<Page<ModelVersion>>;
  setModelVersionTag(name: string, version: number, tag: KeyValue): Promise<void>;
  deleteModelVersionTag(name: string, version: number, key: string): Promise<boolean>;

  setAlias(name: string, alias: string, version: number): Promise<void>;
  deleteAlias(name: string, alias: string): Promise<boolean>;
  /** The version number an alias points at. */
  getAliasVersion(name: string, alias: string): Promise<number | null>;
}

import type { KeyValue, ModelVersionStage } from '@/lib/domain';
import { MODEL_VERSION_STAGES } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import { validateLength, validateName } from '../validation';

/** Registry limits (reference §3.1). */
export const REGISTRY_LIMITS = {
  nameLength: 256,
  tagKeyLength: 250,
  tagValueLength: 100_000,
  aliasLength: 255,
  searchModelsMax: 1000,
  searchVersionsMax: 200_000,
  descriptionLength: 100_000,
} as const;

export function validateModelName(name: string | undefined, field = 'name'): string {
  if (!name || !name.trim()) throw invalidParameter(`Missing value for required parameter '${field}'. A registered model needs a non-empty name.`);
  return validateLength('Registered model name', name, REGISTRY_LIMITS.nameLength);
}

export function validateRegistryTag(t: { key?: string; value?: string }): KeyValue {
  const key = validateName('tag', t.key, REGISTRY_LIMITS.tagKeyLength);
  const value = t.value ?? '';
  validateLength(`Tag value for '${key}'`, value, REGISTRY_LIMITS.tagValueLength);
  return { key, value };
}

/** `version` arrives as a string; it must be a positive integer. */
export function parseVersion(version: string | number | undefined): number {
  const text = String(version ?? '').trim();
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw invalidParameter(`Model version must be a positive integer, got '${version ?? ''}'.`);
  }
  return Number(text);
}

/** Alias rules: word characters and dashes, at most 255; `latest` and `v<digits>` are reserved. */
export function validateAlias(alias: string | undefined): string {
  if (!alias) throw invalidParameter("Missing value for required parameter 'alias'.");
  if (alias.length > REGISTRY_LIMITS.aliasLength || !/^[\w-]+$/.test(alias)) {
    throw invalidParameter(`Invalid alias '${alias}': use at most ${REGISTRY_LIMITS.aliasLength} letters, digits, underscores and dashes.`);
  }
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) {
    throw invalidParameter(`'${alias}' is a reserved alias name ('latest' and 'v<number>' refer to versions); choose another.`);
  }
  return alias;
}

export function parseStage(stage: string | undefined): ModelVersionStage {
  const found = MODEL_VERSION_STAGES.find((s) => s.toLowerCase() === (stage ?? '').trim().toLowerCase());
  if (!found) throw invalidParameter(`Invalid model version stage '${stage ?? ''}': use one of ${MODEL_VERSION_STAGES.join(', ')}.`);
  return found;
}

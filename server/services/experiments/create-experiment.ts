import type { KeyValue } from '@/lib/domain';
import { invalidParameter } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { LIMITS, validateLength, validateName } from '../validation';

export interface CreateExperimentRequest {
  name?: string;
  artifactLocation?: string;
  tags: { key?: string; value?: string }[];
}

function validateArtifactLocation(location: string): string {
  if (location.startsWith('runs:')) throw invalidParameter(`Artifact location cannot be a runs:/ URI. Given: '${location}'`);
  if (/[#?]/.test(location)) {
    throw invalidParameter(`Artifact location must not contain a URL fragment or query parameters. Given: '${location}'`);
  }
  return location;
}

export function validateExperimentTag(t: { key?: string; value?: string }): KeyValue {
  const key = validateName('tag', t.key, LIMITS.experimentTagKeyLength);
  const value = t.value ?? '';
  validateLength(`Tag value for '${key}'`, value, LIMITS.experimentTagValueLength);
  return { key, value };
}

export function validateExperimentName(name: string | undefined): string {
  if (!name || !name.trim()) throw invalidParameter('Invalid experiment name: the name must be a non-empty string.');
  return validateLength('Experiment name', name, LIMITS.experimentNameLength);
}

export async function createExperiment(store: TrackingStore, req: CreateExperimentRequest): Promise<string> {
  return store.createExperiment({
    name: validateExperimentName(req.name),
    artifactLocation: req.artifactLocation ? validateArtifactLocation(req.artifactLocation) : undefined,
    tags: req.tags.map(validateExperimentTag),
  });
}

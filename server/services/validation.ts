import type { KeyValue, MetricPoint } from '@/lib/domain';
import { invalidParameter } from '../errors';

/** MLflow's limits (reference §3.1), counted in characters. */
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  runTagValueLength: 8000,
  experimentNameLength: 500,
  experimentTagKeyLength: 250,
  experimentTagValueLength: 5000,
  batchMetrics: 1000,
  batchParams: 100,
  batchTags: 100,
  batchTotal: 1000,
  batchBodyBytes: 1_000_000,
  datasetNameLength: 500,
  datasetDigestLength: 36,
  datasetSchemaLength: 1_048_575,
  datasetSourceLength: 65_535,
  datasetProfileLength: 16_777_215,
  inputTagKeyLength: 255,
  inputTagValueLength: 500,
  datasetsPerRequest: 1000,
  searchMaxResults: 50_000,
} as const;

const NAME_CHARS = /^[\w\-. /:]+$/;

/** What MLflow accepts: POSIX normalisation leaves it unchanged, and it neither climbs nor is absolute. */
function isNormalizedRelativePath(name: string): boolean {
  if (name.startsWith('/') || name.startsWith('..')) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Metric, param and tag names: allowed characters, and unchanged by POSIX path normalisation. */
export function validateName(kind: string, name: string | undefined, maxLength: number = LIMITS.keyLength): string {
  if (name === undefined || name === '') throw invalidParameter(`Missing value for required parameter '${kind}' name.`);
  if (!NAME_CHARS.test(name) || !isNormalizedRelativePath(name)) {
    throw invalidParameter(
      `Invalid ${kind} name: '${name}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colons (:) and slashes (/), and must be a normalized relative path.`,
    );
  }
  if (name.length > maxLength) {
    throw invalidParameter(`${kind} name '${name.slice(0, 40)}...' had length ${name.length}, which exceeded length limit of ${maxLength}.`);
  }
  return name;
}

export function validateLength(what: string, value: string, maxLength: number): string {
  if (value.length > maxLength) {
    throw invalidParameter(`${what} had length ${value.length}, which exceeded length limit of ${maxLength}.`);
  }
  return value;
}

export function validateParam(p: { key?: string; value?: string }): KeyValue {
  const key = validateName('param', p.key);
  if (p.value === undefined) throw invalidParameter(`Missing value for param '${key}'.`);
  validateLength(`Param value for '${key}'`, p.value, LIMITS.paramValueLength);
  return { key, value: p.value };
}

export function validateRunTag(t: { key?: string; value?: string }): KeyValue {
  const key = validateName('tag', t.key);
  const value = t.value ?? '';
  validateLength(`Tag value for '${key}'`, value, LIMITS.runTagValueLength);
  return { key, value };
}

export interface MetricMessage {
  key?: string;
  value?: number;
  timestamp?: number;
  step?: number;
  model_id?: string;
  dataset_name?: string;
  dataset_digest?: string;
}

export function validateMetric(m: MetricMessage): MetricPoint {
  const key = validateName('metric', m.key);
  if (m.value === undefined) throw invalidParameter(`Missing value for metric '${key}'.`);
  if (m.timestamp === undefined) throw invalidParameter(`Missing timestamp for metric '${key}'.`);
  if (m.timestamp < 0) throw invalidParameter(`Invalid timestamp ${m.timestamp} for metric '${key}': must be >= 0.`);
  return {
    key,
    value: m.value,
    timestamp: m.timestamp,
    step: m.step ?? 0,
    ...(m.model_id ? { modelId: m.model_id } : {}),
    ...(m.dataset_name ? { datasetName: validateLength('Dataset name', m.dataset_name, LIMITS.datasetNameLength) } : {}),
    ...(m.dataset_digest ? { datasetDigest: validateLength('Dataset digest', m.dataset_digest, LIMITS.datasetDigestLength) } : {}),
  };
}

export function validateMaxResults(maxResults: number, limit: number): number {
  if (maxResults < 1 || maxResults > limit) {
    throw invalidParameter(`Invalid value ${maxResults} for parameter 'max_results' supplied: it must be between 1 and ${limit}.`);
  }
  return maxResults;
}

/** Experiment and run ids as the MLflow server checks them. */
export function validateExperimentId(id: string): string {
  if (!/^[a-zA-Z0-9][\w-]{0,63}$/.test(id)) throw invalidParameter(`Invalid experiment ID: '${id}'`);
  return id;
}

export function validateRunId(id: string): string {
  if (!/^[a-zA-Z0-9][\w-]{0,255}$/.test(id)) throw invalidParameter(`Invalid run ID: '${id}'`);
  return id;
}

import type { KeyValue, ModelVersion, ModelVersionStage, ModelVersionStatus, RegisteredModel } from '@/lib/domain';
import type { SqlSession } from './database';
import { groupBy, selectIn } from './paged-query';
import { chunks, int } from './values';

interface VersionRow {
  name: string;
  version: unknown;
  creation_timestamp: unknown;
  last_updated_timestamp: unknown;
  description: string | null;
  user_id: string | null;
  current_stage: string;
  source: string;
  storage_location: string | null;
  run_id: string | null;
  run_link: string | null;
  status: string;
  status_message: string | null;
  model_id: string | null;
}

const VERSION_COLUMNS = `name, version, creation_timestamp, last_updated_timestamp, description, user_id, current_stage,
  source, storage_location, run_id, run_link, status, status_message, model_id`;

/** A version's key inside one query's results: `<name>\0<version>`. */
export const versionKey = (name: string, version: number | unknown) => `${name}\u0000${int(version)}`;

function optional<K extends string>(key: K, value: string | null): Partial<Record<K, string>> {
  return value !== null && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}

async function decorateVersions(s: SqlSession, rows: VersionRow[]): Promise<ModelVersion[]> {
  if (rows.length === 0) return [];
  const names = [...new Set(rows.map((r) => r.name))];
  const tags = groupBy(
    await selectIn<{ name: string; version: unknown; key: string; value: string }>(
      s, (ph) => `SELECT name, version, key, value FROM model_version_tags WHERE name IN (${ph}) ORDER BY key`, names),
    (t) => versionKey(t.name, t.version),
  );
  const aliases = groupBy(
    await selectIn<{ name: string; version: unknown; alias: string }>(
      s, (ph) => `SELECT name, version, alias FROM registered_model_aliases WHERE name IN (${ph}) ORDER BY alias`, names),
    (a) => versionKey(a.name, a.version),
  );
  return rows.map((r) => {
    const key = versionKey(r.name, r.version);
    return {
      name: r.name,
      version: int(r.version),
      creationTimestamp: int(r.creation_timestamp),
      lastUpdatedTimestamp: int(r.last_updated_timestamp),
      currentStage: r.current_stage as ModelVersionStage,
      source: r.source,
      status: r.status as ModelVersionStatus,
      ...optional('description', r.description),
      ...optional('userId', r.user_id),
      ...optional('storageLocation', r.storage_location),
      ...optional('runId', r.run_id),
      ...optional('runLink', r.run_link),
      ...optional('statusMessage', r.status_message),
      ...optional('modelId', r.model_id),
      tags: (tags.get(key) ?? []).map((t): KeyValue => ({ key: t.key, value: t.value })),
      aliases: (aliases.get(key) ?? []).map((a) => a.alias),
    };
  });
}

/** Live (not deleted) versions by `versionKey`, in the order of `keys`. */
export async function loadVersions(s: SqlSession, keys: string[]): Promise<ModelVersion[]> {
  if (keys.length === 0) return [];
  const rows: VersionRow[] = [];
  for (const part of chunks(keys)) {
    const pairs = part.map((k) => {
      const [name, version] = k.split('\u0000');
      return [name, Number(version)];
    });
    rows.push(...(await s.query<VersionRow>(
      `SELECT ${VERSION_COLUMNS} FROM model_versions
       WHERE (name, version) IN (VALUES ${pairs.map(() => '(CAST(? AS TEXT), CAST(? AS INTEGER))').join(', ')}) AND deleted = ${s.dialect.bool(false)}`,
      pairs.flat(),
    )));
  }
  const byKey = new Map(rows.map((r) => [versionKey(r.name, r.version), r]));
  return decorateVersions(s, keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : [])));
}

/** The newest live version in each stage, per model name. */
async function latestVersionsByName(s: SqlSession, names: string[]): Promise<Map<string, ModelVersion[]>> {
  const rows = await selectIn<VersionRow>(
    s,
    (ph) => `SELECT ${VERSION_COLUMNS} FROM model_versions v
             WHERE v.name IN (${ph}) AND v.deleted = ${s.dialect.bool(false)} AND v.version = (
               SELECT MAX(w.version) FROM model_versions w
               WHERE w.name = v.name AND w.current_stage = v.current_stage AND w.deleted = ${s.dialect.bool(false)})
             ORDER BY v.name, v.version`,
    names,
  );
  return groupBy(await decorateVersions(s, rows), (v) => v.name);
}

/** Registered models with tags, aliases and latest versions, in the order of `names`. */
export async function loadRegisteredModels(s: SqlSession, names: string[]): Promise<RegisteredModel[]> {
  if (names.length === 0) return [];
  const rows = await selectIn<{ name: string; creation_timestamp: unknown; last_updated_timestamp: unknown; description: string | null }>(
    s, (ph) => `SELECT name, creation_timestamp, last_updated_timestamp, description FROM registered_models WHERE name IN (${ph})`, names);
  const tags = groupBy(
    await selectIn<{ name: string; key: string; value: string }>(
      s, (ph) => `SELECT name, key, value FROM registered_model_tags WHERE name IN (${ph}) ORDER BY key`, names),
    (t) => t.name,
  );
  const aliases = groupBy(
    await selectIn<{ name: string; alias: string; version: unknown }>(
      s, (ph) => `SELECT name, alias, version FROM registered_model_aliases WHERE name IN (${ph}) ORDER BY alias`, names),
    (a) => a.name,
  );
  const latest = await latestVersionsByName(s, names);
  const byName = new Map(rows.map((r) => [r.name, r]));
  return names.flatMap((name) => {
    const r = byName.get(name);
    if (!r) return [];
    return [{
      name,
      creationTimestamp: int(r.creation_timestamp),
      lastUpdatedTimestamp: int(r.last_updated_timestamp),
      ...optional('description', r.description),
      tags: (tags.get(name) ?? []).map((t) => ({ key: t.key, value: t.value })),
      aliases: (aliases.get(name) ?? []).map((a) => ({ alias: a.alias, version: int(a.version) })),
      latestVersions: latest.get(name) ?? [],
    }];
  });
}

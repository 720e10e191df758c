import type { KeyValue, ModelVersion, ModelVersionStage, Page, RegisteredModel } from '@/lib/domain';
import { alreadyExists } from '../../errors';
import { compileModelVersionSearch } from '../../search/model-versions-query';
import { compileRegisteredModelSearch } from '../../search/registered-models-query';
import type { CreateModelVersionInput, RegistrySearchQuery, RegistryStore } from '../registry-store';
import type { SqlDatabase, SqlSession } from './database';
import { isUniqueViolation } from './db-errors';
import { insertRows, upsertKeyValues } from './key-value-rows';
import { searchPage } from './paged-query';
import { loadRegisteredModels, loadVersions, versionKey } from './registry-loaders';
import { int } from './values';

const MODEL_TAGS = { table: 'registered_model_tags', owner: 'name' };

const touchModel = (s: SqlSession, name: string, now = Date.now()) =>
  s.execute('UPDATE registered_models SET last_updated_timestamp = ? WHERE name = ?', [now, name]);

const touchVersion = async (s: SqlSession, name: string, version: number) => {
  const now = Date.now();
  await s.execute('UPDATE model_versions SET last_updated_timestamp = ? WHERE name = ? AND version = ?', [now, name, version]);
  await touchModel(s, name, now);
};

export class SqlRegistryStore implements RegistryStore {
  constructor(private readonly db: SqlDatabase) {}

  private get live() {
    return `deleted = ${this.db.dialect.bool(false)}`;
  }

  async createRegisteredModel(name: string, tags: KeyValue[], description?: string): Promise<RegisteredModel> {
    const now = Date.now();
    try {
      return await this.db.transaction(async (s) => {
        await s.execute('INSERT INTO registered_models (name, creation_timestamp, last_updated_timestamp, description) VALUES (?, ?, ?, ?)', [
          name, now, now, description ?? null,
        ]);
        await upsertKeyValues(s, MODEL_TAGS, name, tags);
        const [model] = await loadRegisteredModels(s, [name]);
        return model;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`Registered Model (name=${name}) already exists.`);
      throw error;
    }
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel | null> {
    const [model] = await this.db.run((s) => loadRegisteredModels(s, [name]));
    return model ?? null;
  }

  async renameRegisteredModel(name: string, newName: string): Promise<void> {
    try {
      await this.db.run((s) =>
        s.execute('UPDATE registered_models SET name = ?, last_updated_timestamp = ? WHERE name = ?', [newName, Date.now(), name]),
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists(`Registered Model (name=${newName}) already exists.`);
      throw error;
    }
  }

  async updateRegisteredModel(name: string, description: string): Promise<void> {
    await this.db.run((s) =>
      s.execute('UPDATE registered_models SET description = ?, last_updated_timestamp = ? WHERE name = ?', [description, Date.now(), name]),
    );
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.db.run((s) => s.execute('DELETE FROM registered_models WHERE name = ?', [name]));
  }

  searchRegisteredModels(query: RegistrySearchQuery): Promise<Page<RegisteredModel>> {
    const compiled = compileRegisteredModelSearch(query, this.db.dialect);
    return this.db.run((s) => searchPage(s, compiled, query.maxResults, 'name', loadRegisteredModels));
  }

  setRegisteredModelTag(name: string, tag: KeyValue): Promise<void> {
    return this.db.transaction(async (s) => {
      await upsertKeyValues(s, MODEL_TAGS, name, [tag]);
      await touchModel(s, name);
    });
  }

  deleteRegisteredModelTag(name: string, key: string): Promise<boolean> {
    return this.db.transaction(async (s) => {
      const changed = await s.execute('DELETE FROM registered_model_tags WHERE name = ? AND key = ?', [name, key]);
      if (changed > 0) await touchModel(s, name);
      return changed > 0;
    });
  }

  async createModelVersion(input: CreateModelVersionInput): Promise<ModelVersion> {
    // On PostgreSQL two writers may pick the same number; the primary key refuses the second,
    // which then tries again with the next number.
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.db.transaction(async (s) => {
          const [{ top }] = await s.query<{ top: unknown }>('SELECT MAX(version) AS top FROM model_versions WHERE name = ?', [input.name]);
          const version = (top === null || top === undefined ? 0 : int(top)) + 1;
          const now = Date.now();
          await s.execute(
            `INSERT INTO model_versions (name, version, creation_timestamp, last_updated_timestamp, description, user_id, current_stage,
               source, storage_location, run_id, run_link, status, model_id)
             VALUES (?, ?, ?, ?, ?, ?, 'None', ?, ?, ?, ?, 'READY', ?)`,
            [input.name, version, now, now, input.description ?? null, input.userId ?? null, input.source, input.storageLocation,
              input.runId ?? null, input.runLink ?? null, input.modelId ?? null],
          );
          const tags = [...new Map(input.tags.map((t) => [t.key, t.value]))];
          if (tags.length > 0) {
            await insertRows(s, 'INSERT INTO model_version_tags (name, version, key, value)', '',
              tags.map(([key, value]) => [input.name, version, key, value]));
          }
          await touchModel(s, input.name, now);
          const [created] = await loadVersions(s, [versionKey(input.name, version)]);
          return created;
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 5) throw error;
      }
    }
  }

  async getModelVersion(name: string, version: number): Promise<ModelVersion | null> {
    const [found] = await this.db.run((s) => loadVersions(s, [versionKey(name, version)]));
    return found ?? null;
  }

  updateModelVersion(name: string, version: number, description: string): Promise<void> {
    return this.db.transaction(async (s) => {
      await s.execute('UPDATE model_versions SET description = ? WHERE name = ? AND version = ?', [description, name, version]);
      await touchVersion(s, name, version);
    });
  }

  transitionModelVersionStage(name: string, version: number, stage: ModelVersionStage, archiveExisting: boolean): Promise<void> {
    return this.db.transaction(async (s) => {
      if (archiveExisting && (stage === 'Staging' || stage === 'Production')) {
        await s.execute(
          `UPDATE model_versions SET current_stage = 'Archived', last_updated_timestamp = ?
           WHERE name = ? AND current_stage = ? AND version <> ? AND ${this.live}`,
          [Date.now(), name, stage, version],
        );
      }
      await s.execute('UPDATE model_versions SET current_stage = ? WHERE name = ? AND version = ?', [stage, name, version]);
      await touchVersion(s, name, version);
    });
  }

  deleteModelVersion(name: string, version: number): Promise<void> {
    return this.db.transaction(async (s) => {
      await s.execute(
        `UPDATE model_versions SET deleted = ${this.db.dialect.bool(true)}, current_stage = 'Archived', last_updated_timestamp = ?
         WHERE name = ? AND version = ?`,
        [Date.now(), name, version],
      );
      await s.execute('DELETE FROM registered_model_aliases WHERE name = ? AND version = ?', [name, version]);
      await s.execute('DELETE FROM model_version_tags WHERE name = ? AND version = ?', [name, version]);
      await touchModel(s, name);
    });
  }

  searchModelVersions(query: RegistrySearchQuery): Promise<Page<ModelVersion>> {
    const compiled = compileModelVersionSearch(query, this.db.dialect);
    return this.db.run((s) => searchPage(s, compiled, query.maxResults, (r) => versionKey(String(r.name), r.version), loadVersions));
  }

  setModelVersionTag(name: string, version: number, tag: KeyValue): Promise<void> {
    return this.db.transaction(async (s) => {
      await s.execute(
        `INSERT INTO model_version_tags (name, version, key, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value`,
        [name, version, tag.key, tag.value],
      );
      await touchVersion(s, name, version);
    });
  }

  deleteModelVersionTag(name: string, version: number, key: string): Promise<boolean> {
    return this.db.transaction(async (s) => {
      const changed = await s.execute('DELETE FROM model_version_tags WHERE name = ? AND version = ? AND key = ?', [name, version, key]);
      if (changed > 0) await touchVersion(s, name, version);
      return changed > 0;
    });
  }

  setAlias(name: string, alias: string, version: number): Promise<void> {
    return this.db.transaction(async (s) => {
      await s.execute(
        `INSERT INTO registered_model_aliases (name, alias, version) VALUES (?, ?, ?)
         ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version`,
        [name, alias, version],
      );
      await touchModel(s, name);
    });
  }

  deleteAlias(name: string, alias: string): Promise<boolean> {
    return this.db.transaction(async (s) => {
      const changed = await s.execute('DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?', [name, alias]);
      if (changed > 0) await touchModel(s, name);
      return changed > 0;
    });
  }

  async getAliasVersion(name: string, alias: string): Promise<number | null> {
    const rows = await this.db.run((s) =>
      s.query<{ version: unknown }>('SELECT version FROM registered_model_aliases WHERE name = ? AND alias = ?', [name, alias]),
    );
    return rows.length > 0 ? int(rows[0].version) : null;
  }
}

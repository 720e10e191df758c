-- Model registry: registered models, their versions (soft-deleted so numbers are never reused),
-- tags on both, and aliases. Renaming a model renames it everywhere through ON UPDATE CASCADE.

CREATE TABLE registered_models (
  name                   TEXT   NOT NULL PRIMARY KEY,
  creation_timestamp     BIGINT NOT NULL,
  last_updated_timestamp BIGINT NOT NULL,
  description            TEXT
);
CREATE INDEX registered_models_updated_idx ON registered_models (last_updated_timestamp, name);

CREATE TABLE registered_model_tags (
  name  TEXT NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (name, key)
);
CREATE INDEX registered_model_tags_key_value_idx ON registered_model_tags (key, value);

CREATE TABLE model_versions (
  name                   TEXT    NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
  version                INTEGER NOT NULL,
  creation_timestamp     BIGINT  NOT NULL,
  last_updated_timestamp BIGINT  NOT NULL,
  description            TEXT,
  user_id                TEXT,
  current_stage          TEXT    NOT NULL DEFAULT 'None',
  source                 TEXT    NOT NULL,
  storage_location       TEXT,
  run_id                 TEXT,
  run_link               TEXT,
  status                 TEXT    NOT NULL DEFAULT 'READY',
  status_message         TEXT,
  model_id               TEXT,
  deleted                BOOLEAN NOT NULL DEFAULT 0,
  PRIMARY KEY (name, version)
);
CREATE INDEX model_versions_run_idx ON model_versions (run_id);
CREATE INDEX model_versions_model_idx ON model_versions (model_id);

CREATE TABLE model_version_tags (
  name    TEXT    NOT NULL,
  version INTEGER NOT NULL,
  key     TEXT    NOT NULL,
  value   TEXT    NOT NULL,
  PRIMARY KEY (name, version, key),
  FOREIGN KEY (name, version) REFERENCES model_versions (name, version) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX model_version_tags_key_value_idx ON model_version_tags (key, value);

CREATE TABLE registered_model_aliases (
  name    TEXT    NOT NULL REFERENCES registered_models (name) ON UPDATE CASCADE ON DELETE CASCADE,
  alias   TEXT    NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (name, alias)
);

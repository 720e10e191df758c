-- Tracking core: experiments, runs, params, tags, metric history, latest metrics, dataset inputs.

CREATE TABLE experiments (
  experiment_id     INTEGER PRIMARY KEY AUTOINCREMENT,
  name              TEXT    NOT NULL,
  artifact_location TEXT    NOT NULL,
  lifecycle_stage   TEXT    NOT NULL DEFAULT 'active',
  creation_time     BIGINT  NOT NULL,
  last_update_time  BIGINT  NOT NULL
);
CREATE UNIQUE INDEX experiments_name_key ON experiments (name);

CREATE TABLE experiment_tags (
  experiment_id BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  key           TEXT   NOT NULL,
  value         TEXT   NOT NULL,
  PRIMARY KEY (experiment_id, key)
);

CREATE TABLE runs (
  run_uuid        TEXT   NOT NULL PRIMARY KEY,
  name            TEXT   NOT NULL,
  experiment_id   BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  user_id         TEXT   NOT NULL,
  status          TEXT   NOT NULL,
  start_time      BIGINT NOT NULL,
  end_time        BIGINT,
  lifecycle_stage TEXT   NOT NULL DEFAULT 'active',
  artifact_uri    TEXT   NOT NULL,
  deleted_time    BIGINT
);
CREATE INDEX runs_experiment_start_idx ON runs (experiment_id, lifecycle_stage, start_time, run_uuid);
CREATE INDEX runs_experiment_name_idx ON runs (experiment_id, name);

CREATE TABLE params (
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
CREATE INDEX params_key_value_idx ON params (key, value);

CREATE TABLE tags (
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (run_uuid, key)
);
CREATE INDEX tags_key_value_idx ON tags (key, value);

CREATE TABLE metrics (
  run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  key       TEXT    NOT NULL,
  step      BIGINT  NOT NULL,
  timestamp BIGINT  NOT NULL,
  value     REAL    NOT NULL,
  is_nan    BOOLEAN NOT NULL,
  -- MLflow 3 linkage, as first logged; not part of the key, so re-logging a point to link it to a
  -- model adds no history (the link is kept in logged_model_metrics).
  model_id       TEXT,
  dataset_name   TEXT,
  dataset_digest TEXT,
  PRIMARY KEY (run_uuid, key, step, timestamp, value, is_nan)
);

CREATE TABLE latest_metrics (
  run_uuid  TEXT    NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  key       TEXT    NOT NULL,
  step      BIGINT  NOT NULL,
  timestamp BIGINT  NOT NULL,
  value     REAL,
  is_nan    BOOLEAN NOT NULL,
  min_value REAL,
  max_value REAL,
  PRIMARY KEY (run_uuid, key)
);
CREATE INDEX latest_metrics_key_value_idx ON latest_metrics (key, value);

CREATE TABLE datasets (
  dataset_uuid        TEXT   NOT NULL PRIMARY KEY,
  experiment_id       BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  name                TEXT   NOT NULL,
  digest              TEXT   NOT NULL,
  dataset_source_type TEXT   NOT NULL,
  dataset_source      TEXT   NOT NULL,
  dataset_schema      TEXT,
  dataset_profile     TEXT
);
CREATE UNIQUE INDEX datasets_experiment_name_digest_key ON datasets (experiment_id, name, digest);

CREATE TABLE run_dataset_inputs (
  run_uuid     TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  dataset_uuid TEXT NOT NULL REFERENCES datasets (dataset_uuid) ON DELETE CASCADE,
  PRIMARY KEY (run_uuid, dataset_uuid)
);
CREATE INDEX run_dataset_inputs_dataset_idx ON run_dataset_inputs (dataset_uuid);

CREATE TABLE run_dataset_input_tags (
  run_uuid     TEXT NOT NULL,
  dataset_uuid TEXT NOT NULL,
  key          TEXT NOT NULL,
  value        TEXT NOT NULL,
  PRIMARY KEY (run_uuid, dataset_uuid, key),
  FOREIGN KEY (run_uuid, dataset_uuid) REFERENCES run_dataset_inputs (run_uuid, dataset_uuid) ON DELETE CASCADE
);
CREATE INDEX run_dataset_input_tags_key_value_idx ON run_dataset_input_tags (key, value);

-- The store always holds experiment 0, "Default". Its artifact location is filled in at start-up
-- from the configured default artifact root (see server/store/bootstrap.ts).
INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
VALUES (0, 'Default', '', 'active', CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

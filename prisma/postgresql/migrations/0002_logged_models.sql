-- MLflow 3 logged models: a model logged from a run (or alone), its params, tags, linked
-- metrics, and the run inputs/outputs that refer to it.

CREATE TABLE logged_models (
  model_id                  TEXT   NOT NULL PRIMARY KEY,
  experiment_id             BIGINT NOT NULL REFERENCES experiments (experiment_id) ON DELETE CASCADE,
  name                      TEXT   NOT NULL,
  artifact_location         TEXT   NOT NULL,
  creation_timestamp_ms     BIGINT NOT NULL,
  last_updated_timestamp_ms BIGINT NOT NULL,
  status                    TEXT   NOT NULL,
  lifecycle_stage           TEXT   NOT NULL DEFAULT 'active',
  model_type                TEXT,
  source_run_id             TEXT,
  status_message            TEXT
);
CREATE INDEX logged_models_experiment_created_idx ON logged_models (experiment_id, creation_timestamp_ms, model_id);
CREATE INDEX logged_models_source_run_idx ON logged_models (source_run_id);
CREATE INDEX logged_models_experiment_name_idx ON logged_models (experiment_id, name);

CREATE TABLE logged_model_params (
  model_id TEXT NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (model_id, key)
);
CREATE INDEX logged_model_params_key_value_idx ON logged_model_params (key, value);

CREATE TABLE logged_model_tags (
  model_id TEXT NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  key      TEXT NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (model_id, key)
);
CREATE INDEX logged_model_tags_key_value_idx ON logged_model_tags (key, value);

-- Metrics linked to a model, from any run. dataset_name/digest are '' when not given, so they can
-- be part of the key.
CREATE TABLE logged_model_metrics (
  model_id       TEXT    NOT NULL REFERENCES logged_models (model_id) ON DELETE CASCADE,
  key            TEXT    NOT NULL,
  run_uuid       TEXT    NOT NULL,
  step           BIGINT  NOT NULL,
  timestamp      BIGINT  NOT NULL,
  dataset_name   TEXT    NOT NULL DEFAULT '',
  dataset_digest TEXT    NOT NULL DEFAULT '',
  value          DOUBLE PRECISION NOT NULL,
  is_nan         BOOLEAN NOT NULL,
  PRIMARY KEY (model_id, key, run_uuid, step, timestamp, dataset_name, dataset_digest)
);
CREATE INDEX logged_model_metrics_key_value_idx ON logged_model_metrics (key, value);

CREATE TABLE run_model_outputs (
  run_uuid TEXT   NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  model_id TEXT   NOT NULL,
  step     BIGINT NOT NULL,
  PRIMARY KEY (run_uuid, model_id)
);
CREATE INDEX run_model_outputs_model_idx ON run_model_outputs (model_id);

CREATE TABLE run_model_inputs (
  run_uuid TEXT NOT NULL REFERENCES runs (run_uuid) ON DELETE CASCADE,
  model_id TEXT NOT NULL,
  PRIMARY KEY (run_uuid, model_id)
);

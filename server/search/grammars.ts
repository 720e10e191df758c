import {
  NUMERIC_OPS,
  STRING_LIST_OPS,
  STRING_OPS,
  type SearchGrammar,
} from './grammar';

/** The runs/search DSL (reference §7.1). */
export const RUN_GRAMMAR: SearchGrammar = {
  prefixes: {
    metric: 'metric',
    metrics: 'metric',
    param: 'param',
    params: 'param',
    parameter: 'param',
    parameters: 'param',
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
    attr: 'attribute',
    run: 'attribute',
    dataset: 'dataset',
    datasets: 'dataset',
  },
  entities: {
    metric: { label: 'metrics', anyKey: { type: 'number', ops: NUMERIC_OPS }, sortable: 'any' },
    param: { label: 'params', anyKey: { type: 'string', ops: STRING_OPS }, sortable: 'any' },
    tag: { label: 'tags', anyKey: { type: 'string', ops: STRING_OPS }, sortable: 'any' },
    attribute: {
      label: 'attributes',
      fields: {
        // run_id is the only attribute that takes a list (MLflow's rule).
        run_id: { type: 'string', ops: STRING_LIST_OPS },
        run_name: { type: 'string', ops: STRING_OPS },
        status: { type: 'string', ops: STRING_OPS },
        user_id: { type: 'string', ops: STRING_OPS },
        artifact_uri: { type: 'string', ops: STRING_OPS },
        start_time: { type: 'number', ops: NUMERIC_OPS },
        end_time: { type: 'number', ops: NUMERIC_OPS },
      },
      // The spellings the MLflow UI's column headers produce.
      aliases: {
        'run name': 'run_name',
        'Run name': 'run_name',
        'Run Name': 'run_name',
        created: 'start_time',
        Created: 'start_time',
      },
      sortable: ['run_id', 'run_name', 'status', 'user_id', 'artifact_uri', 'start_time', 'end_time'],
    },
    dataset: {
      label: 'datasets',
      fields: {
        name: { type: 'string', ops: STRING_LIST_OPS },
        digest: { type: 'string', ops: STRING_LIST_OPS },
        context: { type: 'string', ops: STRING_LIST_OPS },
      },
    },
  },
};

/** The experiments/search DSL (reference §7.2). */
export const EXPERIMENT_GRAMMAR: SearchGrammar = {
  prefixes: {
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
  },
  entities: {
    tag: { label: 'tags', anyKey: { type: 'string', ops: STRING_OPS } },
    attribute: {
      label: 'attributes',
      fields: {
        // MLflow's string-attribute operator set includes IN / NOT IN; accepting them costs nothing.
        name: { type: 'string', ops: STRING_LIST_OPS },
        creation_time: { type: 'number', ops: NUMERIC_OPS },
        last_update_time: { type: 'number', ops: NUMERIC_OPS },
      },
      sortable: ['name', 'experiment_id', 'creation_time', 'last_update_time'],
    },
  },
};

/**
 * The logged-models/search filter DSL (reference §7.5). order_by is structured on the wire
 * (`{field_name, ascending, dataset_name, dataset_digest}`); `compileLoggedModelSearch` resolves
 * `field_name` against this grammar's prefixes, aliases and `sortable` lists.
 */
export const LOGGED_MODEL_GRAMMAR: SearchGrammar = {
  prefixes: {
    metric: 'metric',
    metrics: 'metric',
    param: 'param',
    params: 'param',
    parameter: 'param',
    parameters: 'param',
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
    attr: 'attribute',
  },
  entities: {
    metric: { label: 'metrics', anyKey: { type: 'number', ops: NUMERIC_OPS }, sortable: 'any' },
    param: { label: 'params', anyKey: { type: 'string', ops: STRING_LIST_OPS } },
    tag: { label: 'tags', anyKey: { type: 'string', ops: STRING_LIST_OPS } },
    attribute: {
      label: 'attributes',
      fields: {
        name: { type: 'string', ops: STRING_LIST_OPS },
        model_id: { type: 'string', ops: STRING_LIST_OPS },
        model_type: { type: 'string', ops: STRING_LIST_OPS },
        status: { type: 'string', ops: STRING_LIST_OPS },
        source_run_id: { type: 'string', ops: STRING_LIST_OPS },
        creation_timestamp: { type: 'number', ops: NUMERIC_OPS },
        last_updated_timestamp: { type: 'number', ops: NUMERIC_OPS },
      },
      aliases: {
        creation_time: 'creation_timestamp',
        last_updated_time: 'last_updated_timestamp',
      },
      sortable: [
        'name',
        'model_id',
        'model_type',
        'status',
        'source_run_id',
        'creation_timestamp',
        'last_updated_timestamp',
      ],
    },
  },
};

/**
 * The registered-models/search DSL (reference §7.3): the attribute `name` and `tags.<key>`, string
 * operators only. order_by takes `name`, `creation_timestamp` (also `timestamp`) and
 * `last_updated_timestamp`.
 */
export const REGISTERED_MODEL_GRAMMAR: SearchGrammar = {
  prefixes: {
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
  },
  entities: {
    tag: { label: 'tags', anyKey: { type: 'string', ops: STRING_OPS } },
    attribute: {
      label: 'attributes',
      fields: {
        name: { type: 'string', ops: STRING_OPS },
      },
      aliases: { timestamp: 'creation_timestamp' },
      sortable: ['name', 'creation_timestamp', 'last_updated_timestamp'],
    },
  },
};

/**
 * The model-versions/search DSL (reference §7.4): attributes `name`, `run_id` (the only one that
 * takes IN), `source_path` (the version's `source`), the numeric `version_number`, and
 * `tags.<key>`.
 */
export const MODEL_VERSION_GRAMMAR: SearchGrammar = {
  prefixes: {
    tag: 'tag',
    tags: 'tag',
    attribute: 'attribute',
    attributes: 'attribute',
  },
  entities: {
    tag: { label: 'tags', anyKey: { type: 'string', ops: STRING_OPS } },
    attribute: {
      label: 'attributes',
      fields: {
        name: { type: 'string', ops: STRING_OPS },
        run_id: { type: 'string', ops: [...STRING_OPS, 'IN'] },
        source_path: { type: 'string', ops: STRING_OPS },
        version_number: { type: 'number', ops: NUMERIC_OPS },
      },
      sortable: ['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp'],
    },
  },
};

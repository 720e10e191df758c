/**
 * The UI's one way to the server: typed calls to the same REST API the MLflow client uses, on the
 * /ajax-api prefix, plus Runboard's table/chart extensions under /ajax-api/2.0/runboard.
 * Client-safe: imports nothing from server/.
 */
export * from './api/http';
export * from './api/types';
export * from './api/experiments';
export * from './api/runs';
export * from './api/metrics';
export * from './api/artifacts';
export * from './api/registry';
export * from './api/logged-models';
export * from './api/shared-views';

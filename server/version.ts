/** The MLflow version whose protocol Runboard speaks; `/version` reports it to the client. */
export const MLFLOW_COMPATIBLE_VERSION = '3.17.2';

// MLflow 3 logged-model calls: filled in by the logged-model pages' work.
export {};

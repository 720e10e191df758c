import type { LifecycleStage, RunInfo, RunStatus } from '@/lib/domain';
import type { TrackingStore } from '../../store/tracking-store';
import { getActiveRunInfoOrThrow, getRunInfoOrThrow } from './get-run-or-throw';

export interface UpdateRunRequest {
  runId: string;
  status?: RunStatus;
  endTime?: number;
  runName?: string;
}

/** Only the fields present change; a new name also rewrites the mlflow.runName tag. */
export async function updateRun(store: TrackingStore, req: UpdateRunRequest): Promise<RunInfo> {
  await getActiveRunInfoOrThrow(store, req.runId);
  return store.updateRun(req.runId, { status: req.status, endTime: req.endTime, runName: req.runName || undefined });
}

export async function setRunLifecycle(store: TrackingStore, runId: string, stage: LifecycleStage): Promise<void> {
  await getRunInfoOrThrow(store, runId);
  await store.setRunLifecycle(runId, stage);
}

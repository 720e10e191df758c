import type { Run, RunInfo } from '@/lib/domain';
import { invalidParameter, notFound } from '../../errors';
import type { TrackingStore } from '../../store/tracking-store';
import { validateRunId } from '../validation';

export async function getRunOrThrow(store: TrackingStore, runId: string): Promise<Run> {
  const run = await store.getRun(validateRunId(runId));
  if (!run) throw notFound(`Run with id=${runId} not found`);
  return run;
}

export async function getRunInfoOrThrow(store: TrackingStore, runId: string): Promise<RunInfo> {
  const info = await store.getRunInfo(validateRunId(runId));
  if (!info) throw notFound(`Run with id=${runId} not found`);
  return info;
}

/** Everything that writes to a run needs it active (reference §3.1). */
export async function getActiveRunInfoOrThrow(store: TrackingStore, runId: string): Promise<RunInfo> {
  const info = await getRunInfoOrThrow(store, runId);
  if (info.lifecycleStage !== 'active') {
    throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${info.lifecycleStage}.`);
  }
  return info;
}

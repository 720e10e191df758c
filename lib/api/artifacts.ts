import { apiCall, queryString } from './http';
import type { WireFileInfo } from './types';

/** One directory of a run's artifacts (the whole directory; sizes for files). */
export async function listRunArtifacts(runId: string, path?: string): Promise<{ rootUri: string; files: WireFileInfo[] }> {
  const res = await apiCall<{ root_uri: string; files?: WireFileInfo[] }>('GET', 'mlflow/artifacts/list', {
    run_id: runId,
    path: path || undefined,
  });
  return { rootUri: res.root_uri, files: res.files ?? [] };
}

/** URL of one artifact file (an attachment; honours `Range` for previews). MLflow's own path. */
export function runArtifactUrl(runId: string, path: string): string {
  return `/get-artifact${queryString({ run_uuid: runId, path })}`;
}

/** URL of a zip of a run's artifact folder (or of all its artifacts without a path). */
export function runArtifactZipUrl(runId: string, path?: string): string {
  return `/ajax-api/2.0/runboard/artifacts/zip${queryString({ run_id: runId, path: path || undefined })}`;
}

export interface ArtifactHead {
  /** Text of the first bytes (decoded as UTF-8). */
  text: string;
  /** Bytes received. */
  received: number;
  /** Size of the whole file. */
  size: number;
  truncated: boolean;
}

/** The first `maxBytes` of a file, fetched with an HTTP Range request: a preview never loads a whole large file. */
export async function fetchArtifactHead(url: string, maxBytes: number, init?: { signal?: AbortSignal }): Promise<ArtifactHead> {
  const response = await fetch(url, { headers: { range: `bytes=0-${maxBytes - 1}` }, signal: init?.signal });
  if (!response.ok) throw new Error(`Could not read the file (HTTP ${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const range = response.headers.get('content-range');
  const size = range ? Number(range.split('/')[1]) : bytes.length;
  const received = Math.min(bytes.length, maxBytes);
  return {
    text: new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, received)),
    received,
    size,
    truncated: received < size,
  };
}

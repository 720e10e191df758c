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

/**
 * The first `maxBytes` of a file, asked for with an HTTP Range request and read as a stream that
 * is cancelled once enough has arrived: even a server that ignores Range never pushes a whole
 * large file into the page.
 */
export async function fetchArtifactHead(url: string, maxBytes: number, init?: { signal?: AbortSignal }): Promise<ArtifactHead> {
  const response = await fetch(url, { headers: { range: `bytes=0-${maxBytes - 1}` }, signal: init?.signal });
  if (!response.ok) throw new Error(`Could not read the file (HTTP ${response.status}).`);
  const chunks: Uint8Array[] = [];
  let received = 0;
  const reader = response.body?.getReader();
  while (reader && received < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
  }
  await reader?.cancel().catch(() => undefined);
  const bytes = new Uint8Array(Math.min(received, maxBytes));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  const range = response.headers.get('content-range');
  const length = response.headers.get('content-length');
  const size = range ? Number(range.split('/')[1]) : length && response.status === 200 ? Number(length) : Math.max(received, bytes.length);
  return {
    text: new TextDecoder('utf-8', { fatal: false }).decode(bytes),
    received: bytes.length,
    size,
    truncated: bytes.length < size,
  };
}

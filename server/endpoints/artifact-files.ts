import { z } from 'zod';
import { resolveArtifactUri } from '../artifacts/artifact-uri';
import { artifactFileResponse, attachmentDisposition, parseRangeHeader } from '../artifacts/file-response';
import { MlflowError, invalidParameter } from '../errors';
import { endpoint, type Endpoint } from '../http/endpoint';
import {
  loggedModelArtifactOwner,
  openOwnedArtifact,
  runArtifactOwner,
  zipOwnedArtifacts,
  type ArtifactOwner,
} from '../services/artifacts/artifact-files';
import { getLoggedModelStore, getTrackingStore } from '../store';

/**
 * Artifact files for the UI: one file (HTTP Range for previews) or a folder as a zip, of a run or
 * of a logged model. The MLflow UI's `/get-artifact?path=&run_uuid=` is routed to the run file.
 */
const runRequest = z.object({ run_id: z.string().optional(), run_uuid: z.string().optional(), path: z.string().optional() });
const modelRequest = z.object({ model_id: z.string(), path: z.string().optional() });

async function runOwner(r: z.infer<typeof runRequest>): Promise<ArtifactOwner> {
  const runId = r.run_id || r.run_uuid;
  if (!runId) {
    throw invalidParameter("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
  }
  return runArtifactOwner({ store: await getTrackingStore(), resolveUri: (uri) => resolveArtifactUri(uri) }, runId);
}

async function modelOwner(modelId: string): Promise<ArtifactOwner> {
  return loggedModelArtifactOwner({ store: await getLoggedModelStore(), resolveUri: (uri) => resolveArtifactUri(uri) }, modelId);
}

async function fileResponse(owner: ArtifactOwner, path: string | undefined, request: Request): Promise<Response> {
  const file = await openOwnedArtifact(owner, path, parseRangeHeader(request.headers.get('range')));
  return artifactFileResponse(file, file.fileName);
}

async function zipResponse(owner: ArtifactOwner, path: string | undefined): Promise<Response> {
  const zip = await zipOwnedArtifacts(owner, path);
  return new Response(zip.stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': attachmentDisposition(zip.fileName),
      'x-content-type-options': 'nosniff',
    },
  });
}

export const artifactFileEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    version: 2,
    path: '/runboard/artifacts/file',
    request: runRequest,
    handle: async (r, { request }) => fileResponse(await runOwner(r), r.path, request),
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/runboard/artifacts/zip',
    request: runRequest,
    handle: async (r) => zipResponse(await runOwner(r), r.path),
  }),
  // MLflow's own logged-model download (its UI's), with Range as a Runboard addition.
  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/logged-models/{model_id}/artifacts/files',
    request: z.object({ model_id: z.string(), artifact_file_path: z.string().optional() }),
    handle: async (r, { request }) => {
      if (!r.artifact_file_path) throw new MlflowError('BAD_REQUEST', "Missing required parameter 'artifact_file_path'.");
      return fileResponse(await modelOwner(r.model_id), r.artifact_file_path, request);
    },
  }),
  endpoint({
    method: 'GET',
    version: 2,
    path: '/runboard/logged-models/artifacts/zip',
    request: modelRequest,
    handle: async (r) => zipResponse(await modelOwner(r.model_id), r.path),
  }),
];

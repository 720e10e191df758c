import { z } from 'zod';
import { resolveArtifactUri } from '../artifacts/artifact-uri';
import { artifactFileResponse } from '../artifacts/file-response';
import { getProxyArtifactRepository } from '../artifacts/proxy-repository';
import { getConfig } from '../config';
import { MlflowError, invalidParameter } from '../errors';
import { endpoint, type Endpoint } from '../http/endpoint';
import { deleteArtifact } from '../services/artifacts/delete-artifact';
import { downloadArtifact } from '../services/artifacts/download-artifact';
import { listArtifacts } from '../services/artifacts/list-artifacts';
import { listRunArtifacts } from '../services/artifacts/list-run-artifacts';
import { uploadArtifact } from '../services/artifacts/upload-artifact';
import { getTrackingStore } from '../store';
import { fileInfoToWire } from '../wire/file-info';

/** Prefix the MLflow client looks for in a 501 before it falls back to a single PUT (§1.5). */
export const MULTIPART_UNSUPPORTED_MESSAGE = 'Multipart upload is not supported for the current artifact repository';

const pathParam = z.object({ path: z.string() });

function artifactsDisabled(): Response {
  return new Response(
    'Endpoint disabled: this server does not serve artifacts (started with --no-serve-artifacts). ' +
      'Restart it with --serve-artifacts to use /api/2.0/mlflow-artifacts.',
    { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8' } },
  );
}

/** A proxy route: with `--no-serve-artifacts` it answers 503 in plain text, as the MLflow server does. */
function proxyEndpoint<S extends z.ZodType>(e: Endpoint<S>): Endpoint<S> {
  return {
    ...e,
    handle: async (request, ctx) => (getConfig().serveArtifacts ? e.handle(request, ctx) : artifactsDisabled()),
  };
}

function multipartNotSupported(step: string): Endpoint {
  return proxyEndpoint({
    method: 'POST',
    version: 2,
    path: `/mlflow-artifacts/mpu/${step}/{path...}`,
    request: pathParam,
    body: 'raw',
    handle: async () => {
      throw new MlflowError(
        'NOT_IMPLEMENTED',
        `${MULTIPART_UNSUPPORTED_MESSAGE}: this server stores uploads itself; send the file with a single PUT.`,
      );
    },
  });
}


export const artifactEndpoints: Endpoint[] = [
  proxyEndpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow-artifacts/artifacts',
    request: z.object({ path: z.string().optional() }),
    handle: async ({ path }) => {
      const files = await listArtifacts(getProxyArtifactRepository(), path);
      return files.length === 0 ? {} : { files: files.map(fileInfoToWire) };
    },
  }),
  proxyEndpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow-artifacts/artifacts/{path...}',
    request: pathParam,
    handle: async ({ path }) => {
      const download = await downloadArtifact(getProxyArtifactRepository(), path);
      return artifactFileResponse(download, download.fileName);
    },
  }),
  proxyEndpoint({
    method: 'PUT',
    version: 2,
    path: '/mlflow-artifacts/artifacts/{path...}',
    request: pathParam,
    body: 'raw',
    handle: async ({ path }, { request }) => {
      await uploadArtifact(getProxyArtifactRepository(), path, request.body);
      return {};
    },
  }),
  proxyEndpoint({
    method: 'DELETE',
    version: 2,
    path: '/mlflow-artifacts/artifacts/{path...}',
    request: pathParam,
    handle: async ({ path }) => {
      await deleteArtifact(getProxyArtifactRepository(), path);
      return {};
    },
  }),
  multipartNotSupported('create'),
  multipartNotSupported('complete'),
  multipartNotSupported('abort'),

  endpoint({
    method: 'GET',
    version: 2,
    path: '/mlflow/artifacts/list',
    request: z.object({
      run_id: z.string().optional(),
      run_uuid: z.string().optional(),
      path: z.string().optional(),
      // Accepted and ignored: a directory is always listed in one page.
      page_token: z.string().optional(),
    }),
    handle: async ({ run_id, run_uuid, path }) => {
      const runId = run_id || run_uuid;
      if (!runId) {
        throw invalidParameter("Missing value for required parameter 'run_id'. See the API docs for more information about request parameters.");
      }
      const listing = await listRunArtifacts(
        { store: await getTrackingStore(), resolveUri: (uri) => resolveArtifactUri(uri) },
        { runId, path },
      );
      return listing.files.length === 0
        ? { root_uri: listing.rootUri }
        : { root_uri: listing.rootUri, files: listing.files.map(fileInfoToWire) };
    },
  }),
];

// Sends run plans to the server: experiment creation, runs/create, runs/log-batch, runs/log-inputs,
// child runs, artifact uploads through the proxy, and runs/update with the final status.
import { mapPool, proxyPath } from './http.mjs';
import { kv } from './plan.mjs';

export function newStats() {
  return { experiments: 0, runs: 0, metricPoints: 0, params: 0, tags: 0, datasetInputs: 0, artifacts: 0, artifactBytes: 0, skippedArtifacts: 0 };
}

/** Counts a plan and its descendants. */
export function countRuns(plans) {
  return plans.reduce((n, p) => n + 1 + countRuns(p.children ?? []), 0);
}

export function* allRuns(plans) {
  for (const p of plans) {
    yield p;
    yield* allRuns(p.children ?? []);
  }
}

async function nameIsFree(client, kind, name) {
  try {
    if (kind === 'experiment') await client.get('experiments/get-by-name', { experiment_name: name });
    else await client.get('registered-models/get', { name });
    return false;
  } catch (err) {
    if (err.code === 'RESOURCE_DOES_NOT_EXIST') return true;
    throw err;
  }
}

/**
 * Picks one suffix ("", "-2", "-3", ...) under which every given experiment and registered-model
 * name is still free, so a second `npm run demo` creates a fresh, consistently named set.
 */
export async function chooseSuffix(client, { experiments = [], models = [] }) {
  for (let n = 1; n < 1000; n += 1) {
    const suffix = n === 1 ? '' : `-${n}`;
    const checks = [...experiments.map((e) => ['experiment', e]), ...models.map((m) => ['model', m])];
    const free = await Promise.all(checks.map(([kind, name]) => nameIsFree(client, kind, `${name}${suffix}`)));
    if (free.every(Boolean)) return suffix;
  }
  throw new Error('could not find a free name suffix below 1000');
}

/** Creates an experiment; if the name is taken after all (a concurrent demo), tries name-2, name-3, ... */
export async function createExperiment(client, name, { description, tags = {} }) {
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    try {
      const allTags = { ...tags };
      if (description) allTags['mlflow.note.content'] = description;
      const { experiment_id: id } = await client.post('experiments/create', { name: candidate, tags: kv(allTags) });
      return { id, name: candidate };
    } catch (err) {
      if (err.code !== 'RESOURCE_ALREADY_EXISTS') throw err;
    }
  }
  throw new Error(`no free experiment name for ${name}`);
}

let warnedArtifacts = false;

/** Creates one run (and its children) and logs everything in its plan. */
export async function executePlan(client, experimentId, plan, stats, parentRunId) {
  const tags = { ...plan.tags };
  if (parentRunId) tags['mlflow.parentRunId'] = parentRunId;
  const { run } = await client.post('runs/create', { experiment_id: experimentId, run_name: plan.name, start_time: plan.start, tags: kv(tags) });
  plan.runId = run.info.run_id;
  plan.artifactUri = run.info.artifact_uri;
  plan.experimentId = experimentId;
  stats.runs += 1;
  stats.tags += Object.keys(tags).length;

  const params = kv(plan.params);
  await client.logBatch(plan.runId, { params, metrics: plan.log.points });
  stats.params += params.length;
  stats.metricPoints += plan.log.points.length;

  if (plan.datasets?.length) {
    await client.post('runs/log-inputs', { run_id: plan.runId, datasets: plan.datasets });
    stats.datasetInputs += plan.datasets.length;
  }

  if (plan.children?.length) await mapPool(plan.children, 4, (child) => executePlan(client, experimentId, child, stats, plan.runId));

  if (plan.artifacts) {
    if (proxyPath(plan.artifactUri) === null) {
      stats.skippedArtifacts += 1;
      if (!warnedArtifacts) {
        warnedArtifacts = true;
        process.stderr.write(`warning: run artifact_uri ${plan.artifactUri} is not served by the artifact proxy; skipping artifact uploads\n`);
      }
    } else {
      const files = plan.artifacts(plan.runId);
      await mapPool(files, 2, async (f) => {
        await client.uploadArtifact(plan.artifactUri, f.path, f.content, f.contentType);
        stats.artifacts += 1;
        stats.artifactBytes += Buffer.byteLength(f.content);
      });
    }
  }

  if (plan.status !== 'RUNNING') await client.post('runs/update', { run_id: plan.runId, status: plan.status, end_time: plan.end });
  return plan;
}

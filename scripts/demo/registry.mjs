// MLflow 3 logged models and the model registry: for the best runs of an experiment, a logged model
// with its files, linked to the run (runs/outputs) and its metrics, registered as versions of one
// registered model, with `champion` and `challenger` aliases.
import { proxyPath } from './http.mjs';
import { kv, fmt } from './plan.mjs';
import { allRuns } from './runner.mjs';

const SYSTEM_TAGS = ['mlflow.user', 'mlflow.source.name', 'mlflow.source.type', 'mlflow.source.git.commit'];

export async function registerBestRuns(client, rng, exp, { modelName, versions, description, tags, modelType }) {
  const better = exp.lowerIsBetter ? (a, b) => a - b : (a, b) => b - a;
  const candidates = [...allRuns(exp.runs)]
    .filter((p) => p.status === 'FINISHED' && p.runId && Number.isFinite(p.summary?.[exp.primary]) && !p.children?.length && p.params.fold === undefined)
    .sort((a, b) => better(a.summary[exp.primary], b.summary[exp.primary]))
    .slice(0, versions)
    .sort((a, b) => a.start - b.start); // versions in the order the runs happened

  const { registered_model: rm } = await client.post('registered-models/create', { name: modelName, description, tags: kv(tags) });
  const created = [];
  for (const plan of candidates) {
    const modelTags = Object.fromEntries(SYSTEM_TAGS.filter((k) => plan.tags[k]).map((k) => [k, plan.tags[k]]));
    const { model } = await client.post('logged-models', {
      experiment_id: plan.experimentId,
      name: 'model',
      model_type: modelType,
      source_run_id: plan.runId,
      params: kv(plan.params),
      tags: kv(modelTags),
    });
    const modelId = model.info.model_id;
    if (proxyPath(model.info.artifact_uri) !== null) {
      for (const f of exp.modelFiles(rng, plan, plan.runId, '', modelId)) await client.uploadArtifact(model.info.artifact_uri, f.path, f.content, f.contentType);
    }
    await client.patch(`logged-models/${encodeURIComponent(modelId)}`, { model_id: modelId, status: 'LOGGED_MODEL_READY' });
    const step = plan.log.cutoff;
    await client.post('runs/outputs', { run_id: plan.runId, models: [{ model_id: modelId, step }] });
    // Link the run's metrics at the model's step to the model, as the MLflow client does after log_model.
    const linked = plan.log.points.filter((p) => p.step === step).map((p) => ({ ...p, model_id: modelId }));
    if (linked.length) await client.logBatch(plan.runId, { metrics: linked });

    const score = plan.summary[exp.primary];
    const { model_version: mv } = await client.post('model-versions/create', {
      name: rm.name,
      source: `models:/${modelId}`,
      run_id: plan.runId,
      model_id: modelId,
      description: `${plan.params.model ?? plan.params.base_model} from run \`${plan.name}\`: ${exp.primary} ${fmt(score)}.`,
      tags: kv({ [exp.primary]: fmt(score), validation_status: 'pending', trained_by: plan.tags['mlflow.user'] }),
    });
    await client.patch(`logged-models/${encodeURIComponent(modelId)}/tags`, { tags: [{ key: 'mlflow.modelVersions', value: JSON.stringify([{ name: rm.name, version: mv.version }]) }] });
    created.push({ version: mv.version, modelId, plan, score });
  }

  // champion: the best of the older versions (what is in production); challenger: the newest one.
  const aliases = {};
  if (created.length) {
    const older = created.length > 1 ? created.slice(0, -1) : created;
    const champion = [...older].sort((a, b) => better(a.score, b.score))[0];
    aliases.champion = champion.version;
    if (created.length > 1) aliases.challenger = created[created.length - 1].version;
    for (const [alias, version] of Object.entries(aliases)) await client.post('registered-models/alias', { name: rm.name, alias, version });
    for (const c of created) {
      const status = c.version === aliases.champion ? 'approved' : c.version === aliases.challenger ? 'in_review' : 'superseded';
      await client.post('model-versions/set-tag', { name: rm.name, version: c.version, key: 'validation_status', value: status });
    }
    await client.request('PATCH', '/api/2.0/mlflow/model-versions/update', {
      body: { name: rm.name, version: aliases.champion, description: `**Production.** ${created.find((c) => c.version === aliases.champion).plan.params.model ?? 'model'} serving since ${new Date().toISOString().slice(0, 10)}; ${exp.primary} ${fmt(created.find((c) => c.version === aliases.champion).score)}.` },
    });
  }
  return { name: rm.name, versions: created.map((c) => ({ version: c.version, modelId: c.modelId, run: c.plan.name, score: c.score })), aliases };
}

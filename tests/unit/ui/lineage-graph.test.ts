import { describe, expect, it } from 'vitest';
import type { WireExperiment, WireLoggedModel, WireModelVersion, WireRun } from '@/lib/api-client';
import { buildLineageGraph, loggedModelIdFromSource, loggedModelIdOf, parseVersionRef, type LineageInput } from '@/components/lineage/lineage-graph';

const version: WireModelVersion = {
  name: 'fraud model/eu #2',
  version: '3',
  source: 'models:/m-abc',
  run_id: 'r1',
  model_id: 'm-abc',
  status: 'READY',
  aliases: ['champion', 'blue'],
};

const model: WireLoggedModel = {
  info: { model_id: 'm-abc', experiment_id: '7', name: 'clf', artifact_uri: 'mlflow-artifacts:/7/models/m-abc/artifacts', status: 'LOGGED_MODEL_READY', source_run_id: 'r1' },
};

function run(id: string, name: string, extra: Partial<WireRun> = {}, tags: { key: string; value: string }[] = []): WireRun {
  return {
    info: { run_id: id, run_name: name, experiment_id: '7', user_id: 'u', status: 'FINISHED', start_time: 1, artifact_uri: '', lifecycle_stage: 'active' },
    data: { tags },
    ...extra,
  };
}

const source = run('r1', 'train-42', {
  inputs: {
    dataset_inputs: [
      { tags: [{ key: 'mlflow.data.context', value: 'training' }], dataset: { name: 'tx-train', digest: 'd1', source_type: 's3', source: 's3://b/train' } },
      { tags: [{ key: 'mlflow.data.context', value: 'eval' }], dataset: { name: 'tx-eval', digest: 'd2', source_type: 's3', source: 's3://b/eval', schema: '{}' } },
    ],
  },
}, [{ key: 'mlflow.parentRunId', value: 'p1' }]);
const experiment: WireExperiment = { experiment_id: '7', name: 'fraud', artifact_location: '', lifecycle_stage: 'active' };

const full: LineageInput = {
  version,
  loggedModel: { state: 'ok', value: model },
  run: { state: 'ok', value: source },
  parentRun: { state: 'ok', value: run('p1', 'sweep') },
  experiment: { state: 'ok', value: experiment },
};

const byKind = (g: ReturnType<typeof buildLineageGraph>, kind: string) => g.nodes.filter((n) => n.kind === kind);

describe('lineage graph data', () => {
  it('links aliases → version → logged model → run → parent run, experiment and each dataset', () => {
    const g = buildLineageGraph(full);
    expect(g.nodes.map((n) => n.id)).toEqual(['alias:blue', 'alias:champion', 'version', 'logged-model', 'run', 'parent-run', 'experiment', 'dataset:0', 'dataset:1']);
    expect(g.edges.map((e) => `${e.from}>${e.to}`)).toEqual([
      'alias:blue>version',
      'alias:champion>version',
      'version>logged-model',
      'logged-model>run',
      'run>parent-run',
      'run>experiment',
      'run>dataset:0',
      'run>dataset:1',
    ]);
    expect(g.edges.some((e) => e.dashed)).toBe(false);
  });

  it('gives every node its page, with each user-made segment encoded', () => {
    const g = buildLineageGraph(full);
    const href = (id: string) => g.nodes.find((n) => n.id === id)?.href;
    expect(href('alias:champion')).toBe('/models/fraud%20model%2Feu%20%232/versions/3');
    expect(href('version')).toBe('/models/fraud%20model%2Feu%20%232/versions/3');
    expect(href('logged-model')).toBe('/experiments/7/models/m-abc');
    expect(href('run')).toBe('/experiments/7/runs/r1');
    expect(href('parent-run')).toBe('/experiments/7/runs/p1');
    expect(href('experiment')).toBe('/experiments/7');
    // Datasets open details instead of navigating.
    expect(href('dataset:0')).toBeUndefined();
  });

  it('names nodes for assistive technology and shows dataset contexts', () => {
    const g = buildLineageGraph(full);
    expect(byKind(g, 'run')[0].label).toBe('Run train-42');
    expect(byKind(g, 'parent-run')[0].label).toBe('Parent run sweep');
    expect(byKind(g, 'experiment')[0].label).toBe('Experiment fraud');
    expect(byKind(g, 'alias').map((n) => n.title)).toEqual(['@blue', '@champion']);
    const datasets = byKind(g, 'dataset');
    expect(datasets.map((d) => d.caption)).toEqual(['Dataset · training', 'Dataset · eval']);
    expect(datasets[1].dataset).toMatchObject({ name: 'tx-eval', digest: 'd2', context: 'eval', runId: 'r1', experimentId: '7', schema: '{}' });
  });

  it('shows a version registered from runs:/ with a placeholder instead of a logged model', () => {
    const g = buildLineageGraph({ ...full, version: { ...version, model_id: undefined, source: 'runs:/r1/model', aliases: [] }, loggedModel: { state: 'none' } });
    const placeholder = byKind(g, 'logged-model')[0];
    expect(placeholder).toMatchObject({ missing: true, title: 'No logged model', detail: 'Registered from runs:/r1/model' });
    expect(placeholder.href).toBeUndefined();
    expect(g.edges.filter((e) => e.dashed).map((e) => `${e.from}>${e.to}`)).toEqual(['version>logged-model', 'logged-model>run']);
    expect(byKind(g, 'alias')).toHaveLength(0);
  });

  it('marks a deleted run and a purged one honestly', () => {
    const deleted = buildLineageGraph({ ...full, run: { state: 'ok', value: { ...source, info: { ...source.info, lifecycle_stage: 'deleted' } } } });
    expect(byKind(deleted, 'run')[0]).toMatchObject({ badges: ['deleted'], label: 'Run train-42 (deleted)', href: '/experiments/7/runs/r1' });

    const purged = buildLineageGraph({ ...full, run: { state: 'missing', id: 'r1', reason: 'not found (deleted?)' }, parentRun: { state: 'none' } });
    const runNode = byKind(purged, 'run')[0];
    expect(runNode).toMatchObject({ missing: true, detail: 'not found (deleted?)' });
    expect(runNode.href).toBeUndefined();
    // Without the run, its parent and datasets are unknown: no dataset nodes are invented.
    expect(byKind(purged, 'dataset')).toHaveLength(0);
    expect(byKind(purged, 'parent-run')).toHaveLength(0);
  });

  it('says so when the run logged no datasets, and leaves out a parent that does not exist', () => {
    const g = buildLineageGraph({ ...full, run: { state: 'ok', value: run('r1', 'solo') }, parentRun: { state: 'none' } });
    expect(byKind(g, 'parent-run')).toHaveLength(0);
    expect(byKind(g, 'dataset')).toEqual([expect.objectContaining({ id: 'dataset:none', missing: true, title: 'No dataset inputs' })]);
  });

  it('marks a deleted logged model and a model that could not be found', () => {
    const deleted = buildLineageGraph({ ...full, loggedModel: { state: 'ok', value: model, deleted: true } });
    expect(byKind(deleted, 'logged-model')[0].badges).toEqual(['deleted']);
    const gone = buildLineageGraph({ ...full, loggedModel: { state: 'missing', id: 'm-abc', reason: 'not found (deleted?)' } });
    expect(byKind(gone, 'logged-model')[0]).toMatchObject({ missing: true, title: 'm-abc' });
  });
});

describe('logged model of a version', () => {
  it('reads models:/<id> sources but not registry or run URIs', () => {
    expect(loggedModelIdFromSource('models:/m-123')).toBe('m-123');
    expect(loggedModelIdFromSource('models:/name/3')).toBeUndefined();
    expect(loggedModelIdFromSource('models:/name@champion')).toBeUndefined();
    expect(loggedModelIdFromSource('runs:/r1/model')).toBeUndefined();
    expect(loggedModelIdFromSource(undefined)).toBeUndefined();
  });

  it('prefers the version model_id over its source', () => {
    expect(loggedModelIdOf({ name: 'n', version: '1', model_id: 'm-1', source: 'models:/m-2' })).toBe('m-1');
    expect(loggedModelIdOf({ name: 'n', version: '1', source: 'models:/m-2' })).toBe('m-2');
  });

  it('reads a version number or an alias from the URL segment', () => {
    expect(parseVersionRef('3')).toEqual({ version: '3' });
    expect(parseVersionRef('@champion')).toEqual({ alias: 'champion' });
    expect(parseVersionRef('challenger')).toEqual({ alias: 'challenger' });
  });
});

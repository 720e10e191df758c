/**
 * The lineage of a registered model version as graph data: aliases → version → logged model →
 * run → (parent run, experiment, dataset inputs). Built from objects already fetched, so what is
 * missing (no logged model, a purged run) becomes an honest placeholder node. Pure, unit-tested.
 */
import type { WireDatasetInput, WireExperiment, WireLoggedModel, WireModelVersion, WireRun } from '@/lib/api-client';
import { keyValueMap } from '@/lib/format';
import { experimentHref, loggedModelHref, modelVersionHref, runPageHref } from '@/components/logged-models/links';
import { statusText } from '@/components/logged-models/logged-model-data';

export type LineageKind = 'alias' | 'version' | 'logged-model' | 'run' | 'parent-run' | 'experiment' | 'dataset';

/** The outcome of one lookup: found, known to be absent (`none`), or asked for and not found. */
export type Lookup<T> = { state: 'ok'; value: T; deleted?: boolean } | { state: 'none' } | { state: 'missing'; id: string; reason: string };

export interface DatasetDetails {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  context?: string;
  schema?: string;
  profile?: string;
  runId: string;
  experimentId: string;
}

export interface LineageNode {
  id: string;
  kind: LineageKind;
  /** What the node is, shown small above the title: "Alias", "Run", "Dataset · training". */
  caption: string;
  title: string;
  detail?: string;
  /** Absent for placeholders and datasets (which open details instead). */
  href?: string;
  /** A placeholder for something that does not exist or could not be found. */
  missing?: boolean;
  badges: string[];
  /** The name read by assistive technology, e.g. "Run train-42". */
  label: string;
  dataset?: DatasetDetails;
}

export interface LineageEdge {
  from: string;
  to: string;
  /** Dashed: one end is a placeholder. */
  dashed?: boolean;
}

export interface LineageInput {
  version: WireModelVersion;
  loggedModel: Lookup<WireLoggedModel>;
  run: Lookup<WireRun>;
  parentRun: Lookup<WireRun>;
  experiment: Lookup<WireExperiment>;
}

export interface LineageGraph {
  nodes: LineageNode[];
  edges: LineageEdge[];
}

export const CONTEXT_TAG = 'mlflow.data.context';

/**
 * `models:/<id>` with a single segment and no `@` names a logged model (reference §6); `runs:/…`
 * and `models:/<name>/<version>` do not.
 */
export function loggedModelIdFromSource(source: string | undefined): string | undefined {
  const match = /^models:\/([^/@]+)\/?$/.exec(source ?? '');
  return match ? match[1] : undefined;
}

/** A version URL segment: `3` is a version number; `@champion` (or any non-number) an alias. */
export function parseVersionRef(ref: string): { version: string } | { alias: string } {
  const text = ref.trim();
  return /^\d+$/.test(text) ? { version: text } : { alias: text.replace(/^@/, '') };
}

/** The logged model a version was registered from: its `model_id`, else its `models:/<id>` source. */
export function loggedModelIdOf(version: WireModelVersion): string | undefined {
  return version.model_id || loggedModelIdFromSource(version.source);
}

function runNode(id: string, kind: 'run' | 'parent-run', lookup: Lookup<WireRun>, fallbackExperimentId: string | undefined): LineageNode {
  const caption = kind === 'run' ? 'Source run' : 'Parent run';
  const word = kind === 'run' ? 'Run' : 'Parent run';
  if (lookup.state !== 'ok') {
    const runId = lookup.state === 'missing' ? lookup.id : '';
    return {
      id,
      kind,
      caption,
      title: runId ? `Run ${runId.slice(0, 12)}` : 'No source run recorded',
      detail: lookup.state === 'missing' ? lookup.reason : 'The version names no run',
      missing: true,
      badges: [],
      label: lookup.state === 'missing' ? `${word} ${runId}: ${lookup.reason}` : `${word}: none recorded`,
    };
  }
  const { info } = lookup.value;
  const name = info.run_name || info.run_id;
  const deleted = info.lifecycle_stage === 'deleted';
  return {
    id,
    kind,
    caption,
    title: name,
    detail: info.status,
    href: runPageHref(info.experiment_id || fallbackExperimentId || '', info.run_id),
    badges: deleted ? ['deleted'] : [],
    label: `${word} ${name}${deleted ? ' (deleted)' : ''}`,
  };
}

function loggedModelNode(lookup: Lookup<WireLoggedModel>, version: WireModelVersion): LineageNode {
  if (lookup.state === 'ok') {
    const { info } = lookup.value;
    const name = info.name || info.model_id;
    return {
      id: 'logged-model',
      kind: 'logged-model',
      caption: 'Logged model',
      title: name,
      detail: info.model_id,
      href: loggedModelHref(info.experiment_id, info.model_id),
      badges: [statusText(info.status), ...(lookup.deleted ? ['deleted'] : [])].filter((b) => b !== 'READY'),
      label: `Logged model ${name} (${info.model_id})${lookup.deleted ? ' (deleted)' : ''}`,
    };
  }
  if (lookup.state === 'missing') {
    return {
      id: 'logged-model',
      kind: 'logged-model',
      caption: 'Logged model',
      title: lookup.id,
      detail: lookup.reason,
      missing: true,
      badges: [],
      label: `Logged model ${lookup.id}: ${lookup.reason}`,
    };
  }
  const source = version.source || 'no source';
  return {
    id: 'logged-model',
    kind: 'logged-model',
    caption: 'Logged model',
    title: 'No logged model',
    detail: `Registered from ${source}`,
    missing: true,
    badges: [],
    label: `Logged model: none, the version was registered from ${source}`,
  };
}

function datasetNode(input: WireDatasetInput, index: number, run: WireRun): LineageNode {
  const context = keyValueMap(input.tags).get(CONTEXT_TAG) || undefined;
  const d = input.dataset;
  return {
    id: `dataset:${index}`,
    kind: 'dataset',
    caption: context ? `Dataset · ${context}` : 'Dataset',
    title: d.name || d.digest,
    detail: [d.source_type, d.digest].filter(Boolean).join(' · '),
    badges: [],
    label: `Dataset ${d.name || d.digest}${context ? ` (${context})` : ''}`,
    dataset: {
      name: d.name,
      digest: d.digest,
      sourceType: d.source_type,
      source: d.source,
      context,
      schema: d.schema,
      profile: d.profile,
      runId: run.info.run_id,
      experimentId: run.info.experiment_id,
    },
  };
}

/** The graph of one version's lineage, nodes in reading order (left to right, top to bottom). */
export function buildLineageGraph(input: LineageInput): LineageGraph {
  const { version } = input;
  const nodes: LineageNode[] = [];
  const edges: LineageEdge[] = [];
  const link = (from: LineageNode, to: LineageNode) => edges.push({ from: from.id, to: to.id, ...(from.missing || to.missing ? { dashed: true } : {}) });
  const versionHref = modelVersionHref(version.name, version.version);

  const aliases = [...new Set(version.aliases ?? [])].sort((a, b) => a.localeCompare(b));
  const aliasNodes = aliases.map<LineageNode>((alias) => ({
    id: `alias:${alias}`,
    kind: 'alias',
    caption: 'Alias',
    title: `@${alias}`,
    detail: `→ version ${version.version}`,
    href: versionHref,
    badges: [],
    label: `Alias ${alias} of ${version.name}, version ${version.version}`,
  }));
  const versionNode: LineageNode = {
    id: 'version',
    kind: 'version',
    caption: 'Model version',
    title: `${version.name} v${version.version}`,
    detail: version.status && version.status !== 'READY' ? version.status : version.current_stage && version.current_stage !== 'None' ? version.current_stage : undefined,
    href: versionHref,
    badges: version.status && version.status !== 'READY' ? [version.status] : [],
    label: `Model version ${version.name} version ${version.version}`,
  };
  nodes.push(...aliasNodes, versionNode);
  aliasNodes.forEach((a) => link(a, versionNode));

  const model = loggedModelNode(input.loggedModel, version);
  nodes.push(model);
  link(versionNode, model);

  const modelExperimentId = input.loggedModel.state === 'ok' ? input.loggedModel.value.info.experiment_id : undefined;
  const run = runNode('run', 'run', input.run, modelExperimentId);
  nodes.push(run);
  link(model, run);

  const runValue = input.run.state === 'ok' ? input.run.value : null;
  if (input.parentRun.state !== 'none') {
    const parent = runNode('parent-run', 'parent-run', input.parentRun, runValue?.info.experiment_id);
    nodes.push(parent);
    link(run, parent);
  }

  if (input.experiment.state !== 'none') {
    const e = input.experiment;
    const experiment: LineageNode =
      e.state === 'ok'
        ? {
            id: 'experiment',
            kind: 'experiment',
            caption: 'Experiment',
            title: e.value.name,
            detail: `ID ${e.value.experiment_id}`,
            href: experimentHref(e.value.experiment_id),
            badges: e.value.lifecycle_stage === 'deleted' ? ['deleted'] : [],
            label: `Experiment ${e.value.name}${e.value.lifecycle_stage === 'deleted' ? ' (deleted)' : ''}`,
          }
        : {
            id: 'experiment',
            kind: 'experiment',
            caption: 'Experiment',
            title: `Experiment ${e.id}`,
            detail: e.reason,
            missing: true,
            badges: [],
            label: `Experiment ${e.id}: ${e.reason}`,
          };
    nodes.push(experiment);
    link(run, experiment);
  }

  if (runValue) {
    const inputs = runValue.inputs?.dataset_inputs ?? [];
    const datasets = inputs.map((d, i) => datasetNode(d, i, runValue));
    if (datasets.length === 0) {
      datasets.push({
        id: 'dataset:none',
        kind: 'dataset',
        caption: 'Dataset',
        title: 'No dataset inputs',
        detail: 'The run logged none',
        missing: true,
        badges: [],
        label: 'Datasets: the run logged no dataset inputs',
      });
    }
    for (const d of datasets) {
      nodes.push(d);
      link(run, d);
    }
  }
  return { nodes, edges };
}

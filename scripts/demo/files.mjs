// Text artifacts: a small YAML writer, CSV, training logs, and MLmodel-style model directories.
import { isoTime, fmt } from './plan.mjs';

export const TYPES = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  yaml: 'application/x-yaml',
  png: 'image/png',
  md: 'text/markdown',
};

export function file(path, content) {
  const ext = path.includes('.') ? path.split('.').pop() : 'txt';
  return { path, content, contentType: path.endsWith('MLmodel') ? 'application/x-yaml' : TYPES[ext] ?? 'application/octet-stream' };
}

function yamlScalar(v) {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const s = String(v);
  if (s === '' || /^[\s\-?:,[\]{}#&*!|>'"%@`]|: |\s#|^(true|false|null|yes|no|~)$|^[\d.+-]/i.test(s) || s.includes('\n')) return `'${s.replace(/'/g, "''")}'`;
  return s;
}

/** Serializes plain objects, arrays and scalars as block-style YAML. */
export function toYaml(value, indent = '') {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    return `\n${value.map((item) => (item !== null && typeof item === 'object' ? `${indent}-${toYaml(item, `${indent}  `).replace(/^\n\s*/, ' ')}` : `${indent}- ${yamlScalar(item)}\n`)).join('')}`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}\n';
    return `\n${entries.map(([k, v]) => `${indent}${k}:${v !== null && typeof v === 'object' ? toYaml(v, `${indent}  `) : ` ${yamlScalar(v)}\n`}`).join('')}`;
  }
  return ` ${yamlScalar(value)}\n`;
}

export function yamlDoc(obj) {
  return toYaml(obj).replace(/^\n/, '');
}

export function csv(header, rows) {
  const cell = (v) => {
    const s = typeof v === 'number' ? String(Number.isInteger(v) ? v : Number(v.toPrecision(6))) : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/**
 * A plausible training log: a header with the config, one line every few steps with the metrics
 * logged at that step, and a closing line (or a traceback for failed runs).
 */
export function trainingLog({ plan, logger, every, keys, failure }) {
  const lines = [];
  const at = (ms, level, msg) => lines.push(`${isoTime(ms)},${String(ms % 1000).padStart(3, '0')} ${level.padEnd(7)} ${logger} - ${msg}`);
  at(plan.start, 'INFO', `run ${plan.name} started by ${plan.tags['mlflow.user']} (${plan.tags['mlflow.source.name']})`);
  for (const [k, v] of Object.entries(plan.params)) at(plan.start + 5, 'INFO', `param ${k}=${v}`);
  const byStep = new Map();
  for (const p of plan.log.points) {
    if (!keys.includes(p.key)) continue;
    if (!byStep.has(p.step)) byStep.set(p.step, { ts: p.timestamp, values: [] });
    byStep.get(p.step).values.push(`${p.key}=${fmt(p.value)}`);
  }
  const steps = [...byStep.keys()].sort((a, b) => a - b);
  steps.forEach((step, i) => {
    if (i % every !== 0 && i !== steps.length - 1) return;
    const { ts, values } = byStep.get(step);
    at(ts, 'INFO', `step ${step}: ${values.join(' ')}`);
  });
  const end = plan.end ?? plan.log.timestampOf(plan.log.cutoff);
  if (plan.status === 'FAILED') {
    at(end, 'ERROR', 'training failed');
    lines.push('Traceback (most recent call last):', ...failure.map((l) => `  ${l}`));
  } else if (plan.status === 'KILLED') {
    at(end, 'WARNING', 'received SIGTERM, stopping early');
  } else if (plan.status === 'FINISHED') {
    at(end, 'INFO', `training finished in ${Math.round((end - plan.start) / 1000)} s`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * An MLflow-style model directory (MLmodel, environment files, input example). `flavor` describes the
 * library: {module, name, version, dataFile, modelClass, pipRequirements}.
 */
export function modelDirectory({ prefix = '', runId, modelId, artifactPath = 'model', flavor, inputs, outputs, example, created, uuid }) {
  const python = '3.11.9';
  const mlmodel = {
    artifact_path: artifactPath,
    flavors: {
      python_function: {
        env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' },
        loader_module: `mlflow.${flavor.name}`,
        model_path: flavor.dataFile,
        predict_fn: 'predict',
        python_version: python,
      },
      [flavor.name]: {
        code: null,
        data: flavor.dataFile,
        [`${flavor.module}_version`]: flavor.version,
        model_class: flavor.modelClass,
      },
    },
    mlflow_version: '3.1.0',
    model_size_bytes: flavor.sizeBytes,
    model_uuid: uuid,
    ...(modelId ? { model_id: modelId } : {}),
    run_id: runId,
    signature: {
      inputs: JSON.stringify(inputs.map(([name, type]) => ({ type, name, required: true }))),
      outputs: JSON.stringify(outputs),
      params: null,
    },
    utc_time_created: new Date(created).toISOString().replace('T', ' ').replace('Z', ''),
  };
  const reqs = ['mlflow==3.1.0', ...flavor.pipRequirements];
  return [
    file(`${prefix}MLmodel`, yamlDoc(mlmodel)),
    file(`${prefix}requirements.txt`, `${reqs.join('\n')}\n`),
    file(`${prefix}python_env.yaml`, yamlDoc({ python, build_dependencies: ['pip==24.0', 'setuptools==69.5.1', 'wheel==0.43.0'], dependencies: ['-r requirements.txt'] })),
    file(`${prefix}conda.yaml`, yamlDoc({ channels: ['conda-forge'], dependencies: [`python=${python}`, 'pip<=24.0', { pip: reqs }], name: 'mlflow-env' })),
    file(`${prefix}input_example.json`, `${JSON.stringify({ columns: inputs.map(([n]) => n), data: example }, null, 2)}\n`),
  ];
}

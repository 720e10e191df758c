// Experiment 1: a customer-churn classifier (gradient boosting and friends on tabular data), with
// an Optuna-style hyperparameter sweep (parent run + trial child runs).
import { MetricLog, makeContext, systemTags, startTimes, pickStatus, progressFor, placeRun, datasetInput, fmt, MINUTE, SECOND } from './plan.mjs';
import { csv, file, trainingLog, yamlDoc, modelDirectory } from './files.mjs';
import { lineChart, confusionMatrix } from './png.mjs';

const FEATURES = [
  ['tenure_months', 'long'],
  ['monthly_charges', 'double'],
  ['total_charges', 'double'],
  ['contract_type', 'string'],
  ['payment_method', 'string'],
  ['num_support_tickets', 'long'],
  ['avg_daily_usage_min', 'double'],
  ['days_since_last_login', 'long'],
  ['plan_tier', 'string'],
  ['has_autopay', 'boolean'],
];

const BASE_AUC = { lightgbm: 0.858, xgboost: 0.853, catboost: 0.861, random_forest: 0.838, logistic_regression: 0.801 };
const FEATURE_BONUS = { v1_basic: 0, v2_usage: 0.018, v3_usage_support: 0.027 };
const DATA_DIGEST = { v1_basic: ['3f9a1c07', 'b2e40d19'], v2_usage: ['8c51e2aa', '0d7fb3c4'], v3_usage_support: ['e61d0b58', '5a2c9f71'] };
const FLAVORS = {
  lightgbm: { name: 'lightgbm', module: 'lgb', version: '4.3.0', dataFile: 'model.lgb', modelClass: 'lightgbm.sklearn.LGBMClassifier', pipRequirements: ['lightgbm==4.3.0', 'pandas==2.2.2', 'scikit-learn==1.5.0'] },
  xgboost: { name: 'xgboost', module: 'xgb', version: '2.0.3', dataFile: 'model.xgb', modelClass: 'xgboost.sklearn.XGBClassifier', pipRequirements: ['xgboost==2.0.3', 'pandas==2.2.2', 'scikit-learn==1.5.0'] },
  catboost: { name: 'catboost', module: 'catboost', version: '1.2.5', dataFile: 'model.cb', modelClass: 'catboost.core.CatBoostClassifier', pipRequirements: ['catboost==1.2.5', 'pandas==2.2.2'] },
  random_forest: { name: 'sklearn', module: 'sklearn', version: '1.5.0', dataFile: 'model.pkl', modelClass: 'sklearn.ensemble.RandomForestClassifier', pipRequirements: ['scikit-learn==1.5.0', 'cloudpickle==3.0.0'] },
  logistic_regression: { name: 'sklearn', module: 'sklearn', version: '1.5.0', dataFile: 'model.pkl', modelClass: 'sklearn.pipeline.Pipeline', pipRequirements: ['scikit-learn==1.5.0', 'cloudpickle==3.0.0'] },
};

function sampleParams(rng, model, featureSet) {
  const common = { model, feature_set: featureSet, class_weight: rng.pick(['balanced', 'none']), cv_folds: 5, seed: rng.int(0, 9999), target: 'churned_90d' };
  switch (model) {
    case 'lightgbm':
      return { ...common, learning_rate: sig3(rng.logUniform(0.01, 0.3)), num_leaves: rng.pick([15, 31, 63, 127]), max_depth: rng.int(3, 12), n_estimators: rng.pick([100, 150, 200, 300, 400, 500]), subsample: sig3(rng.uniform(0.6, 1)), colsample_bytree: sig3(rng.uniform(0.5, 1)), min_child_samples: rng.pick([10, 20, 50]), reg_lambda: sig3(rng.logUniform(0.001, 10)) };
    case 'xgboost':
      return { ...common, learning_rate: sig3(rng.logUniform(0.01, 0.3)), max_depth: rng.int(3, 10), n_estimators: rng.pick([100, 200, 300, 400]), subsample: sig3(rng.uniform(0.6, 1)), colsample_bytree: sig3(rng.uniform(0.5, 1)), min_child_weight: rng.int(1, 10), gamma: sig3(rng.uniform(0, 1)), tree_method: 'hist' };
    case 'catboost':
      return { ...common, learning_rate: sig3(rng.logUniform(0.02, 0.2)), depth: rng.int(4, 10), iterations: rng.pick([200, 300, 500]), l2_leaf_reg: sig3(rng.logUniform(1, 10)), border_count: 254 };
    case 'random_forest':
      return { ...common, n_estimators: rng.pick([100, 200, 300, 500]), max_depth: rng.pick([8, 12, 16, 24]), min_samples_leaf: rng.pick([1, 2, 5, 10]), max_features: rng.pick(['sqrt', 'log2', '0.5']) };
    default:
      return { ...common, C: sig3(rng.logUniform(0.01, 10)), penalty: rng.pick(['l2', 'l1']), solver: 'saga', max_iter: rng.pick([100, 200, 300]), scaler: 'standard' };
  }
}

function sig3(v) {
  return Number(v.toPrecision(3));
}

/** Planned quality and curve shape for a parameter set. */
function shape(rng, p) {
  const lr = Number(p.learning_rate ?? 0.1);
  const depth = Number(p.max_depth ?? p.depth ?? 6);
  let auc = BASE_AUC[p.model] + FEATURE_BONUS[p.feature_set] + rng.normal(0, 0.004);
  if (p.learning_rate) auc -= 0.03 * Math.log10(lr / 0.05) ** 2;
  if (p.model !== 'logistic_regression') auc -= 0.0009 * (depth - 7) ** 2;
  if (p.class_weight === 'balanced') auc += 0.002;
  let steps;
  let rate;
  let every = 1;
  if (p.model === 'random_forest') {
    steps = Number(p.n_estimators);
    rate = 0.04;
    every = 10;
  } else if (p.model === 'logistic_regression') {
    steps = Number(p.max_iter);
    rate = 0.05;
  } else {
    steps = Number(p.n_estimators ?? p.iterations);
    rate = lr * 0.9;
  }
  auc -= 0.05 * Math.exp(-(rate * steps) / 3); // under-trained
  auc = Math.min(0.915, Math.max(0.7, auc));
  const overfit = Math.max(0, depth - 8) * 0.5 + (Number(p.num_leaves) >= 127 ? 0.5 : 0) + (lr > 0.2 ? 0.5 : 0);
  const secondsPerStep = { lightgbm: 0.6, xgboost: 0.9, catboost: 1.4, random_forest: 1.1, logistic_regression: 0.15 }[p.model];
  return { auc, steps, rate, every, overfit, duration: Math.round(steps * secondsPerStep * SECOND * rng.uniform(0.8, 1.3)) + 40 * SECOND };
}

function buildRun(rng, ctx, { name, params, start, status, frac, noteChance = 0.15, artifactChance = 0.45 }) {
  const s = shape(rng, params);
  const progress = progressFor(rng, status);
  const placed = placeRun(ctx, start, s.duration, status, progress);
  const log = new MetricLog({ start: placed.start, duration: s.duration, lastStep: s.steps, progress });
  const valMin = 0.6 - 0.9 * (s.auc - 0.5);
  const trainFloor = Math.max(0.04, valMin - 0.06 - 0.012 * Number(params.max_depth ?? params.depth ?? 6));
  for (let t = s.every; t <= s.steps; t += s.every) {
    const x = s.rate * t;
    const over = s.overfit * 0.03 * (1 - Math.exp(-Math.max(0, x - 4) / 15));
    log.add('train_logloss', t, trainFloor + (0.66 - trainFloor) * Math.exp(-x) + rng.normal(0, 0.002));
    log.add('val_logloss', t, valMin + (0.665 - valMin) * Math.exp(-0.9 * x) + over + rng.normal(0, 0.003));
    log.add('val_auc', t, 0.5 + (s.auc - 0.5) * (1 - Math.exp(-1.5 * x)) - over * 0.4 + rng.normal(0, 0.0015));
  }
  log.sprinkleNaN(rng, 0.06, ['train_logloss', 'val_logloss']);
  const summary = { val_auc: log.last('val_auc') };
  if (status === 'FINISHED') {
    const auc = summary.val_auc;
    const f1 = 0.55 + (auc - 0.8) * 1.5 + rng.normal(0, 0.008);
    const precision = Math.min(0.95, f1 + rng.normal(0.03, 0.03));
    const recall = (f1 * precision) / (2 * precision - f1);
    const end = placed.end - 3 * SECOND;
    Object.assign(summary, { val_f1: f1, val_precision: precision, val_recall: recall, val_accuracy: 0.55 + 0.36 * auc + rng.normal(0, 0.004), test_auc: auc + rng.normal(-0.003, 0.004) });
    for (const [k, v] of Object.entries(summary)) if (k !== 'val_auc') log.final(k, v, end);
    log.final('training_time_s', (placed.end - placed.start) / 1000, end);
  }
  const tags = { ...systemTags(rng, ctx, frac), 'mlflow.runName': name, team: 'growth-ml', feature_set: params.feature_set };
  if (rng.chance(noteChance)) tags['mlflow.note.content'] = note(rng, name, params, status, summary);
  if (rng.chance(0.2)) tags.candidate = 'true';
  const [trainDigest, evalDigest] = DATA_DIGEST[params.feature_set];
  const datasets = [
    datasetInput({ name: `churn_${params.feature_set}_train`, digest: trainDigest, sourceType: 's3', source: { uri: `s3://acme-ml-data/churn/${params.feature_set}/train.parquet` }, schema: FEATURES, profile: { num_rows: 28172, num_elements: 28172 * FEATURES.length }, context: 'training' }),
    datasetInput({ name: `churn_${params.feature_set}_holdout`, digest: evalDigest, sourceType: 's3', source: { uri: `s3://acme-ml-data/churn/${params.feature_set}/holdout.parquet` }, schema: FEATURES, profile: { num_rows: 7043, num_elements: 7043 * FEATURES.length }, context: 'eval' }),
  ];
  const plan = { name, status, start: placed.start, end: placed.end, params, tags, log, datasets, summary, children: [] };
  if ((status === 'FINISHED' && rng.chance(artifactChance)) || (status === 'FAILED' && rng.chance(0.6))) {
    plan.artifacts = (runId) => artifacts(rng.fork(7), plan, runId);
  }
  return plan;
}

function note(rng, name, p, status, summary) {
  if (status === 'FAILED') {
    return rng.pick([
      `**Failed.** The worker ran out of memory while building histogram bins for \`${p.feature_set}\`.\n\nRetry on a \`r6i.4xlarge\` or drop the raw clickstream columns.`,
      `**Failed**: \`ValueError: Input contains NaN\` after the join with the support-ticket table.\n\n- [ ] fill \`num_support_tickets\` with 0 for customers without tickets`,
    ]);
  }
  if (status !== 'FINISHED') return `Stopped early. Partial results only; do not compare with finished runs.`;
  return [
    `### ${name}`,
    '',
    rng.pick([
      `Baseline for \`${p.model}\` on the **${p.feature_set}** feature set.`,
      `Trying a ${p.learning_rate ? `learning rate of ${p.learning_rate}` : 'different regularisation'} with \`class_weight=${p.class_weight}\`.`,
      `Re-run after fixing the leakage in \`days_since_last_login\` (it was computed after the churn date).`,
    ]),
    '',
    '| metric | value |',
    '|---|---|',
    `| val_auc | ${fmt(summary.val_auc)} |`,
    `| val_f1 | ${fmt(summary.val_f1)} |`,
    `| test_auc | ${fmt(summary.test_auc)} |`,
    '',
    rng.pick(['Next: add tenure buckets.', 'Looks promising, worth a sweep.', 'Worse than the previous best; keeping it for reference.']),
  ].join('\n');
}

function artifacts(rng, plan, runId) {
  const p = plan.params;
  const files = [
    file('train.log', trainingLog({ plan, logger: 'churn.train', every: 20, keys: ['train_logloss', 'val_logloss', 'val_auc'], failure: ['File "train_churn.py", line 212, in <module>', '    booster = fit(train_set, valid_set, params)', 'File "churn/model.py", line 88, in fit', '    raise MemoryError("Unable to allocate 6.21 GiB for an array with shape (28172, 29560)")', 'MemoryError: Unable to allocate 6.21 GiB for an array with shape (28172, 29560)'] })),
  ];
  if (plan.status !== 'FINISHED') return files;
  const s = plan.summary;
  // predictions on the holdout set
  const rows = [];
  for (let i = 0; i < 250; i += 1) {
    const churned = rng.chance(0.265) ? 1 : 0;
    const score = Math.min(0.999, Math.max(0.001, 1 / (1 + Math.exp(-(rng.normal(churned ? 1.3 : -1.6, 1.2 - (s.val_auc - 0.8)))))));
    rows.push([`C${String(100000 + rng.int(0, 899999))}`, churned, Number(score.toFixed(4)), score >= 0.5 ? 1 : 0, rng.int(1, 72), Number(rng.uniform(19, 119).toFixed(2))]);
  }
  files.push(file('predictions.csv', csv(['customer_id', 'churned_90d', 'churn_probability', 'predicted', 'tenure_months', 'monthly_charges'], rows)));
  files.push(file('config.yaml', yamlDoc({ experiment: 'churn', model: { type: p.model, params: Object.fromEntries(Object.entries(p).filter(([k]) => !['model', 'feature_set', 'seed'].includes(k))) }, data: { feature_set: p.feature_set, target: 'churned_90d', train: `s3://acme-ml-data/churn/${p.feature_set}/train.parquet`, holdout: `s3://acme-ml-data/churn/${p.feature_set}/holdout.parquet` }, seed: p.seed })));
  files.push(file('plots/logloss.png', lineChart({ title: `logloss: ${plan.name}`, xLabel: 'boosting round', series: [{ name: 'train_logloss', points: plan.log.series('train_logloss') }, { name: 'val_logloss', points: plan.log.series('val_logloss') }] })));
  const positives = 1866;
  const tp = Math.round(s.val_recall * positives);
  const fp = Math.round(tp / s.val_precision - tp);
  files.push(file('plots/confusion_matrix.png', confusionMatrix({ labels: ['stay', 'churn'], counts: [[5177 - fp, fp], [positives - tp, tp]] })));
  files.push(file('eval/metrics.json', `${JSON.stringify(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Number(v.toFixed(5))])), null, 2)}\n`));
  files.push(file('eval/feature_importance.csv', csv(['feature', 'importance'], FEATURES.map(([f]) => [f, Number(rng.uniform(0.01, 1).toFixed(4))]).sort((a, b) => b[1] - a[1]))));
  files.push(...modelFiles(rng, plan, runId, 'model/'));
  return files;
}

function modelFiles(rng, plan, runId, prefix, modelId) {
  const flavor = { ...FLAVORS[plan.params.model], sizeBytes: rng.int(40_000, 900_000) };
  return modelDirectory({
    prefix,
    runId,
    modelId,
    flavor,
    inputs: FEATURES,
    outputs: [{ type: 'long', required: true }],
    example: [[12, 70.35, 844.2, 'month-to-month', 'electronic_check', 3, 41.2, 9, 'standard', false]],
    created: plan.end ?? plan.start,
    uuid: rng.hex(32),
  });
}

export function churnExperiment(rng, now) {
  const ctx = makeContext(rng, {
    now,
    days: 28,
    users: ['maria.garcia', 'li.wei', 'sam.okafor'],
    repo: 'https://github.com/acme/churn-model',
    sources: [
      [{ name: 'train_churn.py', type: 'LOCAL' }, 6],
      [{ name: 'notebooks/churn_exploration.ipynb', type: 'NOTEBOOK' }, 2],
      [{ name: 'jobs/churn-nightly-retrain', type: 'JOB' }, 2],
    ],
  });
  const singles = 64;
  const starts = startTimes(rng, ctx, singles + 1);
  const runs = [];
  const sweepAt = Math.floor(singles * 0.7);
  for (let i = 0; i < singles; i += 1) {
    const frac = i / singles;
    const model = rng.weighted([
      ['lightgbm', frac > 0.3 ? 5 : 2],
      ['xgboost', 3],
      ['catboost', frac > 0.5 ? 2 : 1],
      ['random_forest', frac < 0.4 ? 3 : 1],
      ['logistic_regression', frac < 0.25 ? 4 : 0.5],
    ]);
    const featureSet = frac < 0.3 ? 'v1_basic' : frac < 0.65 ? rng.pick(['v1_basic', 'v2_usage']) : rng.pick(['v2_usage', 'v3_usage_support', 'v3_usage_support']);
    const params = sampleParams(rng, model, featureSet);
    const status = pickStatus(rng, i >= singles - 5);
    const name = `${model.replace('_', '-')}-${featureSet.split('_')[0]}-${String(i + 1).padStart(3, '0')}`;
    runs.push(buildRun(rng, ctx, { name, params, start: starts[i + (i >= sweepAt ? 1 : 0)], status, frac }));
  }
  runs.splice(sweepAt, 0, sweep(rng, ctx, starts[sweepAt], sweepAt / singles));
  return {
    key: 'churn',
    name: 'churn-classifier',
    description: '## Customer churn (90 days)\n\nPredict which subscribers cancel within 90 days, from billing, usage and support data.\n\n- **Primary metric:** `val_auc` on the holdout month\n- **Owner:** growth-ml (#growth-ml on Slack)\n- Feature sets: `v1_basic` → `v2_usage` → `v3_usage_support`',
    tags: { team: 'growth-ml', project: 'retention', 'problem-type': 'binary-classification' },
    runs,
    primary: 'val_auc',
    modelFiles,
  };
}

function sweep(rng, ctx, start, frac) {
  const trials = 30;
  const children = [];
  let t = start + 2 * MINUTE;
  let best = -Infinity;
  const bestSoFar = [];
  for (let i = 0; i < trials; i += 1) {
    const params = { ...sampleParams(rng, 'lightgbm', 'v3_usage_support'), class_weight: 'balanced', sweep_trial: i };
    if (i > 10) {
      // TPE-like: later trials concentrate around good values
      params.learning_rate = sig3(rng.logUniform(0.03, 0.09));
      params.max_depth = rng.int(5, 9);
    }
    const child = buildRun(rng, { ...ctx, now: Number.MAX_SAFE_INTEGER }, { name: `trial-${String(i).padStart(3, '0')}`, params, start: t, status: rng.chance(0.93) ? 'FINISHED' : 'FAILED', frac, noteChance: 0, artifactChance: 0.15 });
    child.tags['optuna.trial_number'] = String(i);
    children.push(child);
    t = child.end + rng.int(2, 20) * SECOND;
    if (child.status === 'FINISHED' && child.summary.val_auc > best) best = child.summary.val_auc;
    bestSoFar.push(best);
  }
  const end = t + 10 * SECOND;
  const log = new MetricLog({ start, duration: end - start, lastStep: trials - 1 });
  bestSoFar.forEach((v, i) => Number.isFinite(v) && log.add('best_val_auc', i, v));
  const winner = children.filter((c) => c.status === 'FINISHED').sort((a, b) => b.summary.val_auc - a.summary.val_auc)[0];
  const top = children.filter((c) => c.status === 'FINISHED').sort((a, b) => b.summary.val_auc - a.summary.val_auc).slice(0, 5);
  const tags = {
    ...systemTags(rng, ctx, frac),
    'mlflow.runName': 'optuna-lgbm-sweep',
    'mlflow.source.name': 'sweeps/optuna_lgbm.py',
    'mlflow.source.type': 'LOCAL',
    team: 'growth-ml',
    sweep: 'optuna',
    'mlflow.note.content': [
      '## LightGBM sweep (TPE, 30 trials)',
      '',
      `Best trial: **${winner.name}** with val_auc **${fmt(winner.summary.val_auc)}**.`,
      '',
      '| trial | learning_rate | max_depth | num_leaves | val_auc |',
      '|---|---|---|---|---|',
      ...top.map((c) => `| ${c.name} | ${c.params.learning_rate} | ${c.params.max_depth} | ${c.params.num_leaves} | ${fmt(c.summary.val_auc)} |`),
    ].join('\n'),
  };
  const params = {
    sampler: 'TPESampler',
    n_trials: trials,
    objective: 'val_auc',
    direction: 'maximize',
    model: 'lightgbm',
    feature_set: 'v3_usage_support',
    search_space: JSON.stringify({ learning_rate: ['log_uniform', 0.01, 0.3], max_depth: ['int', 3, 12], num_leaves: ['choice', [15, 31, 63, 127]], subsample: ['uniform', 0.6, 1.0] }),
    best_trial: winner.name,
  };
  return { name: 'optuna-lgbm-sweep', status: 'FINISHED', start, end, params, tags, log, datasets: [], summary: { val_auc: winner.summary.val_auc }, children };
}

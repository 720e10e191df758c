// Experiment 2: a house-price regressor. Linear models log only final metrics; tree models and
// MLPs log per-step curves. Cross-validation runs are parents with one child run per fold.
import { MetricLog, makeContext, systemTags, startTimes, pickStatus, progressFor, placeRun, datasetInput, fmt, SECOND } from './plan.mjs';
import { csv, file, trainingLog, modelDirectory } from './files.mjs';
import { lineChart, scatterChart } from './png.mjs';

const FEATURES = [
  ['living_area_sqft', 'double'],
  ['lot_area_sqft', 'double'],
  ['bedrooms', 'long'],
  ['bathrooms', 'double'],
  ['year_built', 'long'],
  ['overall_quality', 'long'],
  ['garage_cars', 'long'],
  ['neighborhood', 'string'],
  ['has_basement', 'boolean'],
];
const BASE_RMSE = { ridge: 34500, lasso: 35200, gradient_boosting: 24800, random_forest: 27600, lightgbm: 23900, mlp: 26900 };
const FLAVORS = {
  ridge: ['sklearn.linear_model.Ridge', 'sklearn', 'sklearn', '1.5.0', 'model.pkl'],
  lasso: ['sklearn.linear_model.Lasso', 'sklearn', 'sklearn', '1.5.0', 'model.pkl'],
  gradient_boosting: ['sklearn.ensemble.GradientBoostingRegressor', 'sklearn', 'sklearn', '1.5.0', 'model.pkl'],
  random_forest: ['sklearn.ensemble.RandomForestRegressor', 'sklearn', 'sklearn', '1.5.0', 'model.pkl'],
  lightgbm: ['lightgbm.sklearn.LGBMRegressor', 'lightgbm', 'lgb', '4.3.0', 'model.lgb'],
  mlp: ['torch.nn.Sequential', 'pytorch', 'pytorch', '2.3.1', 'data'],
};

function sig3(v) {
  return Number(v.toPrecision(3));
}

function sampleParams(rng, model) {
  const common = { model, target_transform: rng.pick(['log1p', 'log1p', 'none']), imputer: rng.pick(['median', 'knn']), feature_set: rng.pick(['base', 'base+neighborhood_te']), seed: rng.int(0, 9999) };
  switch (model) {
    case 'ridge':
    case 'lasso':
      return { ...common, alpha: sig3(rng.logUniform(0.001, 100)), polynomial_degree: rng.pick([1, 2]) };
    case 'mlp':
      return { ...common, hidden_layers: rng.pick(['128,64', '256,128', '512,256,128']), dropout: rng.pick([0, 0.1, 0.2, 0.3]), learning_rate: sig3(rng.logUniform(1e-4, 1e-2)), batch_size: rng.pick([32, 64, 128, 256]), epochs: rng.pick([50, 80, 100, 150, 200]), optimizer: rng.pick(['adam', 'adamw']) };
    case 'random_forest':
      return { ...common, n_estimators: rng.pick([100, 200, 300]), max_depth: rng.pick([10, 16, 24]), min_samples_leaf: rng.pick([1, 3, 5]) };
    default:
      return { ...common, learning_rate: sig3(rng.logUniform(0.01, 0.2)), n_estimators: rng.pick([100, 200, 300, 500]), max_depth: rng.int(3, 8), subsample: sig3(rng.uniform(0.6, 1)) };
  }
}

function buildRun(rng, ctx, { name, params, start, status, frac, fold, noteChance = 0.12, artifactChance = 0.4 }) {
  const linear = params.model === 'ridge' || params.model === 'lasso';
  let rmse = BASE_RMSE[params.model] * (params.target_transform === 'log1p' ? 0.95 : 1) * (params.feature_set === 'base' ? 1 : 0.965) * rng.uniform(0.97, 1.04);
  if (params.learning_rate && params.model !== 'mlp') rmse *= 1 + 0.12 * Math.log10(params.learning_rate / 0.05) ** 2;
  if (params.model === 'mlp') rmse *= 1 + 0.1 * Math.log10(params.learning_rate / 0.001) ** 2;
  if (fold !== undefined) rmse *= rng.uniform(0.93, 1.08);
  const steps = linear ? 1 : params.model === 'mlp' ? params.epochs : params.n_estimators;
  const rate = params.model === 'mlp' ? 8 / steps : params.model === 'random_forest' ? 0.05 : params.learning_rate * 1.5;
  const duration = linear ? rng.int(8, 40) * SECOND : Math.round(steps * (params.model === 'mlp' ? 4 : 0.7) * SECOND * rng.uniform(0.8, 1.3));
  const progress = linear ? (status === 'FINISHED' ? 1 : 0) : progressFor(rng, status);
  const placed = placeRun(ctx, start, duration, status, Math.max(progress, 0.05));
  const log = new MetricLog({ start: placed.start, duration, lastStep: steps, progress });
  if (!linear) {
    const noise = params.model === 'mlp' ? 0.02 : 0.006;
    const overfit = params.model === 'mlp' && params.dropout === 0 ? 0.12 : 0;
    for (let t = 1; t <= steps; t += 1) {
      const x = rate * t;
      const decay = Math.exp(-x);
      const over = overfit * Math.max(0, t / steps - 0.4);
      const train = rmse * (0.55 + 2.8 * decay) * (1 + rng.normal(0, noise));
      const val = rmse * (1 + 2.6 * decay + over) * (1 + rng.normal(0, noise * 0.7));
      log.add('train_rmse', t, train);
      log.add('val_rmse', t, val);
      log.add('val_mae', t, val * 0.68 * (1 + rng.normal(0, 0.01)));
      log.add('val_r2', t, 1 - (val / 79500) ** 2);
    }
    log.sprinkleNaN(rng, 0.05, ['train_rmse']);
  }
  const summary = { val_rmse: linear ? rmse : log.last('val_rmse') };
  if (status === 'FINISHED') {
    const end = placed.end - 2 * SECOND;
    if (linear) {
      log.final('val_rmse', rmse, end);
      log.final('val_mae', rmse * 0.7, end);
      log.final('val_r2', 1 - (rmse / 79500) ** 2, end);
    }
    summary.test_rmse = summary.val_rmse * rng.uniform(0.98, 1.06);
    summary.val_r2 = 1 - (summary.val_rmse / 79500) ** 2;
    log.final('test_rmse', summary.test_rmse, end);
    log.final('training_time_s', (placed.end - placed.start) / 1000, end);
  }
  const tags = { ...systemTags(rng, ctx, frac), 'mlflow.runName': name, team: 'pricing' };
  if (fold !== undefined) tags.fold = String(fold);
  if (rng.chance(noteChance)) {
    tags['mlflow.note.content'] =
      status === 'FINISHED'
        ? `**${params.model}** with \`target_transform=${params.target_transform}\`.\n\nval RMSE **$${Math.round(summary.val_rmse).toLocaleString('en-US')}**, R² ${fmt(summary.val_r2, 3)}.\n\n> ${rng.pick(['Errors concentrate on houses above $500k.', 'Neighborhood target encoding helps a lot.', 'Same as before within noise.'])}`
        : `Run did not finish (${status.toLowerCase()}).`;
  }
  const datasets = [
    datasetInput({ name: 'ames_housing_train', digest: 'a41c7e2f', sourceType: 'http', source: { url: 'https://data.acme.internal/housing/ames_train_2024q4.csv' }, schema: FEATURES, profile: { num_rows: 2344 }, context: 'training' }),
    datasetInput({ name: 'ames_housing_valid', digest: '6be09d13', sourceType: 'http', source: { url: 'https://data.acme.internal/housing/ames_valid_2024q4.csv' }, schema: FEATURES, profile: { num_rows: 586 }, context: 'eval' }),
  ];
  const plan = { name, status, start: placed.start, end: placed.end, params, tags, log, datasets, summary, children: [] };
  if ((status === 'FINISHED' && rng.chance(artifactChance)) || (status === 'FAILED' && rng.chance(0.5))) plan.artifacts = (runId) => artifacts(rng.fork(11), plan, runId);
  return plan;
}

function artifacts(rng, plan, runId) {
  const files = [
    file('logs/train.log', trainingLog({ plan, logger: 'pricing.train', every: 10, keys: ['train_rmse', 'val_rmse', 'val_r2'], failure: ['File "train_price.py", line 141, in <module>', '    model.fit(X_train, y_train)', 'File "torch/nn/modules/module.py", line 1532, in _wrapped_call_impl', 'RuntimeError: CUDA out of memory. Tried to allocate 1.50 GiB (GPU 0; 15.77 GiB total capacity)'] })),
  ];
  if (plan.status !== 'FINISHED') return files;
  const rmse = plan.summary.val_rmse;
  const hoods = ['NAmes', 'CollgCr', 'OldTown', 'Edwards', 'Somerst', 'NridgHt', 'Gilbert', 'Sawyer'];
  const rows = [];
  for (let i = 0; i < 200; i += 1) {
    const sqft = Math.round(rng.uniform(700, 3400));
    const actual = Math.round((45000 + sqft * rng.uniform(85, 140)) / 100) * 100;
    const predicted = Math.round(actual + rng.normal(0, rmse));
    rows.push([1461 + i, hoods[rng.int(0, hoods.length - 1)], sqft, rng.int(1, 5), actual, predicted, predicted - actual]);
  }
  files.push(file('predictions.csv', csv(['id', 'neighborhood', 'living_area_sqft', 'bedrooms', 'sale_price', 'predicted_price', 'residual'], rows)));
  files.push(file('config.json', `${JSON.stringify({ model: plan.params.model, params: plan.params, cv: { folds: 5, shuffle: true }, data: { train: 'ames_train_2024q4.csv', valid: 'ames_valid_2024q4.csv' } }, null, 2)}\n`));
  files.push(file('plots/predicted_vs_actual.png', scatterChart({ points: rows.map((r) => [r[4], r[5]]), title: 'predicted vs actual', xLabel: 'sale price ($)' })));
  if (plan.log.series('val_rmse').length > 1) {
    files.push(file('plots/learning_curve.png', lineChart({ title: 'rmse', xLabel: plan.params.model === 'mlp' ? 'epoch' : 'iteration', series: [{ name: 'train_rmse', points: plan.log.series('train_rmse') }, { name: 'val_rmse', points: plan.log.series('val_rmse') }] })));
  }
  files.push(...modelFiles(rng, plan, runId, 'model/'));
  return files;
}

function modelFiles(rng, plan, runId, prefix, modelId) {
  const [modelClass, name, module, version, dataFile] = FLAVORS[plan.params.model];
  const flavor = { name, module, version, dataFile, modelClass, sizeBytes: rng.int(8_000, 2_000_000), pipRequirements: [`${name === 'sklearn' ? 'scikit-learn' : name === 'pytorch' ? 'torch' : name}==${version}`, 'pandas==2.2.2'] };
  return modelDirectory({ prefix, runId, modelId, flavor, inputs: FEATURES, outputs: [{ type: 'double', required: true }], example: [[1710, 8450, 3, 2.5, 2003, 7, 2, 'CollgCr', true]], created: plan.end ?? plan.start, uuid: rng.hex(32) });
}

function cvGroup(rng, ctx, { model, start, frac, index }) {
  const params = { ...sampleParams(rng, model), cv_folds: 5 };
  const children = [];
  let t = start + 20 * SECOND;
  for (let k = 0; k < 5; k += 1) {
    const child = buildRun(rng, { ...ctx, now: Number.MAX_SAFE_INTEGER }, { name: `fold-${k}`, params: { ...params, fold: k }, start: t, status: 'FINISHED', frac, fold: k, noteChance: 0, artifactChance: 0 });
    children.push(child);
    t = child.end + rng.int(1, 5) * SECOND;
  }
  const scores = children.map((c) => c.summary.val_rmse);
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  const end = t + 5 * SECOND;
  const log = new MetricLog({ start, duration: end - start, lastStep: 1 });
  log.final('cv_val_rmse_mean', mean, end);
  log.final('cv_val_rmse_std', std, end);
  log.final('cv_val_r2_mean', 1 - (mean / 79500) ** 2, end);
  const tags = {
    ...systemTags(rng, ctx, frac),
    'mlflow.runName': `cv5-${model.replace('_', '-')}-${index}`,
    team: 'pricing',
    'mlflow.note.content': `5-fold cross-validation of **${model}**.\n\n| fold | val_rmse |\n|---|---|\n${scores.map((s, i) => `| ${i} | ${Math.round(s)} |`).join('\n')}\n\nMean **${Math.round(mean)}** ± ${Math.round(std)}.`,
  };
  return { name: tags['mlflow.runName'], status: 'FINISHED', start, end, params, tags, log, datasets: [], summary: { val_rmse: mean }, children };
}

export function housingExperiment(rng, now) {
  const ctx = makeContext(rng, {
    now,
    days: 21,
    users: ['priya.natarajan', 'jonas.berg', 'tom.novak'],
    repo: 'https://github.com/acme/price-models',
    sources: [
      [{ name: 'train_price.py', type: 'LOCAL' }, 5],
      [{ name: 'notebooks/housing_baselines.ipynb', type: 'NOTEBOOK' }, 3],
    ],
  });
  const singles = 52;
  const starts = startTimes(rng, ctx, singles + 3);
  const groupAt = new Set([14, 30, 44]);
  const runs = [];
  let g = 0;
  let s = 0;
  for (let i = 0; i < singles + 3; i += 1) {
    const frac = i / (singles + 3);
    if (groupAt.has(i)) {
      g += 1;
      runs.push(cvGroup(rng, ctx, { model: ['gradient_boosting', 'lightgbm', 'mlp'][g - 1], start: starts[i], frac, index: g }));
      continue;
    }
    s += 1;
    const model = rng.weighted([
      ['ridge', frac < 0.3 ? 4 : 1],
      ['lasso', frac < 0.3 ? 2 : 0.5],
      ['random_forest', 2],
      ['gradient_boosting', 3],
      ['lightgbm', frac > 0.4 ? 4 : 1],
      ['mlp', frac > 0.5 ? 3 : 1],
    ]);
    const params = sampleParams(rng, model);
    runs.push(buildRun(rng, ctx, { name: `${model.replace('_', '-')}-${String(s).padStart(2, '0')}`, params, start: starts[i], status: pickStatus(rng, i >= singles), frac }));
  }
  return {
    key: 'housing',
    name: 'house-price-regressor',
    description: '## House prices (Ames)\n\nRegress the sale price from listing attributes. Metric: **val_rmse** in US dollars (lower is better).\n\nCV runs are parents; their folds are child runs.',
    tags: { team: 'pricing', project: 'valuation', 'problem-type': 'regression' },
    runs,
    primary: 'val_rmse',
    lowerIsBetter: true,
    modelFiles,
  };
}

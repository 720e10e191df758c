// Experiment 4: weekly demand forecasting (retail). Deep models log per-epoch losses and error
// metrics; Prophet baselines log only final metrics. Forecast CSVs and a forecast plot as artifacts.
import { MetricLog, makeContext, systemTags, startTimes, pickStatus, progressFor, placeRun, datasetInput, fmt, SECOND, MINUTE } from './plan.mjs';
import { csv, file, trainingLog, yamlDoc } from './files.mjs';
import { lineChart } from './png.mjs';

const BASE_MAPE = { prophet: 0.231, lightgbm: 0.174, deepar: 0.168, tft: 0.152, nbeats: 0.159 };

function sampleParams(rng, model) {
  const common = { model, horizon_days: rng.pick([7, 14, 28]), lookback_days: rng.pick([28, 56, 91, 182]), granularity: 'store_sku_day', holidays: rng.pick(['us', 'us', 'none']), seed: rng.int(0, 999) };
  if (model === 'prophet') return { ...common, seasonality_mode: rng.pick(['additive', 'multiplicative']), changepoint_prior_scale: rng.pick([0.01, 0.05, 0.1, 0.5]) };
  if (model === 'lightgbm') return { ...common, learning_rate: Number(rng.logUniform(0.02, 0.2).toPrecision(3)), num_leaves: rng.pick([31, 63, 127]), n_estimators: rng.pick([100, 200, 300]), lags: '1,7,14,28', objective: rng.pick(['tweedie', 'l2']) };
  return { ...common, learning_rate: Number(rng.logUniform(1e-4, 5e-3).toPrecision(3)), hidden_size: rng.pick([32, 64, 128, 256]), dropout: rng.pick([0.1, 0.2, 0.3]), batch_size: rng.pick([64, 128, 256]), max_epochs: rng.pick([30, 50, 80, 120]), quantiles: '0.1,0.5,0.9', attention_heads: model === 'tft' ? rng.pick([2, 4]) : undefined };
}

function buildRun(rng, ctx, { name, params, start, status, frac }) {
  let mape = BASE_MAPE[params.model] * (params.holidays === 'us' ? 0.96 : 1) * (1 + (params.horizon_days - 7) / 70) * rng.uniform(0.96, 1.05);
  if (params.lookback_days === 28) mape *= 1.05;
  const steps = params.model === 'prophet' ? 1 : params.max_epochs ?? params.n_estimators;
  const deep = params.max_epochs !== undefined;
  const duration = params.model === 'prophet' ? rng.int(2, 6) * MINUTE : Math.round(steps * (deep ? 25 : 1.5) * SECOND * rng.uniform(0.8, 1.3));
  const progress = params.model === 'prophet' ? (status === 'FINISHED' ? 1 : 0) : progressFor(rng, status);
  const placed = placeRun(ctx, start, duration, status, Math.max(progress, 0.05));
  const log = new MetricLog({ start: placed.start, duration, lastStep: steps, progress });
  if (steps > 1) {
    for (let t = 1; t <= steps; t += 1) {
      const x = (deep ? 5 : 8) * (t / steps);
      const d = Math.exp(-x);
      log.add('train_loss', t, (0.18 + 0.9 * d) * (mape / 0.16) * Math.exp(rng.normal(0, 0.03)));
      log.add('val_loss', t, (0.2 + 0.85 * d) * (mape / 0.16) * Math.exp(rng.normal(0, 0.02)));
      log.add('val_mape', t, mape * (1 + 1.8 * d) * Math.exp(rng.normal(0, 0.012)));
      log.add('val_smape', t, mape * 0.93 * (1 + 1.7 * d) * Math.exp(rng.normal(0, 0.012)));
      log.add('val_wape', t, mape * 0.81 * (1 + 1.6 * d) * Math.exp(rng.normal(0, 0.01)));
    }
    log.sprinkleNaN(rng, 0.08, ['train_loss', 'val_loss']);
  }
  const summary = { val_mape: steps > 1 ? log.last('val_mape') : mape };
  if (status === 'FINISHED') {
    const end = placed.end - 2 * SECOND;
    if (steps === 1) {
      log.final('val_mape', mape, end);
      log.final('val_smape', mape * 0.93, end);
      log.final('val_wape', mape * 0.81, end);
    }
    summary.test_mape = summary.val_mape * rng.uniform(0.97, 1.08);
    log.final('test_mape', summary.test_mape, end);
    log.final('forecast_bias', rng.normal(0, 0.03), end);
    log.final('coverage_p10_p90', rng.uniform(0.74, 0.83), end);
  }
  const tags = { ...systemTags(rng, ctx, frac), 'mlflow.runName': name, team: 'supply-chain', region: rng.pick(['us-east', 'us-west', 'eu']) };
  if (rng.chance(0.12)) tags['mlflow.note.content'] = `Forecast **${params.horizon_days} days** ahead with a ${params.lookback_days}-day history.\n\nMAPE ${fmt(summary.val_mape * 100, 1)}%${status === 'FINISHED' ? '' : ` (run ${status.toLowerCase()})`}.`;
  const datasets = [
    datasetInput({ name: 'retail_sales_daily', digest: '2d7e9c40', sourceType: 's3', source: { uri: 's3://acme-ml-data/forecasting/sales_daily/2019-2024/' }, schema: [['date', 'datetime'], ['store_id', 'string'], ['sku', 'string'], ['units_sold', 'double'], ['price', 'double'], ['promo', 'boolean']], profile: { num_rows: 18_431_112 }, context: 'training' }),
    datasetInput({ name: 'retail_sales_backtest', digest: '91b3f05e', sourceType: 's3', source: { uri: 's3://acme-ml-data/forecasting/sales_daily/2025-backtest/' }, profile: { num_rows: 1_204_388 }, context: 'eval' }),
  ];
  const plan = { name, status, start: placed.start, end: placed.end, params, tags, log, datasets, summary, children: [] };
  if ((status === 'FINISHED' && rng.chance(0.35)) || (status === 'FAILED' && rng.chance(0.5))) plan.artifacts = () => artifacts(rng.fork(17), plan);
  return plan;
}

function artifacts(rng, plan) {
  const files = [
    file('train.log', trainingLog({ plan, logger: 'forecast.train', every: 5, keys: ['train_loss', 'val_loss', 'val_mape'], failure: ['File "forecast/train.py", line 96, in main', '    trainer.fit(model, datamodule=dm)', 'KeyError: "sku 100482 has no sales history before the cutoff date"'] })),
    file('config.yaml', yamlDoc({ model: plan.params, data: { source: 's3://acme-ml-data/forecasting/sales_daily/', cutoff: '2025-01-01', target: 'units_sold' } })),
  ];
  if (plan.status !== 'FINISHED') return files;
  const days = 56;
  const rows = [];
  const actual = [];
  const p50 = [];
  const mape = plan.summary.val_mape;
  for (let d = 0; d < days; d += 1) {
    const date = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
    const level = 120 + 35 * Math.sin((2 * Math.PI * d) / 7) + d * 0.6;
    const a = Math.max(0, Math.round(level * (1 + rng.normal(0, 0.12))));
    const f = level * (1 + rng.normal(0, mape * 0.5));
    rows.push([date, 'S014', 'SKU-100482', a, Number((f * 0.78).toFixed(1)), Number(f.toFixed(1)), Number((f * 1.22).toFixed(1))]);
    actual.push([d, a]);
    p50.push([d, f]);
  }
  files.push(file('forecasts/S014_SKU-100482.csv', csv(['date', 'store_id', 'sku', 'actual', 'p10', 'p50', 'p90'], rows)));
  files.push(file('plots/forecast_S014.png', lineChart({ title: 'store s014 / sku 100482', xLabel: 'day', series: [{ name: 'actual', points: actual }, { name: 'forecast p50', points: p50 }] })));
  if (plan.log.series('val_mape').length > 1) files.push(file('plots/val_mape.png', lineChart({ title: 'validation mape', xLabel: 'epoch', series: [{ name: 'val_mape', points: plan.log.series('val_mape') }, { name: 'val_smape', points: plan.log.series('val_smape') }] })));
  return files;
}

export function demandExperiment(rng, now) {
  const ctx = makeContext(rng, {
    now,
    days: 12,
    users: ['jonas.berg', 'sam.okafor'],
    repo: 'https://github.com/acme/demand-forecast',
    sources: [
      [{ name: 'forecast/train.py', type: 'LOCAL' }, 2],
      [{ name: 'jobs/weekly-forecast-backtest', type: 'JOB' }, 3],
    ],
  });
  const n = 60;
  const starts = startTimes(rng, ctx, n);
  const runs = starts.map((start, i) => {
    const frac = i / n;
    const model = rng.weighted([
      ['prophet', frac < 0.3 ? 4 : 0.5],
      ['lightgbm', 3],
      ['deepar', 2],
      ['tft', frac > 0.4 ? 4 : 1],
      ['nbeats', 1.5],
    ]);
    const params = sampleParams(rng, model);
    return buildRun(rng, ctx, { name: `${model}-h${params.horizon_days}-${String(i + 1).padStart(2, '0')}`, params, start, status: pickStatus(rng, i >= n - 4), frac });
  });
  return {
    key: 'demand',
    name: 'demand-forecast-daily',
    description: '## Daily demand forecast\n\nStore × SKU unit sales, 7 to 28 days ahead. Backtests on 2025 data.\n\nMetric: **val_mape** (lower is better); `coverage_p10_p90` should be near 0.8.',
    tags: { team: 'supply-chain', project: 'replenishment', 'problem-type': 'forecasting' },
    runs,
    primary: 'val_mape',
    lowerIsBetter: true,
  };
}

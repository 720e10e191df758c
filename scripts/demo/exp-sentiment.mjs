// Experiment 3: fine-tuning transformer models for review sentiment. Per-step training loss,
// learning-rate schedule and gradient norm; evaluation every N steps; runs with too high a learning
// rate diverge to NaN and fail. One learning-rate/warm-up sweep with child runs.
import { MetricLog, makeContext, systemTags, startTimes, pickStatus, progressFor, placeRun, datasetInput, fmt, SECOND, MINUTE } from './plan.mjs';
import { csv, file, trainingLog, yamlDoc, modelDirectory } from './files.mjs';
import { lineChart, confusionMatrix } from './png.mjs';

const BASES = {
  'distilbert-base-uncased': { acc: 0.905, secPerStep: 0.35 },
  'bert-base-uncased': { acc: 0.918, secPerStep: 0.7 },
  'roberta-base': { acc: 0.934, secPerStep: 0.75 },
  'microsoft/deberta-v3-small': { acc: 0.929, secPerStep: 0.6 },
};
const REVIEWS = [
  ['Absolutely loved it, the battery lasts for days.', 1],
  ['Stopped working after a week. Waste of money.', 0],
  ['Decent for the price but the strap feels cheap.', 1],
  ['Customer service never answered my emails.', 0],
  ['Exactly as described, fast shipping.', 1],
  ['The screen scratches way too easily.', 0],
  ['Not bad, not great. It does the job.', 1],
  ['Terrible sound quality, returning it.', 0],
  ['My kids use it every day, still going strong.', 1],
  ['Arrived broken and the replacement was broken too.', 0],
  ['Better than the expensive brand I had before!', 1],
  ['Would not recommend, the app keeps crashing.', 0],
];

function sig3(v) {
  return Number(v.toPrecision(3));
}

function sampleParams(rng, base) {
  const lr = rng.chance(0.1) ? rng.logUniform(3e-4, 1e-3) : rng.logUniform(8e-6, 1.2e-4);
  return {
    base_model: base,
    learning_rate: sig3(lr),
    per_device_train_batch_size: rng.pick([16, 32, 64]),
    num_train_epochs: rng.pick([1, 2, 3]),
    warmup_ratio: rng.pick([0, 0.06, 0.1]),
    weight_decay: rng.pick([0, 0.01, 0.1]),
    max_seq_length: rng.pick([128, 256, 512]),
    lr_scheduler_type: rng.pick(['linear', 'linear', 'cosine']),
    fp16: rng.pick(['true', 'true', 'false']),
    gradient_accumulation_steps: rng.pick([1, 1, 2, 4]),
    lora_r: rng.pick(['none', 'none', '8', '16']),
    dataset: rng.pick(['imdb', 'imdb', 'amazon_polarity_1m', 'sst2']),
    seed: rng.pick([13, 42, 1234]),
  };
}

function schedule(p, step, total) {
  const warm = Math.max(1, Math.round(total * p.warmup_ratio));
  if (step < warm) return (p.learning_rate * step) / warm;
  const f = (step - warm) / Math.max(1, total - warm);
  return p.lr_scheduler_type === 'cosine' ? p.learning_rate * 0.5 * (1 + Math.cos(Math.PI * f)) : p.learning_rate * (1 - f);
}

function buildRun(rng, ctx, { name, params, start, status, frac, noteChance = 0.15, artifactChance = 0.4 }) {
  const base = BASES[params.base_model];
  const total = Math.min(500, Math.max(120, Math.round((params.num_train_epochs * 9000) / (params.per_device_train_batch_size * params.gradient_accumulation_steps * 2))));
  const evalEvery = total > 300 ? 50 : 25;
  const diverges = params.learning_rate > 2.5e-4;
  let acc = base.acc + (params.max_seq_length === 128 ? -0.012 : params.max_seq_length === 512 ? 0.004 : 0) - 0.02 * Math.log10(params.learning_rate / 3e-5) ** 2 + (params.lora_r === 'none' ? 0 : -0.004) + rng.normal(0, 0.003);
  if (params.dataset === 'sst2') acc -= 0.01;
  acc = Math.min(0.955, Math.max(0.78, acc));
  let realStatus = status;
  let progress = progressFor(rng, status);
  let divergeAt = Infinity;
  if (diverges && status !== 'RUNNING') {
    realStatus = 'FAILED';
    divergeAt = Math.round(total * rng.uniform(0.1, 0.4));
    progress = Math.min(1, (divergeAt + rng.int(3, 15)) / total);
  }
  const duration = Math.round(total * base.secPerStep * (params.max_seq_length / 256) * params.gradient_accumulation_steps * SECOND * rng.uniform(3, 5)) + 3 * MINUTE;
  const placed = placeRun(ctx, start, duration, realStatus, progress);
  const log = new MetricLog({ start: placed.start, duration, lastStep: total, progress });
  const floor = 0.08 + (1 - acc) * 1.6;
  const evalLossMin = floor + 0.06;
  for (let t = 1; t <= total; t += 1) {
    const x = t / total;
    if (t >= divergeAt) {
      log.add('train_loss', t, t === divergeAt ? 3.9 : NaN);
      log.add('grad_norm', t, t === divergeAt ? 912.4 : NaN);
    } else {
      const spike = t > divergeAt - 8 ? 1 + (t - divergeAt + 8) * 0.5 : 1;
      log.add('train_loss', t, (floor + (0.69 - floor) * Math.exp(-x * 9)) * spike * Math.exp(rng.normal(0, 0.09)));
      log.add('grad_norm', t, (1.2 + 6 * Math.exp(-x * 5)) * Math.exp(rng.normal(0, 0.3)) * spike);
    }
    log.add('learning_rate', t, schedule(params, t, total));
    if (t % evalEvery === 0 || t === total) {
      const over = Math.max(0, x - 0.7) * (params.weight_decay === 0 ? 0.25 : 0.1);
      const evalLoss = t >= divergeAt ? NaN : evalLossMin + (0.69 - evalLossMin) * Math.exp(-x * 8) + over + rng.normal(0, 0.006);
      log.add('eval_loss', t, evalLoss);
      log.add('eval_accuracy', t, t >= divergeAt ? 0.5 : 0.5 + (acc - 0.5) * (1 - Math.exp(-x * 10)) + rng.normal(0, 0.002));
      log.add('eval_f1', t, t >= divergeAt ? 0 : 0.48 + (acc - 0.49) * (1 - Math.exp(-x * 10)) + rng.normal(0, 0.003));
    }
  }
  const summary = { eval_accuracy: log.last('eval_accuracy'), eval_f1: log.last('eval_f1') };
  if (realStatus === 'FINISHED') {
    const end = placed.end - 5 * SECOND;
    summary.test_accuracy = summary.eval_accuracy + rng.normal(-0.002, 0.003);
    log.final('test_accuracy', summary.test_accuracy, end);
    log.final('train_runtime_s', (placed.end - placed.start) / 1000, end);
    log.final('train_samples_per_second', (total * params.per_device_train_batch_size * params.gradient_accumulation_steps) / ((placed.end - placed.start) / 1000), end);
  }
  const tags = { ...systemTags(rng, ctx, frac), 'mlflow.runName': name, team: 'nlp', 'hf.base_model': params.base_model, gpu: rng.pick(['A10G', 'A10G', 'A100-40GB', 'L4']) };
  if (diverges && realStatus === 'FAILED') tags['mlflow.note.content'] = `**Diverged** at step ${divergeAt}: loss went to NaN with \`learning_rate=${params.learning_rate}\`.\n\nKeep the learning rate below 1e-4 for full fine-tuning.`;
  else if (rng.chance(noteChance)) tags['mlflow.note.content'] = realStatus === 'FINISHED' ? `Fine-tuned \`${params.base_model}\` on **${params.dataset}**.\n\n- eval accuracy: **${fmt(summary.eval_accuracy)}**\n- eval F1: ${fmt(summary.eval_f1)}\n\n${rng.pick(['Sarcasm is still the main failure mode.', 'Longer sequences help on long reviews.', 'LoRA r=16 is within 0.5 points of full fine-tuning.'])}` : `Interrupted (${realStatus.toLowerCase()}); spot instance reclaimed.`;
  const hfSource = (split) => ({ path: params.dataset === 'amazon_polarity_1m' ? 'amazon_polarity' : params.dataset === 'sst2' ? 'stanfordnlp/sst2' : 'stanfordnlp/imdb', split, revision: 'main' });
  const digest = { imdb: ['9c2f4e11', '77d0a3b5'], amazon_polarity_1m: ['41e8b0cd', 'd13f6a92'], sst2: ['5f0e27aa', 'c8b41d06'] }[params.dataset];
  const schema = [['text', 'string'], ['label', 'long']];
  const datasets = [
    datasetInput({ name: `${params.dataset}_train`, digest: digest[0], sourceType: 'hugging_face', source: hfSource('train'), schema, profile: { num_rows: params.dataset === 'amazon_polarity_1m' ? 1000000 : 25000 }, context: 'training' }),
    datasetInput({ name: `${params.dataset}_test`, digest: digest[1], sourceType: 'hugging_face', source: hfSource('test'), schema, profile: { num_rows: params.dataset === 'sst2' ? 872 : 25000 }, context: 'eval' }),
  ];
  const plan = { name, status: realStatus, start: placed.start, end: placed.end, params, tags, log, datasets, summary, children: [] };
  if ((realStatus === 'FINISHED' && rng.chance(artifactChance)) || (realStatus === 'FAILED' && rng.chance(0.6))) plan.artifacts = (runId) => artifacts(rng.fork(13), plan, runId);
  return plan;
}

function artifacts(rng, plan, runId) {
  const p = plan.params;
  const files = [
    file('train.log', trainingLog({ plan, logger: 'transformers.trainer', every: 25, keys: ['train_loss', 'learning_rate', 'eval_loss', 'eval_accuracy'], failure: ['File "finetune.py", line 187, in <module>', '    trainer.train()', 'File "transformers/trainer.py", line 1938, in train', '    return inner_training_loop(', 'RuntimeError: Loss is NaN, stopping training (check learning_rate and fp16 scaling)'] })),
    file('config/training_args.yaml', yamlDoc({ output_dir: `/mnt/checkpoints/${plan.name}`, ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, typeof v === 'string' && /^(true|false)$/.test(v) ? v === 'true' : v])), evaluation_strategy: 'steps', logging_steps: 1, save_total_limit: 2, report_to: ['mlflow'] })),
  ];
  if (plan.status !== 'FINISHED') return files;
  const acc = plan.summary.eval_accuracy;
  const rows = [];
  for (let i = 0; i < 120; i += 1) {
    const [text, label] = REVIEWS[i % REVIEWS.length];
    const right = rng.chance(acc);
    const pred = right ? label : 1 - label;
    rows.push([i, text, label, pred, Number(rng.uniform(right ? 0.7 : 0.5, right ? 0.999 : 0.8).toFixed(4))]);
  }
  files.push(file('predictions.csv', csv(['idx', 'text', 'label', 'predicted', 'confidence'], rows)));
  files.push(file('plots/loss.png', lineChart({ title: `loss: ${p.base_model}`, series: [{ name: 'train_loss', points: plan.log.series('train_loss') }, { name: 'eval_loss', points: plan.log.series('eval_loss') }] })));
  files.push(file('plots/learning_rate.png', lineChart({ title: 'learning rate schedule', series: [{ name: 'learning_rate', points: plan.log.series('learning_rate') }] })));
  const n = 12500;
  const tp = Math.round(n * acc * rng.uniform(0.98, 1.02));
  const tn = Math.round(n * acc);
  files.push(file('plots/confusion_matrix.png', confusionMatrix({ labels: ['negative', 'positive'], counts: [[tn, n - tn], [n - tp, tp]] })));
  files.push(file('eval/classification_report.json', `${JSON.stringify({ accuracy: Number(acc.toFixed(4)), negative: { precision: Number((acc + 0.004).toFixed(4)), recall: Number((acc - 0.003).toFixed(4)), support: n }, positive: { precision: Number((acc - 0.004).toFixed(4)), recall: Number((acc + 0.003).toFixed(4)), support: n } }, null, 2)}\n`));
  files.push(...modelFiles(rng, plan, runId, 'model/'));
  return files;
}

function modelFiles(rng, plan, runId, prefix, modelId) {
  const flavor = { name: 'transformers', module: 'transformers', version: '4.44.2', dataFile: 'model', modelClass: 'transformers.AutoModelForSequenceClassification', sizeBytes: rng.int(250, 500) * 1_000_000, pipRequirements: ['transformers==4.44.2', 'torch==2.3.1', 'tokenizers==0.19.1'] };
  const files = modelDirectory({ prefix, runId, modelId, flavor, inputs: [['text', 'string']], outputs: [{ type: 'string', name: 'label', required: true }, { type: 'double', name: 'score', required: true }], example: [['The delivery was late but the product is great.']], created: plan.end ?? plan.start, uuid: rng.hex(32) });
  files.push(file(`${prefix}components/tokenizer/tokenizer_config.json`, `${JSON.stringify({ model_max_length: plan.params.max_seq_length, do_lower_case: plan.params.base_model.includes('uncased'), tokenizer_class: 'AutoTokenizer' }, null, 2)}\n`));
  return files;
}

function sweep(rng, ctx, start, frac) {
  const grid = [];
  for (const lr of [1e-5, 2e-5, 3e-5, 5e-5]) for (const warmup of [0, 0.06, 0.1]) grid.push({ lr, warmup });
  const children = [];
  let t = start + MINUTE;
  const base = { ...sampleParams(rng, 'roberta-base'), per_device_train_batch_size: 32, num_train_epochs: 2, max_seq_length: 256, lora_r: 'none', dataset: 'imdb', gradient_accumulation_steps: 1, lr_scheduler_type: 'linear', weight_decay: 0.01 };
  grid.forEach((g, i) => {
    const child = buildRun(rng, { ...ctx, now: Number.MAX_SAFE_INTEGER }, { name: `roberta-lr${g.lr}-wu${g.warmup}`, params: { ...base, learning_rate: g.lr, warmup_ratio: g.warmup }, start: t, status: rng.chance(0.92) ? 'FINISHED' : 'KILLED', frac, noteChance: 0, artifactChance: 0.2 });
    children.push(child);
    t = child.end + rng.int(20, 90) * SECOND;
  });
  const done = children.filter((c) => c.status === 'FINISHED').sort((a, b) => b.summary.eval_accuracy - a.summary.eval_accuracy);
  const end = t + 10 * SECOND;
  const log = new MetricLog({ start, duration: end - start, lastStep: 1 });
  log.final('best_eval_accuracy', done[0].summary.eval_accuracy, end);
  log.final('trials_finished', done.length, end);
  return {
    name: 'roberta-lr-warmup-grid',
    status: 'FINISHED',
    start,
    end,
    params: { base_model: 'roberta-base', search: 'grid', learning_rate_grid: '1e-5,2e-5,3e-5,5e-5', warmup_ratio_grid: '0,0.06,0.1', objective: 'eval_accuracy' },
    tags: { ...systemTags(rng, ctx, frac), 'mlflow.runName': 'roberta-lr-warmup-grid', team: 'nlp', sweep: 'grid', 'mlflow.note.content': `## Grid: learning rate × warm-up\n\nBest: **${done[0].name}** (eval_accuracy ${fmt(done[0].summary.eval_accuracy)}).\n\n${done.slice(0, 4).map((c) => `1. \`${c.name}\`: ${fmt(c.summary.eval_accuracy)}`).join('\n')}` },
    log,
    datasets: [],
    summary: { eval_accuracy: done[0].summary.eval_accuracy },
    children,
  };
}

export function sentimentExperiment(rng, now) {
  const ctx = makeContext(rng, {
    now,
    days: 18,
    users: ['aisha.khan', 'li.wei', 'tom.novak'],
    repo: 'https://github.com/acme/review-sentiment',
    sources: [
      [{ name: 'finetune.py', type: 'LOCAL' }, 3],
      [{ name: 'jobs/sentiment-finetune', type: 'JOB' }, 4],
      [{ name: 'notebooks/error_analysis.ipynb', type: 'NOTEBOOK' }, 1],
    ],
  });
  const singles = 62;
  const starts = startTimes(rng, ctx, singles + 1);
  const sweepAt = 38;
  const runs = [];
  for (let i = 0, k = 0; i < singles + 1; i += 1) {
    const frac = i / (singles + 1);
    if (i === sweepAt) {
      runs.push(sweep(rng, ctx, starts[i], frac));
      continue;
    }
    k += 1;
    const base = rng.weighted([
      ['distilbert-base-uncased', frac < 0.4 ? 4 : 1],
      ['bert-base-uncased', 1.5],
      ['roberta-base', frac > 0.35 ? 4 : 1],
      ['microsoft/deberta-v3-small', frac > 0.6 ? 3 : 0.5],
    ]);
    const params = sampleParams(rng, base);
    const short = base.split('/').pop().split('-').slice(0, 2).join('-');
    runs.push(buildRun(rng, ctx, { name: `${short}-${params.dataset.split('_')[0]}-${String(k).padStart(2, '0')}`, params, start: starts[i], status: pickStatus(rng, i >= singles - 5), frac }));
  }
  return {
    key: 'sentiment',
    name: 'review-sentiment-finetune',
    description: '## Review sentiment\n\nFine-tune pretrained transformers to classify product reviews as positive or negative.\n\n*Metric:* `eval_accuracy` on the held-out split. Runs use 🤗 Transformers with the MLflow callback.',
    tags: { team: 'nlp', project: 'reviews', 'problem-type': 'text-classification' },
    runs,
    primary: 'eval_accuracy',
    modelFiles,
  };
}

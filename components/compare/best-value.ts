/**
 * Which value of a metric is "best": the lowest for names that read as a cost (loss, error, rmse,
 * latency…), the highest otherwise (accuracy, auc, f1…). A name rule, because MLflow stores no
 * direction; the rule is shown to the user in a tooltip. Pure.
 */

/** Words that make a metric a cost when they are a whole word of its name (`val_rmse`, `trainLoss`). */
const COST_WORDS = new Set([
  'loss', 'logloss', 'nll', 'error', 'err', 'rmse', 'mse', 'mae', 'mape', 'smape', 'rmsle', 'msle',
  'perplexity', 'ppl', 'wer', 'cer', 'ter', 'fpr', 'fnr', 'brier', 'latency', 'time', 'duration', 'regret', 'cost',
]);
/** Fragments that make a cost anywhere in a name (`crossentropyloss`, `miscalibrationerror`). */
const COST_FRAGMENTS = ['loss', 'error', 'perplexity', 'rmse', 'latency'];

export const BEST_VALUE_RULE =
  'Best value: the lowest for metrics named like a cost (loss, error, rmse, mse, mae, mape, logloss, perplexity, latency, time…), the highest for all others.';

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

export function lowerIsBetter(metricKey: string): boolean {
  const lower = metricKey.toLowerCase();
  return words(metricKey).some((w) => COST_WORDS.has(w)) || COST_FRAGMENTS.some((f) => lower.includes(f));
}

/**
 * Indexes holding the best finite value (all of them on a tie); empty when fewer than two runs
 * have a value or all values are equal (nothing stands out then).
 */
export function bestIndexes(values: readonly (number | null | undefined)[], lowerBetter: boolean): number[] {
  let best: number | null = null;
  let count = 0;
  let distinct = false;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    count += 1;
    if (best === null) best = v;
    else {
      if (v !== best) distinct = true;
      if (lowerBetter ? v < best : v > best) best = v;
    }
  }
  if (best === null || count < 2 || !distinct) return [];
  const out: number[] = [];
  values.forEach((v, i) => v === best && out.push(i));
  return out;
}

/**
 * Exponential moving average with TensorBoard's debiasing: the running average starts at 0, so
 * early values are divided by (1 - weight^n) to keep the first points from being dragged to 0.
 * Non-finite values (gaps, NaN) pass through unchanged and do not disturb the average, and a
 * constant series is returned as is (debiasing would only add float noise).
 * `weight` is in [0, 1): 0 = no smoothing, 0.99 = very smooth.
 */
export function emaSmooth(values: readonly (number | null)[], weight: number): (number | null)[] {
  const w = Number.isFinite(weight) ? Math.min(Math.max(weight, 0), 0.999) : 0;
  if (w === 0 || values.length === 0) return values.slice();
  const first = values.find((v) => v !== null && Number.isFinite(v));
  const constant = values.every((v) => v === null || !Number.isFinite(v) || v === first);
  if (constant) return values.slice();
  let last = 0;
  let n = 0;
  return values.map((v) => {
    if (v === null || !Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    n += 1;
    return last / (1 - Math.pow(w, n));
  });
}

import { getMetricSeries, type MetricSeries, type SeriesReduction } from '@/lib/api-client';

/** What one chart asks for: one metric of some runs. */
export interface SeriesRequest {
  runIds: readonly string[];
  metricKey: string;
  maxPoints: number;
  startStep?: number;
  endStep?: number;
  reduction: SeriesReduction;
}

type Fetch = typeof getMetricSeries;

interface Waiter {
  metricKey: string;
  resolve: (series: MetricSeries[]) => void;
  reject: (error: unknown) => void;
  signal?: AbortSignal;
}

/** The server's per-call limits (services/run-table/get-metric-series.ts). */
const MAX_KEYS = 100;
const MAX_SERIES = 1000;

/**
 * Charts that come into view together (a chart wall's first screen) ask in the same task; their
 * requests for the same runs, range and resolution go to the server as one call with several
 * metric keys, instead of one call per chart queueing behind each other.
 */
export class SeriesBatcher {
  private readonly pending = new Map<string, { req: SeriesRequest; waiters: Waiter[] }>();
  private scheduled = false;

  constructor(private readonly fetchSeries: Fetch = getMetricSeries) {}

  load(req: SeriesRequest, signal?: AbortSignal): Promise<MetricSeries[]> {
    return new Promise((resolve, reject) => {
      const key = JSON.stringify([req.runIds, req.maxPoints, req.startStep ?? null, req.endStep ?? null, req.reduction]);
      const group = this.pending.get(key) ?? { req, waiters: [] };
      group.waiters.push({ metricKey: req.metricKey, resolve, reject, signal });
      this.pending.set(key, group);
      if (!this.scheduled) {
        this.scheduled = true;
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.pending.values()];
    this.pending.clear();
    for (const { req, waiters } of groups) {
      const live = waiters.filter((w) => !w.signal?.aborted);
      for (const w of waiters) if (w.signal?.aborted) w.reject(new DOMException('Aborted', 'AbortError'));
      const keys = [...new Set(live.map((w) => w.metricKey))];
      const perCall = Math.max(1, Math.min(MAX_KEYS, Math.floor(MAX_SERIES / Math.max(1, req.runIds.length))));
      for (let i = 0; i < keys.length; i += perCall) {
        const chunk = new Set(keys.slice(i, i + perCall));
        this.send(req, [...chunk], live.filter((w) => chunk.has(w.metricKey)));
      }
    }
  }

  private send(req: SeriesRequest, metricKeys: string[], waiters: Waiter[]): void {
    const controller = new AbortController();
    let open = waiters.length;
    // The call is cancelled only when every chart waiting on it has gone away.
    for (const w of waiters) {
      w.signal?.addEventListener(
        'abort',
        () => {
          w.reject(new DOMException('Aborted', 'AbortError'));
          open -= 1;
          if (open === 0) controller.abort();
        },
        { once: true },
      );
    }
    this.fetchSeries({ ...req, metricKeys }, { signal: controller.signal }).then(
      (series) => waiters.forEach((w) => w.resolve(series.filter((s) => s.metric_key === w.metricKey))),
      (error: unknown) => waiters.forEach((w) => w.reject(error)),
    );
  }
}

/** The page's batcher: every chart on screen shares it. */
export const seriesBatcher = new SeriesBatcher();

import { getMetricSeries, type MetricSeries, type MetricSeriesQuery, type SeriesReduction } from '@/lib/api-client';

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

/** How long a wall's first call waits for its charts to take their series (ms). */
const WARM_TTL_MS = 30_000;

/** A wall's first call: the keys whose charts wait for it and have not taken their series yet. */
interface Warmed {
  keys: Set<string>;
  /** Null when the call failed (its charts then ask on their own). */
  series: Promise<MetricSeries[] | null>;
}

/** Requests that can share a call: same runs, resolution, range and reduction. */
function groupKey(req: Pick<SeriesRequest, 'runIds' | 'maxPoints' | 'startStep' | 'endStep' | 'reduction'>): string {
  return JSON.stringify([req.runIds, req.maxPoints, req.startStep ?? null, req.endStep ?? null, req.reduction]);
}

const aborted = () => new DOMException('Aborted', 'AbortError');

/**
 * Charts that come into view together (a chart wall's first screen) ask in the same task; their
 * requests for the same runs, range and resolution go to the server as one call with several
 * metric keys, instead of one call per chart queueing behind each other.
 */
export class SeriesBatcher {
  private readonly pending = new Map<string, { req: SeriesRequest; waiters: Waiter[] }>();
  private readonly warmed = new Map<string, Warmed>();
  private scheduled = false;

  constructor(private readonly fetchSeries: Fetch = getMetricSeries) {}

  /**
   * Starts a chart wall's first call before its charts ask: the first `firstKeys` metrics of the
   * runs (a URL the page may already have had the browser preload). The charts of `expectedKeys`
   * then take their series from it, each once: a later refetch (a live run's new points) goes to
   * the server, and a chart whose series the call lacks asks on its own.
   */
  warm(query: MetricSeriesQuery & { firstKeys: number; maxPoints: number }, expectedKeys: readonly string[]): void {
    const key = groupKey({ ...query, reduction: query.reduction ?? 'buckets' });
    if (this.warmed.has(key) || expectedKeys.length === 0) return;
    const entry: Warmed = { keys: new Set(expectedKeys), series: this.fetchSeries(query).catch(() => null) };
    this.warmed.set(key, entry);
    // A response no chart took is dropped: the page has moved on.
    setTimeout(() => {
      if (this.warmed.get(key) === entry) this.warmed.delete(key);
    }, WARM_TTL_MS);
  }

  load(req: SeriesRequest, signal?: AbortSignal): Promise<MetricSeries[]> {
    const warm = this.takeWarmed(req);
    return warm ? this.fromWarmed(warm, req, signal) : this.enqueue(req, signal);
  }

  /** The wall call holding this chart's series, if one does and the chart has not taken it yet. */
  private takeWarmed(req: SeriesRequest): Warmed | null {
    const key = groupKey(req);
    const entry = this.warmed.get(key);
    if (!entry || !entry.keys.delete(req.metricKey)) return null;
    if (entry.keys.size === 0) this.warmed.delete(key);
    return entry;
  }

  private fromWarmed(entry: Warmed, req: SeriesRequest, signal?: AbortSignal): Promise<MetricSeries[]> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(aborted());
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void entry.series.then((all) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return;
        const mine = all?.filter((s) => s.metric_key === req.metricKey) ?? [];
        if (mine.length > 0) resolve(mine);
        else this.enqueue(req, signal).then(resolve, reject);
      });
    });
  }

  private enqueue(req: SeriesRequest, signal?: AbortSignal): Promise<MetricSeries[]> {
    return new Promise((resolve, reject) => {
      const key = groupKey(req);
      const group = this.pending.get(key) ?? { req, waiters: [] };
      group.waiters.push({ metricKey: req.metricKey, resolve, reject, signal });
      this.pending.set(key, group);
      if (!this.scheduled) {
        this.scheduled = true;
        // After the current task: every chart mounted in the same commit has asked by then (their
        // effects run in one go), and no rendering task queued meanwhile delays the call.
        queueMicrotask(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const groups = [...this.pending.values()];
    this.pending.clear();
    for (const { req, waiters } of groups) {
      const live = waiters.filter((w) => !w.signal?.aborted);
      for (const w of waiters) if (w.signal?.aborted) w.reject(aborted());
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
          w.reject(aborted());
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

import { describe, expect, it } from 'vitest';
import type { MetricSeries, MetricSeriesQuery } from '@/lib/api-client';
import { SeriesBatcher, type SeriesRequest } from '@/components/charts/series-batcher';

/** A stand-in server: records each call and answers one series per run and key. */
function fakeServer() {
  const calls: MetricSeriesQuery[] = [];
  const signals: AbortSignal[] = [];
  const fetch = async (q: MetricSeriesQuery, init?: { signal?: AbortSignal }): Promise<MetricSeries[]> => {
    calls.push(q);
    if (init?.signal) signals.push(init.signal);
    await new Promise((r) => setTimeout(r, 5));
    if (init?.signal?.aborted) throw new DOMException('Aborted', 'AbortError');
    return q.metricKeys.flatMap((k) => q.runIds.map((r) => ({ run_id: r, metric_key: k, total_points: 1, points: [] })));
  };
  return { calls, signals, fetch };
}

const req = (metricKey: string, more: Partial<SeriesRequest> = {}): SeriesRequest => ({ runIds: ['r1'], metricKey, maxPoints: 400, reduction: 'buckets', ...more });

describe('SeriesBatcher', () => {
  it('sends the charts asking together as one call and gives each its own series', async () => {
    const server = fakeServer();
    const b = new SeriesBatcher(server.fetch);
    const [a, c] = await Promise.all([b.load(req('loss')), b.load(req('acc'))]);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].metricKeys).toEqual(['loss', 'acc']);
    expect(a.map((s) => s.metric_key)).toEqual(['loss']);
    expect(c.map((s) => s.metric_key)).toEqual(['acc']);
  });

  it('keeps requests with other runs, resolution, range or reduction apart', async () => {
    const server = fakeServer();
    const b = new SeriesBatcher(server.fetch);
    await Promise.all([
      b.load(req('loss')),
      b.load(req('loss', { runIds: ['r2'] })),
      b.load(req('loss', { maxPoints: 1000 })),
      b.load(req('loss', { startStep: 5 })),
      b.load(req('loss', { reduction: 'sample' })),
    ]);
    expect(server.calls).toHaveLength(5);
  });

  it('splits a wall wider than the server takes per call (1,000 series, 100 keys)', async () => {
    const server = fakeServer();
    const b = new SeriesBatcher(server.fetch);
    const runIds = Array.from({ length: 40 }, (_, i) => `r${i}`);
    await Promise.all(Array.from({ length: 60 }, (_, i) => b.load(req(`m${i}`, { runIds }))));
    expect(server.calls.map((c) => c.metricKeys.length)).toEqual([25, 25, 10]);
  });

  it('cancels the call only when every chart waiting on it is gone', async () => {
    const server = fakeServer();
    const b = new SeriesBatcher(server.fetch);
    const one = new AbortController();
    const two = new AbortController();
    const p1 = b.load(req('loss'), one.signal);
    const p2 = b.load(req('acc'), two.signal);
    await new Promise((r) => setTimeout(r, 1));
    one.abort();
    await expect(p1).rejects.toThrow(/Aborted/);
    expect(server.signals[0].aborted).toBe(false);
    two.abort();
    expect(server.signals[0].aborted).toBe(true);
    await expect(p2).rejects.toThrow(/Aborted/);
  });

  it('leaves out a chart that went away before the call was sent', async () => {
    const server = fakeServer();
    const b = new SeriesBatcher(server.fetch);
    const gone = new AbortController();
    const p = b.load(req('gone'), gone.signal);
    gone.abort();
    await Promise.all([b.load(req('loss')), expect(p).rejects.toThrow(/Aborted/)]);
    expect(server.calls[0].metricKeys).toEqual(['loss']);
  });

  it('passes a server error to every chart of the call', async () => {
    const b = new SeriesBatcher(async () => {
      throw new Error('Too many run_ids');
    });
    const results = await Promise.allSettled([b.load(req('loss')), b.load(req('acc'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  describe('warm (a chart wall\'s first call)', () => {
    /** A server that knows the run's metrics, so it can answer `firstKeys`. */
    function wallServer(runKeys: string[]) {
      const server = fakeServer();
      const fetch = (q: MetricSeriesQuery, init?: { signal?: AbortSignal }) =>
        server.fetch({ ...q, metricKeys: q.firstKeys ? runKeys.slice(0, q.firstKeys) : q.metricKeys }, init);
      return { ...server, fetch };
    }
    const first = { runIds: ['r1'], metricKeys: [], firstKeys: 2, maxPoints: 400 };

    it('serves the charts it was warmed for from one call, each once', async () => {
      const server = wallServer(['acc', 'loss', 'lr']);
      const b = new SeriesBatcher(server.fetch);
      b.warm(first, ['acc', 'loss']);
      const [acc, loss] = await Promise.all([b.load(req('acc')), b.load(req('loss'))]);
      expect(acc.map((s) => s.metric_key)).toEqual(['acc']);
      expect(loss.map((s) => s.metric_key)).toEqual(['loss']);
      expect(server.calls.map((c) => c.firstKeys)).toEqual([2]);
      // A refetch (new points of a live run) goes to the server.
      await b.load(req('acc'));
      expect(server.calls).toHaveLength(2);
      expect(server.calls[1].metricKeys).toEqual(['acc']);
    });

    it('lets other charts ask on their own at once, and those the call lacked ask after it', async () => {
      const server = wallServer(['acc', 'lr']);
      const b = new SeriesBatcher(server.fetch);
      b.warm(first, ['acc', 'loss']);
      const [loss, lr] = await Promise.all([b.load(req('loss')), b.load(req('lr'))]);
      expect(loss.map((s) => s.metric_key)).toEqual(['loss']);
      expect(lr.map((s) => s.metric_key)).toEqual(['lr']);
      expect(server.calls.map((c) => c.firstKeys ?? c.metricKeys.join())).toEqual([2, 'lr', 'loss']);
    });

    it('only serves requests of the same runs, resolution and range', async () => {
      const server = wallServer(['acc', 'loss']);
      const b = new SeriesBatcher(server.fetch);
      b.warm(first, ['acc', 'loss']);
      await Promise.all([b.load(req('acc', { maxPoints: 1000 })), b.load(req('loss', { startStep: 3 }))]);
      expect(server.calls).toHaveLength(3);
    });

    it('falls back to its own call when the first one fails, and still honours an abort', async () => {
      let failed = false;
      const server = fakeServer();
      const b = new SeriesBatcher(async (q, init) => {
        if (q.firstKeys && !failed) {
          failed = true;
          throw new Error('unavailable');
        }
        return server.fetch(q, init);
      });
      b.warm(first, ['acc', 'loss']);
      const gone = new AbortController();
      const p = b.load(req('loss'), gone.signal);
      gone.abort();
      await expect(p).rejects.toThrow(/Aborted/);
      const acc = await b.load(req('acc'));
      expect(acc.map((s) => s.metric_key)).toEqual(['acc']);
      expect(server.calls.map((c) => c.metricKeys)).toEqual([['acc']]);
    });
  });
});

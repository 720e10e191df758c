import { describe, expect, it } from 'vitest';
import { PageCache, type PageRequest } from '@/components/runs-table/page-cache';

/** A fake server of `total` rows (`r0`, `r1`, ...): tokens are the next offset, as a string. */
function fakeServer(total: number) {
  const calls: PageRequest[] = [];
  const pending: { req: PageRequest; resolve: () => void; signal: AbortSignal }[] = [];
  const fetcher = (req: PageRequest, signal: AbortSignal) => {
    calls.push(req);
    const start = req.pageToken ? Number(req.pageToken) : (req.offset ?? 0);
    const end = Math.min(total, start + req.maxResults);
    const runs = Array.from({ length: Math.max(0, end - start) }, (_, i) => `r${start + i}`);
    return new Promise<{ runs: string[]; nextPageToken?: string }>((resolve) => {
      pending.push({ req, signal, resolve: () => resolve({ runs, nextPageToken: end < total ? String(end) : undefined }) });
    });
  };
  /** Lets every pending (not aborted) fetch answer, then waits for the cache to process them. */
  const flush = async () => {
    while (pending.length) {
      pending.splice(0).forEach((p) => p.resolve());
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { calls, pending, fetcher, flush };
}

describe('runs table page cache', () => {
  it('fetches the next page with the previous page token as the user scrolls down', async () => {
    const server = fakeServer(1000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 0 });
    cache.want(0, 30, 1000);
    await server.flush();
    cache.want(80, 120, 1000);
    await server.flush();
    expect(server.calls).toEqual([{ maxResults: 100 }, { maxResults: 100, pageToken: '100' }]);
    expect(cache.row(0)).toBe('r0');
    expect(cache.row(150)).toBe('r150');
    expect(cache.row(200)).toBeUndefined();
  });

  it('jumps far with an offset when no token reaches that page, then continues by token', async () => {
    const server = fakeServer(100_000);
    const cache = new PageCache(server.fetcher, { pageSize: 200, prefetch: 0 });
    cache.want(0, 20, 100_000);
    await server.flush();
    cache.want(70_010, 70_030, 100_000);
    await server.flush();
    expect(server.calls[1]).toEqual({ maxResults: 200, offset: 70_000 });
    expect(cache.row(70_010)).toBe('r70010');
    cache.want(70_190, 70_210, 100_000);
    await server.flush();
    expect(server.calls[2]).toEqual({ maxResults: 200, pageToken: '70200' });
  });

  it('keeps at most maxPages pages however far the user scrolls', async () => {
    const server = fakeServer(100_000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, maxPages: 4, prefetch: 1 });
    for (let first = 0; first < 5000; first += 50) {
      cache.want(first, first + 30, 100_000);
      await server.flush();
      expect(cache.pageCount()).toBeLessThanOrEqual(4);
    }
    expect(cache.row(4990)).toBe('r4990');
    expect(cache.row(0)).toBeUndefined();
  });

  it('aborts fetches for pages that left the viewport and never stores them', async () => {
    const server = fakeServer(100_000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 0 });
    cache.want(50_000, 50_020, 100_000);
    const first = server.pending[0];
    cache.want(90_000, 90_020, 100_000);
    expect(first.signal.aborted).toBe(true);
    await server.flush();
    expect(cache.row(50_000)).toBeUndefined();
    expect(cache.row(90_000)).toBe('r90000');
  });

  it('waits for the previous page instead of jumping by offset when its token is on the way', async () => {
    const server = fakeServer(1000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 1 });
    cache.want(0, 10, 1000);
    // Page 0 and its prefetched neighbour: page 1 has no token yet, and page 0 is in flight.
    expect(server.calls).toEqual([{ maxResults: 100 }]);
    await server.flush();
    expect(server.calls[1]).toEqual({ maxResults: 100, pageToken: '100' });
  });

  it('starts from a first page given up front and reports where watched rows are', async () => {
    const server = fakeServer(1000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 0, idOf: (r: string) => r }, { runs: ['a', 'b', 'c'], nextPageToken: '100' });
    cache.watch(['c', 'r150']);
    expect(cache.positionOf('c')).toBe(2);
    cache.want(120, 160, 1000);
    expect(server.calls).toEqual([{ maxResults: 100, pageToken: '100' }]);
    await server.flush();
    expect(cache.positionOf('r150')).toBe(150);
  });

  it('learns the true end from a last page and records failures until retried', async () => {
    let fail = true;
    const cache = new PageCache<string>(async (req) => {
      if (fail && req.pageToken) throw new Error('server down');
      return req.pageToken ? { runs: ['x'] } : { runs: Array.from({ length: 10 }, (_, i) => `r${i}`), nextPageToken: 't' };
    }, { pageSize: 10, prefetch: 0 });
    cache.want(0, 5, 50);
    await new Promise((r) => setTimeout(r, 0));
    cache.want(10, 12, 50);
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.error()).toBe('server down');
    fail = false;
    cache.retry();
    await new Promise((r) => setTimeout(r, 0));
    expect(cache.error()).toBeNull();
    expect(cache.row(10)).toBe('x');
    expect(cache.endRow).toBe(11);
  });
});

describe('runs table page cache priorities', () => {
  it('fetches the rows in view at once after a far jump, not after the page before them', async () => {
    const server = fakeServer(100_000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 1 });
    cache.want(50_010, 50_040, 100_000);
    // Visible page 500 by offset first; page 501 waits for its token; page 499 by offset.
    expect(server.calls).toEqual([
      { maxResults: 100, offset: 50_000 },
      { maxResults: 100, offset: 49_900 },
    ]);
    await server.flush();
    expect(server.calls[2]).toEqual({ maxResults: 100, pageToken: '50100' });
  });
});

describe('runs table page cache prefetch', () => {
  it('prefetches further in the direction of scrolling', async () => {
    const server = fakeServer(100_000);
    const cache = new PageCache(server.fetcher, { pageSize: 100, prefetch: 0, prefetchAhead: 1 });
    cache.want(1000, 1020, 100_000);
    await server.flush();
    cache.want(1050, 1070, 100_000); // down: page 11 as well
    await server.flush();
    expect(cache.row(1150)).toBe('r1150');
    cache.want(950, 970, 100_000); // up: page 8 as well
    await server.flush();
    expect(cache.row(850)).toBe('r850');
  });
});

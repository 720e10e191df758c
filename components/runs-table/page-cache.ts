/**
 * Fixed-size pages of one table query, fetched as the viewport asks for rows. Memory stays
 * constant: at most `maxPages` pages are kept (least recently wanted evicted first). Paging is
 * keyset-style: page i+1 is fetched with page i's next token; a page whose token is unknown (the
 * scrollbar was dragged far ahead) is fetched by offset instead. Fetches for pages that scrolled
 * out of view are aborted. Pure TypeScript (no React), unit-tested with a fake fetcher.
 */
export interface PageRequest {
  maxResults: number;
  pageToken?: string;
  offset?: number;
}

export interface FetchedPage<T> {
  runs: T[];
  nextPageToken?: string;
}

export type PageFetcher<T> = (req: PageRequest, signal: AbortSignal) => Promise<FetchedPage<T>>;

export interface PageCacheOptions<T> {
  pageSize?: number;
  maxPages?: number;
  /** Pages to prefetch beyond the wanted rows on each side. */
  prefetch?: number;
  /** Extra pages to prefetch in the direction the user scrolls. */
  prefetchAhead?: number;
  onChange?: () => void;
  /** Identifies a row, to track where watched rows (expanded parents) sit. */
  idOf?: (row: T) => string;
}

export class PageCache<T> {
  readonly pageSize: number;
  readonly maxPages: number;
  private readonly prefetch: number;
  private readonly ahead: number;
  /** +1 scrolling down, -1 up: where to prefetch more. */
  private direction: 1 | -1 = 1;
  private readonly pages = new Map<number, T[]>();
  /** Token that fetches page i (page 0 needs none). Kept after eviction: a few bytes per page. */
  private readonly tokens = new Map<number, string>();
  private readonly inflight = new Map<number, AbortController>();
  private readonly failures = new Map<number, string>();
  private readonly watched = new Set<string>();
  private readonly where = new Map<string, number>();
  private wanted = new Set<number>();
  private lastWant: [number, number, number] | null = null;
  private disposed = false;
  /** Row count known from a last page (no next token); null until one is seen. */
  endRow: number | null = null;

  constructor(
    private readonly fetcher: PageFetcher<T>,
    private readonly options: PageCacheOptions<T> = {},
    first?: FetchedPage<T>,
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = Math.max(2, options.maxPages ?? 8);
    this.prefetch = options.prefetch ?? 1;
    this.ahead = options.prefetchAhead ?? 0;
    if (first) this.store(0, first);
  }

  row(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Every row currently held (for "select all loaded"). */
  loadedRows(): T[] {
    return [...this.pages.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, rows]) => rows);
  }

  pageCount(): number {
    return this.pages.size;
  }

  /** The first failure's message, if a page could not be loaded. */
  error(): string | null {
    return this.failures.values().next().value ?? null;
  }

  /** Row index of a watched row, once its page has been seen. */
  positionOf(id: string): number | undefined {
    return this.where.get(id);
  }

  /** Rows whose position the table needs (expanded parents); found in loaded pages and later ones. */
  watch(ids: Iterable<string>): void {
    const next = new Set(ids);
    for (const id of this.watched) if (!next.has(id)) this.where.delete(id);
    this.watched.clear();
    next.forEach((id) => this.watched.add(id));
    for (const [p, rows] of this.pages) this.record(p, rows);
  }

  /** Asks for rows first..last (inclusive) of `total`; fetches what is missing, drops what is far. */
  want(first: number, last: number, total: number): void {
    if (this.disposed) return;
    if (this.lastWant && first !== this.lastWant[0]) this.direction = first > this.lastWant[0] ? 1 : -1;
    this.lastWant = [first, last, total];
    const limit = this.endRow ?? total;
    if (limit <= 0) {
      this.wanted = new Set();
      return;
    }
    const lastPage = Math.floor((limit - 1) / this.pageSize);
    const before = this.prefetch + (this.direction < 0 ? this.ahead : 0);
    const after = this.prefetch + (this.direction > 0 ? this.ahead : 0);
    const p0 = Math.max(0, Math.floor(Math.max(0, first) / this.pageSize) - before);
    const p1 = Math.min(lastPage, Math.floor(Math.max(0, Math.min(last, limit - 1)) / this.pageSize) + after);
    this.wanted = new Set();
    for (let p = p0; p <= p1; p += 1) this.wanted.add(p);

    for (const [p, controller] of this.inflight) {
      if (!this.wanted.has(p)) {
        controller.abort();
        this.inflight.delete(p);
      }
    }
    for (const p of this.wanted) {
      const rows = this.pages.get(p);
      if (rows) {
        // Refresh recency: Map iteration order is insertion order, oldest first.
        this.pages.delete(p);
        this.pages.set(p, rows);
      }
    }
    // Visible pages first, then the one after them, then the ones before.
    const firstVisible = Math.min(Math.floor(Math.max(0, first) / this.pageSize), lastPage);
    const order = [...this.wanted].sort((a, b) => (a < firstVisible ? 1e9 - a : a) - (b < firstVisible ? 1e9 - b : b));
    for (const p of order) {
      if (this.pages.has(p) || this.inflight.has(p) || this.failures.has(p)) continue;
      const token = this.tokens.get(p);
      if (p === 0) this.load(p, {});
      else if (token) this.load(p, { pageToken: token });
      // The previous page's token is on the way: stay keyset. Never wait on a page before the
      // visible ones, though: the rows in view must not queue behind a prefetch.
      else if (this.inflight.has(p - 1) && p > firstVisible) continue;
      else this.load(p, { offset: p * this.pageSize });
    }
  }

  /** Forgets failures and asks again for the last wanted rows. */
  retry(): void {
    this.failures.clear();
    if (this.lastWant) this.want(...this.lastWant);
    this.options.onChange?.();
  }

  dispose(): void {
    this.disposed = true;
    this.inflight.forEach((c) => c.abort());
    this.inflight.clear();
  }

  private load(p: number, at: { pageToken?: string; offset?: number }): void {
    const controller = new AbortController();
    this.inflight.set(p, controller);
    this.fetcher({ maxResults: this.pageSize, ...at }, controller.signal).then(
      (page) => {
        if (controller.signal.aborted || this.disposed) return;
        this.inflight.delete(p);
        this.store(p, page);
        this.evict();
        this.options.onChange?.();
        if (this.lastWant) this.want(...this.lastWant);
      },
      (error: unknown) => {
        if (controller.signal.aborted || this.disposed) return;
        this.inflight.delete(p);
        this.failures.set(p, error instanceof Error ? error.message : String(error));
        this.options.onChange?.();
      },
    );
  }

  private store(p: number, page: FetchedPage<T>): void {
    this.pages.delete(p);
    this.pages.set(p, page.runs);
    if (page.nextPageToken) this.tokens.set(p + 1, page.nextPageToken);
    else this.endRow = p * this.pageSize + page.runs.length;
    this.record(p, page.runs);
  }

  private record(p: number, rows: T[]): void {
    const idOf = this.options.idOf;
    if (!idOf || this.watched.size === 0) return;
    rows.forEach((row, i) => {
      const id = idOf(row);
      if (this.watched.has(id)) this.where.set(id, p * this.pageSize + i);
    });
  }

  private evict(): void {
    for (const p of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (!this.wanted.has(p)) this.pages.delete(p);
    }
  }
}

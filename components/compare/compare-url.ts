/**
 * Where the compare page gets its runs, and the links that open it:
 *
 *   /compare?runs=<id>,<id>,...                                  the runs chosen in a runs table
 *   /compare?experiments=1,4&filter=<DSL>&order=<term>&order=... every run matching a query (capped)
 *   /compare?v=<id>                                              a shared view (state kept on the server)
 *
 * Pure: parsed on the server page and in unit tests.
 */

/** The most runs one comparison loads; a query matching more says it was capped. */
export const MAX_COMPARE_RUNS = 5000;

export type RunSource =
  | { kind: 'runs'; runIds: string[] }
  | { kind: 'query'; experimentIds: string[]; filter: string; orderBy: string[] };

export type CompareRequest = { source: RunSource } | { viewId: string } | { error: string };

/** Run and experiment ids as the server accepts them (also keeps quotes out of the filter DSL). */
export const RUN_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,255}$/;
export const EXPERIMENT_ID_PATTERN = /^[a-zA-Z0-9][\w-]{0,63}$/;
const VIEW_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

function splitIds(value: string | null): string[] {
  return [...new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean))];
}

/** Reads the page's query string. Unknown parameters are ignored. */
export function parseCompareSearch(params: URLSearchParams): CompareRequest {
  const view = params.get('v');
  if (view !== null) {
    return VIEW_ID_PATTERN.test(view) ? { viewId: view } : { error: `"${view}" is not a shared view id. Ask for a new link.` };
  }
  const experiments = params.get('experiments');
  if (experiments !== null) {
    const experimentIds = splitIds(experiments);
    const bad = experimentIds.filter((id) => !EXPERIMENT_ID_PATTERN.test(id));
    if (experimentIds.length === 0 || bad.length) {
      return { error: `The experiments parameter must list experiment ids separated by commas${bad.length ? ` ("${bad[0]}" is not one)` : ''}.` };
    }
    return {
      source: {
        kind: 'query',
        experimentIds,
        filter: params.get('filter') ?? '',
        orderBy: params.getAll('order').filter((t) => t.trim() !== ''),
      },
    };
  }
  const runIds = splitIds(params.get('runs'));
  const bad = runIds.filter((id) => !RUN_ID_PATTERN.test(id));
  if (bad.length) return { error: `"${bad[0]}" is not a run id. Select the runs again in a runs table and press Compare.` };
  if (runIds.length < 2) return { error: 'Choose at least two runs to compare: select them in a runs table and press Compare.' };
  return { source: { kind: 'runs', runIds } };
}

/** `/compare?runs=a,b`: the runs table's "Compare (N)" link. */
export function compareRunsHref(runIds: readonly string[]): string {
  return `/compare?runs=${runIds.map(encodeURIComponent).join(',')}`;
}

/** `/compare?experiments=…&filter=…&order=…`: every run matching a runs-table query (up to 5,000). */
export function compareQueryHref(q: { experimentIds: readonly string[]; filter?: string; orderBy?: string | readonly string[] }): string {
  const search = new URLSearchParams();
  search.set('experiments', q.experimentIds.join(','));
  if (q.filter) search.set('filter', q.filter);
  const order = typeof q.orderBy === 'string' ? [q.orderBy] : (q.orderBy ?? []);
  for (const term of order) if (term.trim()) search.append('order', term);
  return `/compare?${search.toString()}`;
}

export function sharedViewHref(viewId: string): string {
  return `/compare?v=${encodeURIComponent(viewId)}`;
}

/** The link that opens `source` again (without the view state). */
export function sourceHref(source: RunSource): string {
  return source.kind === 'runs' ? compareRunsHref(source.runIds) : compareQueryHref(source);
}

/** The runs table the query comes from, with the same filter. */
export function runsTableHref(source: Extract<RunSource, { kind: 'query' }>): string {
  const path = `/experiments/${source.experimentIds.map(encodeURIComponent).join(',')}`;
  return source.filter ? `${path}?filter=${encodeURIComponent(source.filter)}` : path;
}

/**
 * The runs table's shareable state ↔ the query string. Pure, so it is unit-tested and the page
 * can read it during server rendering. Kept short and readable:
 *
 *   ?filter=metrics.acc > 0.8&sort=-m:acc&cols=m:acc,m.max:loss,p:lr&pin=name&status=FAILED,KILLED
 *    &view=deleted&flat=1&hide=user,end&open=<runId>&sel=<runId>,<runId>
 *
 * Lists are comma-separated; a key's own `%` and `,` are escaped (`%25`, `%2C`) so any key
 * round-trips. Defaults are left out; parameters this codec does not own are kept as they are.
 */
import type { RunStatus } from '@/lib/api-client';
import { ATTR_COLUMNS, type Agg, type DataColumn, dataColumnId } from './columns';

export const RUN_STATUSES: readonly RunStatus[] = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export interface TableViewState {
  /** The committed filter DSL (only filters the server accepted). */
  filter: string;
  /** Column id (`start`, `m:loss`) and direction; null is the default, newest first. */
  sort: { col: string; desc: boolean } | null;
  /** Chosen param/metric/tag columns in order; null until the user changes the defaults. */
  columns: DataColumn[] | null;
  /** Hidden attribute columns (`user`, `end`); null keeps the default (End time hidden). */
  hidden: string[] | null;
  /** Pinned column ids; null keeps the default (run name pinned). */
  pinned: string[] | null;
  statuses: RunStatus[];
  view: 'active' | 'deleted';
  /** All runs ungrouped, instead of top-level runs with expandable children. */
  flat: boolean;
  expanded: string[];
  selected: string[];
}

export const DEFAULT_PINNED = ['name'];
export const DEFAULT_HIDDEN = ATTR_COLUMNS.filter((c) => c.defaultHidden).map((c) => c.id as string);

/** Selections larger than this stay out of the URL: a URL that long would break the reload. */
export const MAX_SELECTION_IN_URL = 100;

export const OWNED_PARAMS = ['filter', 'sort', 'cols', 'hide', 'pin', 'status', 'view', 'flat', 'open', 'sel'] as const;

export function defaultViewState(): TableViewState {
  return { filter: '', sort: null, columns: null, hidden: null, pinned: null, statuses: [], view: 'active', flat: false, expanded: [], selected: [] };
}

function escapeItem(s: string): string {
  return s.replace(/%/g, '%25').replace(/,/g, '%2C');
}

function unescapeItem(s: string): string {
  return s.replace(/%2C/gi, ',').replace(/%25/g, '%');
}

function joinList(items: readonly string[]): string {
  return items.map(escapeItem).join(',');
}

function splitList(value: string | null): string[] {
  if (!value) return [];
  return value.split(',').map(unescapeItem).filter((s) => s.length > 0);
}

/** `m:loss`, `m.max:loss`, `p:lr`, `t:team`. */
export function encodeColumn(c: DataColumn): string {
  const agg = c.kind === 'm' && c.agg && c.agg !== 'last' ? `.${c.agg}` : '';
  return `${c.kind}${agg}:${c.key}`;
}

export function decodeColumn(token: string): DataColumn | null {
  const m = /^([mpt])(?:\.(min|max|last))?:([\s\S]+)$/.exec(token);
  if (!m) return null;
  const kind = m[1] as DataColumn['kind'];
  const agg = m[2] as Agg | undefined;
  if (kind !== 'm' || !agg || agg === 'last') return { kind, key: m[3] };
  return { kind, key: m[3], agg };
}

const ATTR_IDS = new Set<string>(ATTR_COLUMNS.map((c) => c.id));
const isColumnId = (id: string) => ATTR_IDS.has(id) || /^[mpt]:[\s\S]+$/.test(id);
const unique = <T>(xs: T[]) => [...new Set(xs)];

export function decodeViewState(search: URLSearchParams): TableViewState {
  const state = defaultViewState();
  state.filter = search.get('filter') ?? '';

  const sort = search.get('sort');
  if (sort) {
    const desc = sort.startsWith('-');
    const col = unescapeItem(desc ? sort.slice(1) : sort);
    if (isColumnId(col)) state.sort = { col, desc };
  }

  if (search.has('cols')) {
    const byId = new Map<string, DataColumn>();
    for (const c of splitList(search.get('cols')).map(decodeColumn)) {
      if (c && !byId.has(dataColumnId(c))) byId.set(dataColumnId(c), c);
    }
    state.columns = [...byId.values()];
  }
  if (search.has('hide')) state.hidden = unique(splitList(search.get('hide')).filter((id) => ATTR_IDS.has(id) && id !== 'name'));
  if (search.has('pin')) state.pinned = unique(splitList(search.get('pin')).filter(isColumnId));
  state.statuses = unique(splitList(search.get('status')).map((s) => s.toUpperCase()).filter((s): s is RunStatus => (RUN_STATUSES as string[]).includes(s)));
  state.view = search.get('view') === 'deleted' ? 'deleted' : 'active';
  state.flat = search.get('flat') === '1';
  state.expanded = unique(splitList(search.get('open')));
  state.selected = unique(splitList(search.get('sel')));
  return state;
}

/** The query string (without `?`) for this state, keeping parameters owned by others. */
export function encodeViewState(state: TableViewState, existing: URLSearchParams = new URLSearchParams()): string {
  const out = new URLSearchParams();
  existing.forEach((value, key) => {
    if (!(OWNED_PARAMS as readonly string[]).includes(key)) out.append(key, value);
  });
  if (state.filter.trim()) out.set('filter', state.filter);
  if (state.sort) out.set('sort', `${state.sort.desc ? '-' : ''}${escapeItem(state.sort.col)}`);
  if (state.columns) out.set('cols', joinList(state.columns.map(encodeColumn)));
  if (state.hidden && !sameList(state.hidden, DEFAULT_HIDDEN)) out.set('hide', joinList(state.hidden));
  if (state.pinned && !sameList(state.pinned, DEFAULT_PINNED)) out.set('pin', joinList(state.pinned));
  if (state.statuses.length) out.set('status', joinList(state.statuses));
  if (state.view === 'deleted') out.set('view', 'deleted');
  if (state.flat) out.set('flat', '1');
  if (state.expanded.length && !state.flat) out.set('open', joinList(state.expanded));
  if (state.selected.length && state.selected.length <= MAX_SELECTION_IN_URL) out.set('sel', joinList(state.selected));
  return prettyQuery(out.toString());
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * URLSearchParams escapes characters a query may hold literally (RFC 3986 §3.4); un-escaping
 * them keeps links readable (`sort=-m:loss`, `cols=p:lr,m:acc`) and parses back identically.
 */
export function prettyQuery(qs: string): string {
  return qs.replace(/%(2C|3A|40|2F|21|24|27|28|29|2A|3B)/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

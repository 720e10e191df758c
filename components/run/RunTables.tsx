'use client';

import { useId, useMemo, useState, type ReactNode } from 'react';
import type { WireKeyValue } from '@/lib/api-client';
import { formatNumber, formatTime } from '@/lib/format';
import { isSystemTag, matchesSearch, sortedKeyValues, type MetricRow } from './run-details';

export function SearchBox({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  return (
    <input
      type="search"
      aria-label={label}
      placeholder="Search…"
      value={value}
      onChange={(e) => onChange(e.target.value)}
      className="w-44 rounded border border-slate-300 bg-white px-2 py-0.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-slate-700 dark:bg-slate-900"
    />
  );
}

/** A titled table section with a search box; the body scrolls when the list is long. */
function TableSection({ title, count, shown, search, onSearch, extra, children, testId }: {
  title: string;
  count: number;
  shown: number;
  search: string;
  onSearch: (v: string) => void;
  extra?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="min-w-0 rounded border border-slate-200 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-1.5 dark:border-slate-800">
        <h2 id={headingId} className="text-sm font-semibold">
          {title} <span className="font-normal text-slate-500">({shown === count ? count : `${shown} of ${count}`})</span>
        </h2>
        <div className="ml-auto flex items-center gap-3">
          {extra}
          <SearchBox value={search} onChange={onSearch} label={`Search ${title.toLowerCase()}`} />
        </div>
      </div>
      <div className="max-h-96 overflow-auto">
        <table data-testid={testId} aria-labelledby={headingId} className="w-full text-sm">
          {children}
        </table>
        {shown === 0 && <p className="px-3 py-2 text-sm text-slate-500">{count === 0 ? 'None logged.' : 'Nothing matches the search.'}</p>}
      </div>
    </section>
  );
}

const TH = 'sticky top-0 bg-slate-50 px-3 py-1 text-left text-xs font-medium uppercase tracking-wide text-slate-600 dark:bg-slate-900 dark:text-slate-400';
const TD = 'border-t border-slate-100 px-3 py-1 align-top dark:border-slate-800/70';

export function ParamsTable({ params }: { params: WireKeyValue[] | undefined }) {
  const [search, setSearch] = useState('');
  const all = useMemo(() => sortedKeyValues(params), [params]);
  const rows = all.filter((p) => matchesSearch(search, p.key, p.value));
  return (
    <TableSection title="Parameters" count={all.length} shown={rows.length} search={search} onSearch={setSearch} testId="params-table">
      <thead>
        <tr><th className={TH}>Key</th><th className={TH}>Value</th></tr>
      </thead>
      <tbody>
        {rows.map((p) => (
          <tr key={p.key}>
            <td className={`${TD} break-all font-mono text-xs`}>{p.key}</td>
            <td className={`${TD} whitespace-pre-wrap break-all`}>{p.value}</td>
          </tr>
        ))}
      </tbody>
    </TableSection>
  );
}

export function MetricsTable({ rows: all, rangesNote, onOpenChart }: { rows: MetricRow[]; rangesNote?: string | null; onOpenChart?: (key: string) => void }) {
  const [search, setSearch] = useState('');
  const rows = all.filter((m) => matchesSearch(search, m.key));
  return (
    <TableSection
      title="Metrics"
      count={all.length}
      shown={rows.length}
      search={search}
      onSearch={setSearch}
      testId="metrics-table"
      extra={rangesNote ? <span className="text-xs text-amber-700 dark:text-amber-300">{rangesNote}</span> : undefined}
    >
      <thead>
        <tr>
          <th className={TH}>Key</th>
          <th className={`${TH} text-right`}>Last</th>
          <th className={`${TH} text-right`}>Min</th>
          <th className={`${TH} text-right`}>Max</th>
          <th className={`${TH} text-right`}>Step</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.key}>
            <td className={`${TD} break-all font-mono text-xs`}>
              {onOpenChart ? (
                <button type="button" className="text-left text-blue-700 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500 dark:text-blue-300" onClick={() => onOpenChart(m.key)} title="Show the chart">
                  {m.key}
                </button>
              ) : (
                m.key
              )}
            </td>
            <td className={`${TD} text-right font-mono tabular-nums`} title={formatTime(m.timestamp)}>{formatNumber(m.last)}</td>
            <td className={`${TD} text-right font-mono tabular-nums`}>{m.min === null ? '—' : formatNumber(m.min)}</td>
            <td className={`${TD} text-right font-mono tabular-nums`}>{m.max === null ? '—' : formatNumber(m.max)}</td>
            <td className={`${TD} text-right font-mono tabular-nums`}>{m.step}</td>
          </tr>
        ))}
      </tbody>
    </TableSection>
  );
}

export function TagsTable({ tags }: { tags: WireKeyValue[] | undefined }) {
  const [search, setSearch] = useState('');
  const [showSystem, setShowSystem] = useState(false);
  const all = useMemo(() => sortedKeyValues(tags), [tags]);
  const visible = showSystem ? all : all.filter((t) => !isSystemTag(t.key));
  const hiddenCount = all.length - visible.length;
  const rows = visible.filter((t) => matchesSearch(search, t.key, t.value));
  return (
    <TableSection
      title="Tags"
      count={visible.length}
      shown={rows.length}
      search={search}
      onSearch={setSearch}
      testId="tags-table"
      extra={
        <label className="flex cursor-pointer items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
          <input type="checkbox" checked={showSystem} onChange={(e) => setShowSystem(e.target.checked)} className="accent-blue-600" />
          Show system tags{!showSystem && hiddenCount > 0 ? ` (${hiddenCount})` : ''}
        </label>
      }
    >
      <thead>
        <tr><th className={TH}>Key</th><th className={TH}>Value</th></tr>
      </thead>
      <tbody>
        {rows.map((t) => (
          <tr key={t.key}>
            <td className={`${TD} break-all font-mono text-xs`}>{t.key}</td>
            <td className={`${TD} max-w-[40rem] whitespace-pre-wrap break-all`}>{t.value}</td>
          </tr>
        ))}
      </tbody>
    </TableSection>
  );
}

'use client';

import { useEffect, useState } from 'react';
import { searchRegisteredModels, type RegistryModel } from '@/lib/api-client';
import { formatRelative, formatTime } from '@/lib/format';
import { Button } from '@/components/ui/Button';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { useUrlState, type UrlCodec } from '@/components/run/use-url-state';
import { latestVersion, sortedAliases } from './model-summary';
import { modelNameFilter } from './registry-filter';
import { modelHref, versionHref } from './registry-links';
import { AliasChips, LINK, TagChips } from './RegistryBits';

const PAGE_SIZE = 50;
type Sort = 'name' | 'updated';
const QUERY_CODEC: UrlCodec<string> = {
  read: (p) => p.get('q') ?? '',
  write: (p, v) => {
    const n = new URLSearchParams(p);
    if (v) n.set('q', v);
    else n.delete('q');
    return n;
  },
};
const ORDER: Record<Sort, string[]> = { name: ['name ASC'], updated: ['last_updated_timestamp DESC'] };

/**
 * Registered models: search by name (ILIKE, kept in `?q=`), paged by the server's page tokens,
 * with latest version, aliases, tags and last change. Names and tags are rendered as text.
 */
export function ModelsListPage() {
  const [query, setQuery] = useUrlState(QUERY_CODEC, 'replace', 300);
  const [sort, setSort] = useState<Sort>('name');
  // Tokens of the pages before the current one, to step back; '' is the first page.
  const [tokens, setTokens] = useState<string[]>(['']);
  const [page, setPage] = useState<{ items: RegistryModel[]; next?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const token = tokens[tokens.length - 1];

  useEffect(() => setTokens(['']), [query, sort]);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchRegisteredModels({ filter: modelNameFilter(query), orderBy: ORDER[sort], maxResults: PAGE_SIZE, pageToken: token || undefined }, { signal: controller.signal })
        .then((p) => {
          setPage({ items: p.items, next: p.nextPageToken });
          setError(null);
        })
        .catch((e: unknown) => !controller.signal.aborted && setError(e instanceof Error ? e.message : String(e)));
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [query, sort, token]);

  useEffect(() => {
    document.title = 'Models · Runboard';
  }, []);

  return (
    <section aria-labelledby="models-heading" className="max-w-7xl">
      <div className="mb-3 flex flex-wrap items-center gap-3">
        <h1 id="models-heading" className="text-xl font-semibold">Registered models</h1>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="Search models by name"
          aria-label="Search models by name"
          data-testid="model-search"
          className="w-72 rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <label className="flex items-center gap-1.5 text-sm">
          Sort by
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)} className="rounded border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-700 dark:bg-slate-900">
            <option value="name">Name</option>
            <option value="updated">Last modified</option>
          </select>
        </label>
      </div>

      {error && <ErrorNote>Could not load models: {error}. Check the search text, or reload the page.</ErrorNote>}
      {!page && !error && <Loading label="Loading models…" />}
      {page && page.items.length === 0 && tokens.length === 1 && (
        <div data-testid="models-empty" className="rounded border border-dashed border-slate-300 p-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-300">
          {query.trim() ? (
            <p>No registered model has “{query.trim()}” in its name. Try a shorter part of the name.</p>
          ) : (
            <>
              <p className="font-medium">No registered models yet.</p>
              <p className="mt-1">Register one from a run or a logged model, for example <code className="font-mono">mlflow.register_model(&quot;models:/&lt;model_id&gt;&quot;, &quot;my-model&quot;)</code>.</p>
            </>
          )}
        </div>
      )}
      {page && page.items.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="models-table">
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th className="py-2 pr-4 font-medium">Name</th>
                <th className="py-2 pr-4 font-medium">Latest version</th>
                <th className="py-2 pr-4 font-medium">Aliases</th>
                <th className="py-2 pr-4 font-medium">Tags</th>
                <th className="py-2 pr-4 font-medium">Last modified</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((m) => {
                const latest = latestVersion(m);
                return (
                  <tr key={m.name} data-testid="model-row" data-model-name={m.name} className="border-b border-slate-100 align-top hover:bg-slate-50 dark:border-slate-900 dark:hover:bg-slate-900">
                    <td className="max-w-[28rem] py-1.5 pr-4 break-words">
                      <a href={modelHref(m.name)} className={`font-medium ${LINK}`}>{m.name}</a>
                    </td>
                    <td className="py-1.5 pr-4" data-testid="model-latest-version">
                      {latest ? <a href={versionHref(m.name, latest)} className={LINK}>Version {latest}</a> : <span className="text-slate-400">—</span>}
                    </td>
                    <td className="py-1.5 pr-4" data-testid="model-aliases">
                      <AliasChips aliases={sortedAliases(m)} name={m.name} />
                    </td>
                    <td className="py-1.5 pr-4"><TagChips tags={m.tags} limit={3} /></td>
                    <td className="py-1.5 pr-4 whitespace-nowrap" title={formatTime(m.last_updated_timestamp)}>{formatRelative(m.last_updated_timestamp)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {page && (tokens.length > 1 || page.next) && (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-2 text-sm">
          <Button disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))} data-testid="models-prev-page">← Previous</Button>
          <span className="text-slate-500">Page {tokens.length}</span>
          <Button disabled={!page.next} onClick={() => page.next && setTokens((t) => [...t, page.next as string])} data-testid="models-next-page">Next →</Button>
        </nav>
      )}
    </section>
  );
}

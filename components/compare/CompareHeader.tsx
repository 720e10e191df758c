'use client';

import { InfoNote } from '@/components/ui/Notice';
import type { CompareState } from './compare-state';
import { MAX_COMPARE_RUNS, runsTableHref, type RunSource } from './compare-url';
import type { LoadedRuns } from './use-compare-runs';
import { ShareButton } from './ShareButton';
import { formatCount } from '@/lib/format';


function SourceText({ source }: { source: RunSource }) {
  if (source.kind === 'runs') return <>Runs chosen in a runs table.</>;
  const plural = source.experimentIds.length > 1;
  return (
    <>
      Every run of{' '}
      <a href={runsTableHref(source)} className="text-blue-700 hover:underline dark:text-blue-300">
        experiment{plural ? 's' : ''} {source.experimentIds.join(', ')}
      </a>
      {source.filter ? (
        <>
          {' '}
          matching <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">{source.filter}</code>
        </>
      ) : null}
      {source.orderBy.length ? <>, ordered by {source.orderBy.join(', ')}</> : null}.
    </>
  );
}

/** The page title, where the runs come from, what was capped or not found, and the Share button. */
export function CompareHeader({ source, loaded, state, dropped }: { source: RunSource; loaded: LoadedRuns; state: CompareState; dropped: string[] }) {
  return (
    <header className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 id="compare-heading" className="text-xl font-semibold">
          Comparing {formatCount(loaded.runs.length)} runs
        </h1>
        <ShareButton state={state} />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <SourceText source={source} />
      </p>
      {loaded.capped && (
        <InfoNote>
          {source.kind === 'query' ? `The query matches ${formatCount(loaded.total)} runs; ` : `${formatCount(loaded.total)} runs were chosen; `}
          the first {formatCount(MAX_COMPARE_RUNS)}
          {source.kind === 'query' ? ' in its order' : ''} are compared. Narrow the filter to compare the others.
        </InfoNote>
      )}
      {loaded.missing.length > 0 && (
        <InfoNote>
          {loaded.missing.length === 1 ? 'One run was' : `${formatCount(loaded.missing.length)} runs were`} not found and left out:{' '}
          <span className="font-mono">{loaded.missing.slice(0, 5).join(', ')}</span>
          {loaded.missing.length > 5 ? ', …' : ''}
        </InfoNote>
      )}
      {dropped.length > 0 && <InfoNote>Parts of the shared view could not be restored and were left out: {[...new Set(dropped)].join(', ')}.</InfoNote>}
    </header>
  );
}

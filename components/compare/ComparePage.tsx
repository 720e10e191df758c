'use client';

import { ErrorNote, Loading } from '@/components/ui/Notice';
import type { CompareRequest } from './compare-url';
import { CompareView } from './CompareView';
import { useCompareRuns } from './use-compare-runs';
import { useSharedView } from './use-shared-view';
import { formatCount } from '@/lib/format';

/**
 * `/compare`: loads the runs (chosen ids, every run of a query, or a shared view's source) and
 * hands them to the compare view. Every value shown is user text, rendered as text.
 */
export function ComparePage({ request }: { request: CompareRequest }) {
  const viewId = 'viewId' in request ? request.viewId : null;
  const shared = useSharedView(viewId);
  const source = 'source' in request ? request.source : shared.state?.source ?? null;
  const loaded = useCompareRuns(source);

  if ('error' in request) return <ErrorNote>{request.error}</ErrorNote>;
  if (shared.error) return <ErrorNote>{shared.error}</ErrorNote>;
  if (shared.loading) return <Loading label="Loading the shared view…" />;
  if (loaded.error) return <ErrorNote>Could not load the runs: {loaded.error}</ErrorNote>;
  if (!source || !loaded.data) {
    return <Loading label={loaded.progress ? `Loading runs… ${formatCount(loaded.progress)} so far` : 'Loading runs…'} />;
  }
  if (loaded.data.runs.length < 2) {
    const found = loaded.data.runs.length;
    return (
      <ErrorNote>
        {source.kind === 'query'
          ? `The query matches ${found === 0 ? 'no runs' : 'only one run'}: change the filter in the runs table to match two or more.`
          : `Only ${found} of the ${source.runIds.length} runs ${found === 1 ? 'was' : 'were'} found: select the runs again in a runs table and press Compare.`}
      </ErrorNote>
    );
  }
  return <CompareView key={JSON.stringify(source)} source={source} loaded={loaded.data} initial={shared.state} dropped={shared.dropped} />;
}

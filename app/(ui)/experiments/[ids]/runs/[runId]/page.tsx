import { preload } from 'react-dom';
import { getRunUrl, metricSeriesUrl } from '@/lib/api-client';
import { wallFirstQuery } from '@/components/run/chart-wall';
import { parseRunTab } from '@/components/run/run-details';
import { RunPage } from '@/components/run/RunPage';

export const dynamic = 'force-dynamic';

/**
 * The page's first calls start while its scripts load: the browser preloads the run and, on the
 * Charts tab, the first screen of charts, and the page's own fetches of the same URLs take those
 * responses (`crossOrigin` matches what fetch sends by default).
 */
export default async function RunDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ ids: string; runId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { ids, runId } = await params;
  const { tab } = await searchParams;
  preload(getRunUrl(runId), { as: 'fetch', crossOrigin: 'anonymous' });
  if (parseRunTab(typeof tab === 'string' ? tab : null) === 'charts') {
    // Low priority: a high-priority fetch in flight makes the browser hold back the scripts.
    preload(metricSeriesUrl(wallFirstQuery(runId)), { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'low' });
  }
  return <RunPage experimentId={decodeURIComponent(ids)} runId={runId} />;
}

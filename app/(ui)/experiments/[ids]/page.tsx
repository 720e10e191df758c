import { RunsPage } from '@/components/runs-table/RunsPage';

export const dynamic = 'force-dynamic';

/** `/experiments/1` or `/experiments/1,4`: the runs of one or several experiments. */
export default async function ExperimentRunsPage({ params }: { params: Promise<{ ids: string }> }) {
  const { ids } = await params;
  return <RunsPage experimentIds={decodeURIComponent(ids).split(',').filter(Boolean)} />;
}

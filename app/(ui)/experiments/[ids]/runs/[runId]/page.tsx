import { RunPage } from '@/components/run/RunPage';

export const dynamic = 'force-dynamic';

export default async function RunDetailsPage({ params }: { params: Promise<{ ids: string; runId: string }> }) {
  const { ids, runId } = await params;
  return <RunPage experimentId={decodeURIComponent(ids)} runId={runId} />;
}

import { ComparePage } from '@/components/compare/ComparePage';

export const dynamic = 'force-dynamic';

/** `/compare?runs=<id>,<id>,...`: the runs chosen in a runs table, side by side. */
export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<{ runs?: string }> }) {
  const { runs } = await searchParams;
  return <ComparePage runIds={(runs ?? '').split(',').map((s) => s.trim()).filter(Boolean)} />;
}

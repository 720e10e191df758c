import { ComparePage } from '@/components/compare/ComparePage';
import { parseCompareSearch } from '@/components/compare/compare-url';

export const dynamic = 'force-dynamic';

/**
 * `/compare?runs=<id>,<id>` (runs chosen in a runs table), `/compare?experiments=1&filter=…&order=…`
 * (every run matching a query) or `/compare?v=<id>` (a shared view).
 */
export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, v);
  }
  return <ComparePage request={parseCompareSearch(params)} />;
}

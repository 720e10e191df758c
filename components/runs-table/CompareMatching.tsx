'use client';

import Link from 'next/link';
import { compareQueryHref, MAX_COMPARE_RUNS } from '@/components/compare/compare-url';
import type { RunTableQuery } from '@/lib/api-client';
import { formatCount } from '@/lib/format';

const linkButton =
  'inline-flex items-center rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-500 dark:border-slate-700 dark:hover:bg-slate-900';

/**
 * "Compare all": every run the table's query matches (up to the compare page's 5,000), for
 * parallel coordinates over a whole sweep. Quick status filters are not part of the MLflow DSL's
 * list syntax, so one status becomes a filter term and several are not offered.
 */
export function CompareMatching({ query, total }: { query: RunTableQuery | null; total: number }) {
  if (!query || total < 2 || query.viewType === 'DELETED_ONLY' || (query.statuses?.length ?? 0) > 1) return null;
  const terms = [query.filter, query.statuses?.length === 1 ? `attributes.status = '${query.statuses[0]}'` : undefined].filter(Boolean);
  const href = compareQueryHref({ experimentIds: query.experimentIds, filter: terms.join(' AND ') || undefined, orderBy: query.orderBy });
  return (
    <Link
      data-testid="compare-matching"
      className={linkButton}
      href={href}
      // Nested runs count too (the table's total counts top-level rows), so no number here.
      title={`Compare every run the filter matches, nested runs included (the first ${formatCount(MAX_COMPARE_RUNS)} in the table's order)`}
    >
      Compare all matching
    </Link>
  );
}

import { z } from 'zod';
import type { ExperimentRunCounts, MetricSeries, RunTableRow } from '@/lib/domain';
import { viewType } from './experiment';
import { bool, encodeDouble, experimentId, int64, repeated } from './primitives';
import { runStatus, runToWire } from './run';

/**
 * Runboard's UI extensions ↔ JSON: the runs table (rows with metric ranges and child counts), its
 * count and column keys, experiment run counts, and downsampled metric series.
 */
const tableQuery = {
  experiment_ids: repeated(experimentId).default([]),
  filter: z.string().optional(),
  run_view_type: viewType.optional(),
  top_level_only: bool.optional(),
  parent_run_id: z.string().optional(),
  statuses: repeated(runStatus).default([]),
};

export const runTableRequests = {
  table: z.object({
    ...tableQuery,
    order_by: repeated(z.string()).default([]),
    max_results: int64.optional(),
    page_token: z.string().optional(),
    offset: int64.optional(),
  }),
  count: z.object(tableQuery),
  keys: z.object({ experiment_ids: repeated(experimentId).default([]) }),
  runCounts: z.object({ experiment_ids: repeated(experimentId).default([]) }),
  series: z.object({
    run_ids: repeated(z.string()).default([]),
    metric_key: z.string().optional(),
    metric_keys: repeated(z.string()).default([]),
    first_keys: int64.optional(),
    reduction: z.string().optional(),
    max_points: int64.optional(),
    start_step: int64.optional(),
    end_step: int64.optional(),
  }),
};

const nullableDouble = (v: number | null) => (v === null ? null : encodeDouble(v));

export function runTableRowToWire(row: RunTableRow) {
  return {
    ...runToWire(row.run),
    metric_ranges: Object.fromEntries(row.run.data.metrics.map((m) => [m.key, { min: nullableDouble(m.min), max: nullableDouble(m.max) }])),
    child_run_count: row.childRunCount,
  };
}

export function experimentRunCountsToWire(c: ExperimentRunCounts) {
  return { experiment_id: c.experimentId, active: c.active, deleted: c.deleted };
}

export function metricSeriesToWire(s: MetricSeries) {
  return { run_id: s.runId, metric_key: s.metricKey, total_points: s.totalPoints, points: s.buckets };
}

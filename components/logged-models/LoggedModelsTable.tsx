'use client';

import { useMemo, type ReactNode } from 'react';
import type { WireLoggedModel } from '@/lib/api-client';
import { formatNumber, formatTime, keyValueMap } from '@/lib/format';
import { LINK_CLASS, loggedModelHref, modelVersionHref, runPageHref } from './links';
import { metricCell, metricColumns, paramKeys, type MetricColumn, type VersionRef } from './logged-model-data';
import { ModelStatusBadge } from './ModelStatusBadge';
import { sameSortTarget, type ModelsSort } from './models-url-state';
import type { RunLabel } from './use-run-names';

const TH = 'whitespace-nowrap border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-left align-bottom text-xs font-medium text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400';
const TD = 'border-b border-slate-100 px-3 py-1.5 align-top dark:border-slate-800/70';
const STICKY = 'sticky left-0 z-10';

type SortTarget = Omit<ModelsSort, 'asc'>;

function SortHeader({ label, sub, target, sort, onSort, className = '', numeric = false }: {
  label: ReactNode;
  sub?: ReactNode;
  target: SortTarget;
  sort: ModelsSort | null;
  onSort: (target: SortTarget) => void;
  className?: string;
  numeric?: boolean;
}) {
  const active = sameSortTarget(sort, target);
  const direction = active ? (sort?.asc ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={direction ?? 'none'} className={`${TH} ${numeric ? 'text-right' : ''} ${className}`}>
      <button
        type="button"
        onClick={() => onSort(target)}
        className={`inline-flex flex-col rounded text-left hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-blue-500 dark:hover:text-slate-100 ${numeric ? 'items-end' : 'items-start'}`}
        title="Sort by this column"
      >
        <span className="inline-flex items-center gap-1">
          {label}
          <span aria-hidden className={active ? 'text-blue-600 dark:text-blue-400' : 'text-slate-300 dark:text-slate-600'}>
            {active ? (sort?.asc ? '▲' : '▼') : '↕'}
          </span>
        </span>
        {sub}
      </button>
    </th>
  );
}

function metricHeader(col: MetricColumn): { label: ReactNode; sub?: ReactNode } {
  return {
    label: <span className="font-mono normal-case">{col.key}</span>,
    sub: col.datasetName ? (
      <span className="text-[11px] font-normal text-slate-500" title={col.datasetDigest ? `digest ${col.datasetDigest}` : undefined}>
        on {col.datasetName}
      </span>
    ) : undefined,
  };
}

/**
 * A page of logged models: identity columns (name pinned left), then one column per metric
 * (per dataset when measured on one) and per param. Name, time, type, status and metric headers
 * sort on the server.
 */
export function LoggedModelsTable({ models, experimentId, runNames, versionsByModel, sort, onSort }: {
  models: WireLoggedModel[];
  experimentId: string;
  runNames: Map<string, RunLabel>;
  versionsByModel: Map<string, VersionRef[]>;
  sort: ModelsSort | null;
  onSort: (target: SortTarget) => void;
}) {
  const metrics = useMemo(() => metricColumns(models), [models]);
  const params = useMemo(() => paramKeys(models), [models]);
  const header = (field: string, label: string) => <SortHeader label={label} target={{ field }} sort={sort} onSort={onSort} />;

  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-800">
      <table data-testid="logged-models-table" aria-label="Logged models" className="min-w-full border-separate border-spacing-0 text-sm">
        <thead>
          <tr>
            <SortHeader label="Name" target={{ field: 'name' }} sort={sort} onSort={onSort} className={`${STICKY} z-20`} />
            <th scope="col" className={TH}>Model ID</th>
            {header('status', 'Status')}
            <th scope="col" className={TH}>Source run</th>
            {header('creation_time', 'Created')}
            {header('model_type', 'Type')}
            <th scope="col" className={TH}>Registered versions</th>
            {metrics.map((col) => {
              const { label, sub } = metricHeader(col);
              return (
                <SortHeader
                  key={`m:${col.id}`}
                  label={label}
                  sub={sub}
                  numeric
                  target={{ field: `metrics.${col.key}`, datasetName: col.datasetName, datasetDigest: col.datasetDigest }}
                  sort={sort}
                  onSort={onSort}
                />
              );
            })}
            {params.map((key) => (
              <th key={`p:${key}`} scope="col" className={TH}>
                <span className="flex flex-col">
                  <span className="font-mono">{key}</span>
                  <span className="text-[11px] font-normal text-slate-500">param</span>
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {models.map((m) => {
            const { info } = m;
            const run = info.source_run_id ? runNames.get(info.source_run_id) : undefined;
            const paramMap = keyValueMap(m.data?.params);
            const versions = versionsByModel.get(info.model_id) ?? [];
            return (
              <tr key={info.model_id} data-testid="logged-model-row" className="group">
                <th scope="row" className={`${TD} ${STICKY} bg-white text-left font-normal group-hover:bg-slate-50 dark:bg-slate-950 dark:group-hover:bg-slate-900`}>
                  <a href={loggedModelHref(info.experiment_id || experimentId, info.model_id)} className={`${LINK_CLASS} font-medium`} data-testid="logged-model-link">
                    {info.name || info.model_id}
                  </a>
                </th>
                <td className={`${TD} whitespace-nowrap font-mono text-xs text-slate-600 dark:text-slate-400`}>{info.model_id}</td>
                <td className={TD}><ModelStatusBadge status={info.status} /></td>
                <td className={`${TD} whitespace-nowrap`}>
                  {info.source_run_id ? (
                    <a href={runPageHref(info.experiment_id || experimentId, info.source_run_id)} className={LINK_CLASS} data-testid="source-run-link">
                      {run?.name ?? info.source_run_id}
                    </a>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                  {run?.deleted && <span className="ml-1 text-xs text-red-700 dark:text-red-300">(deleted)</span>}
                </td>
                <td className={`${TD} whitespace-nowrap tabular-nums`}>{formatTime(info.creation_timestamp_ms) || '—'}</td>
                <td className={`${TD} whitespace-nowrap`}>{info.model_type || <span className="text-slate-400">—</span>}</td>
                <td className={TD}>
                  {versions.length === 0 ? (
                    <span className="text-slate-400">—</span>
                  ) : (
                    <ul className="flex flex-col gap-0.5">
                      {versions.map((v) => (
                        <li key={`${v.name}/${v.version}`} className="whitespace-nowrap">
                          <a href={modelVersionHref(v.name, v.version)} className={LINK_CLASS}>
                            {v.name} v{v.version}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                {metrics.map((col) => {
                  const cell = metricCell(m, col);
                  return (
                    <td
                      key={`m:${col.id}`}
                      data-column={`metrics.${col.key}${col.datasetName ? `@${col.datasetName}` : ''}`}
                      className={`${TD} text-right font-mono tabular-nums`}
                      title={cell ? `step ${cell.step}` : undefined}
                    >
                      {cell ? formatNumber(cell.value) : <span className="text-slate-300 dark:text-slate-600">—</span>}
                    </td>
                  );
                })}
                {params.map((key) => (
                  <td key={`p:${key}`} data-column={`params.${key}`} className={`${TD} max-w-[16rem] truncate`} title={paramMap.get(key)}>
                    {paramMap.get(key) ?? <span className="text-slate-300 dark:text-slate-600">—</span>}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

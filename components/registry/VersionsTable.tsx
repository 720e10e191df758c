'use client';

import type { RegistryModelVersion } from '@/lib/api-client';
import { formatRelative, formatTime } from '@/lib/format';
import { aliasesByVersion } from './alias-logic';
import { snippet } from './model-summary';
import { loggedModelHref, runHref, versionHref } from './registry-links';
import { AliasChips, LINK, TagChips, VersionStatus } from './RegistryBits';
import { sourceExperiment } from './use-registry-data';

const shortId = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

/** The versions of one model, newest first: aliases from the model (kept current by the page). */
export function VersionsTable({
  name,
  versions,
  aliases,
  experiments,
}: {
  name: string;
  versions: RegistryModelVersion[];
  aliases: { alias: string; version: string }[];
  experiments: Map<string, string | null>;
}) {
  const byVersion = aliasesByVersion(aliases);
  if (versions.length === 0) return <p className="text-sm text-slate-500">This model has no versions yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid="versions-table">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="py-2 pr-3 font-medium">Version</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 font-medium">Aliases</th>
            <th className="py-2 pr-3 font-medium">Source run</th>
            <th className="py-2 pr-3 font-medium">Logged model</th>
            <th className="py-2 pr-3 font-medium">Created</th>
            <th className="py-2 pr-3 font-medium">Tags</th>
            <th className="py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const exp = sourceExperiment(experiments, v);
            const own = (byVersion.get(v.version) ?? []).map((alias) => ({ alias, version: v.version }));
            return (
              <tr key={v.version} data-testid="version-row" data-version={v.version} className="border-b border-slate-100 align-top hover:bg-slate-50 dark:border-slate-900 dark:hover:bg-slate-900">
                <td className="py-1.5 pr-3 whitespace-nowrap">
                  <a href={versionHref(name, v.version)} className={`font-medium ${LINK}`}>Version {v.version}</a>
                </td>
                <td className="py-1.5 pr-3"><VersionStatus status={v.status} /></td>
                <td className="py-1.5 pr-3" data-testid="version-aliases">
                  <AliasChips aliases={own} showVersion={false} />
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs">
                  {v.run_id ? (
                    exp ? <a href={runHref(exp, v.run_id)} className={LINK} title={v.run_id}>{shortId(v.run_id)}</a> : <span title={v.run_id}>{shortId(v.run_id)}</span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="py-1.5 pr-3 font-mono text-xs">
                  {v.model_id ? (
                    exp ? <a href={loggedModelHref(exp, v.model_id)} className={LINK} title={v.model_id}>{shortId(v.model_id)}</a> : <span title={v.model_id}>{shortId(v.model_id)}</span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="py-1.5 pr-3 whitespace-nowrap" title={formatTime(v.creation_timestamp)}>{formatRelative(v.creation_timestamp)}</td>
                <td className="py-1.5 pr-3"><TagChips tags={v.tags} limit={3} /></td>
                <td className="max-w-[22rem] py-1.5 text-slate-600 dark:text-slate-300" title={v.description}>{snippet(v.description)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import type { ReactNode } from 'react';
import type { WireKeyValue } from '@/lib/api-client';
import { modelHref, modelsHref, versionHref } from './registry-links';

/** `champion → v3`; a link to the version when `name` is given. */
export function AliasChip({ alias, version, name, showVersion = true }: { alias: string; version: string; name?: string; showVersion?: boolean }) {
  const body = (
    <>
      <span className="font-medium">{alias}</span>
      {showVersion && <span aria-hidden> → v{version}</span>}
      {showVersion && <span className="sr-only"> points to version {version}</span>}
    </>
  );
  const style = 'inline-flex max-w-[16rem] items-center gap-0.5 truncate rounded-full border border-violet-300 bg-violet-50 px-2 py-0.5 text-xs text-violet-900 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100';
  return name ? (
    <a href={versionHref(name, version)} data-testid="alias-chip" data-alias={alias} data-version={version} className={`${style} hover:underline focus-visible:outline-2 focus-visible:outline-blue-500`}>
      {body}
    </a>
  ) : (
    <span data-testid="alias-chip" data-alias={alias} data-version={version} className={style}>{body}</span>
  );
}

export function AliasChips({ aliases, name, showVersion = true }: { aliases: { alias: string; version: string }[]; name?: string; showVersion?: boolean }) {
  if (aliases.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {aliases.map((a) => (
        <AliasChip key={a.alias} alias={a.alias} version={a.version} name={name} showVersion={showVersion} />
      ))}
    </span>
  );
}

/** Tags as `key=value` chips; `mlflow.*` system tags only when `includeSystem`. */
export function TagChips({ tags, limit, includeSystem = false }: { tags: WireKeyValue[] | undefined; limit?: number; includeSystem?: boolean }) {
  const list = (tags ?? []).filter((t) => includeSystem || !t.key.startsWith('mlflow.'));
  if (list.length === 0) return <span className="text-slate-400">—</span>;
  const shown = limit === undefined ? list : list.slice(0, limit);
  return (
    <span className="flex flex-wrap gap-1" data-testid="tag-chips">
      {shown.map((t) => (
        <span key={t.key} title={`${t.key}=${t.value}`} className="max-w-[14rem] truncate rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {t.key}={t.value}
        </span>
      ))}
      {shown.length < list.length && <span className="text-xs text-slate-500">+{list.length - shown.length} more</span>}
    </span>
  );
}

const STATUS_STYLE: Record<string, string> = {
  READY: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  PENDING_REGISTRATION: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200',
  FAILED_REGISTRATION: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
};

export function VersionStatus({ status }: { status: string | undefined }) {
  const s = status ?? 'READY';
  return (
    <span data-testid="version-status" className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[s] ?? 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200'}`}>
      {s.replace('_REGISTRATION', '').toLowerCase()}
    </span>
  );
}

/** Models / <name> / Version 3 / …: each step a link but the last. */
export function RegistryBreadcrumbs({ name, version, current }: { name?: string; version?: string; current?: string }) {
  const steps: { label: string; href?: string }[] = [{ label: 'Models', href: modelsHref() }];
  if (name !== undefined) steps.push({ label: name, href: modelHref(name) });
  if (name !== undefined && version !== undefined) steps.push({ label: `Version ${version}`, href: versionHref(name, version) });
  if (current) steps.push({ label: current });
  const last = steps.length - 1;
  return (
    <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-600 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-1">
        {steps.map((s, i) => (
          <li key={i} className="flex items-center gap-1">
            {i > 0 && <span aria-hidden>/</span>}
            {i === last || !s.href ? (
              <span aria-current="page" className="max-w-[40ch] truncate">{s.label}</span>
            ) : (
              <a href={s.href} className="max-w-[40ch] truncate hover:text-blue-600 hover:underline">{s.label}</a>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Section({ title, id, children, actions }: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded border border-slate-200 p-3 dark:border-slate-800">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id={id} className="text-sm font-semibold">{title}</h2>
        {actions && <div className="ml-auto flex items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

export const LINK = 'text-blue-700 hover:underline dark:text-blue-300';

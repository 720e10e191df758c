'use client';

import { useState, type FormEvent } from 'react';
import { renameRun, type RunStatus, type WireRun } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { ErrorNote } from '@/components/ui/Notice';

const STATUS_STYLE: Record<RunStatus, string> = {
  RUNNING: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200',
  SCHEDULED: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200',
  FINISHED: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  FAILED: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
  KILLED: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200',
};

export function StatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span data-testid={testId} className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status] ?? STATUS_STYLE.SCHEDULED}`}>
      {status === 'RUNNING' && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {status}
    </span>
  );
}

export function Breadcrumbs({ experimentId, experimentName, runName }: { experimentId: string; experimentName: string | null; runName: string }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-600 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-1">
        <li>
          <a href="/" className="hover:text-blue-600 hover:underline">Experiments</a>
        </li>
        <li aria-hidden>/</li>
        <li>
          <a href={`/experiments/${encodeURIComponent(experimentId)}`} className="hover:text-blue-600 hover:underline">
            {experimentName ?? `Experiment ${experimentId}`}
          </a>
        </li>
        <li aria-hidden>/</li>
        <li aria-current="page" className="max-w-[40ch] truncate">{runName}</li>
      </ol>
    </nav>
  );
}

/** Run name (click "Rename" to edit in place; Enter saves, Escape cancels) and status badge. */
export function RunTitle({ run, onRenamed }: { run: WireRun; onRenamed: () => Promise<void> }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const name = run.info.run_name || run.info.run_id;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = draft.trim();
    if (!next) {
      setError('A run name cannot be empty. Type a name or press Cancel.');
      return;
    }
    setSaving(true);
    try {
      await renameRun(run.info.run_id, next);
      await onRenamed();
      setEditing(false);
      setError(null);
    } catch (err) {
      setError(`Could not rename the run: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-3">
      {editing ? (
        <form onSubmit={submit} className="flex flex-wrap items-center gap-2" onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}>
          <label className="sr-only" htmlFor="run-name-input">Run name</label>
          <input
            id="run-name-input"
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            maxLength={250}
            className="w-[min(40ch,80vw)] rounded border border-slate-300 bg-white px-2 py-1 text-lg font-semibold dark:border-slate-700 dark:bg-slate-900"
          />
          <Button type="submit" variant="primary" disabled={saving}>Save</Button>
          <Button onClick={() => setEditing(false)}>Cancel</Button>
        </form>
      ) : (
        <>
          <h1 data-testid="run-name" className="min-w-0 break-all text-xl font-semibold">{name}</h1>
          <Button
            variant="ghost"
            className="text-xs"
            aria-label="Rename run"
            onClick={() => {
              setDraft(run.info.run_name ?? '');
              setError(null);
              setEditing(true);
            }}
          >
            ✎ Rename
          </Button>
        </>
      )}
      <StatusBadge status={run.info.status} testId="run-status" />
      {run.info.lifecycle_stage === 'deleted' && <span className="rounded bg-red-50 px-2 py-0.5 text-xs text-red-700 dark:bg-red-950 dark:text-red-300">deleted</span>}
      {error && <div className="basis-full"><ErrorNote>{error}</ErrorNote></div>}
    </div>
  );
}

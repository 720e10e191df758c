'use client';

import Link from 'next/link';
import { useState } from 'react';
import { deleteRun, restoreRun } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { Dialog } from '@/components/ui/Dialog';

const PARALLEL = 4;
const linkButton =
  'inline-flex items-center gap-1 rounded bg-blue-600 px-2.5 py-1 text-sm font-medium text-white hover:bg-blue-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500';

/** Runs `f` over `ids`, a few at a time; returns the failures. */
async function each(ids: readonly string[], f: (id: string) => Promise<void>, progress: (done: number) => void) {
  const failures: { id: string; message: string }[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      try {
        await f(id);
      } catch (e) {
        failures.push({ id, message: e instanceof Error ? e.message : String(e) });
      }
      progress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, ids.length) }, worker));
  return failures;
}

/** Compare, bulk delete/restore (after confirming) and clear, for the selected runs. */
export function SelectionActions({ selected, view, onChanged, onClear }: { selected: readonly string[]; view: 'active' | 'deleted'; onChanged: () => void; onClear: () => void }) {
  const [confirming, setConfirming] = useState(false);
  // The runs being acted on, fixed when the dialog opens (the selection is cleared afterwards).
  const [targets, setTargets] = useState<readonly string[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [failures, setFailures] = useState<{ id: string; message: string }[]>([]);
  const n = selected.length;
  const verb = view === 'deleted' ? 'Restore' : 'Delete';

  const run = async () => {
    setProgress(0);
    setFailures([]);
    const failed = await each(targets, view === 'deleted' ? restoreRun : deleteRun, setProgress);
    setProgress(null);
    setFailures(failed);
    if (failed.length === 0) setConfirming(false);
    onChanged();
  };

  return (
    <div className="flex items-center gap-2" aria-label="Selected runs" role="group">
      {n >= 2 ? (
        <Link data-testid="compare-button" className={linkButton} href={`/compare?runs=${selected.map(encodeURIComponent).join(',')}`}>
          Compare ({n})
        </Link>
      ) : (
        <Button data-testid="compare-button" disabled title="Select two or more runs to compare them">
          Compare ({n})
        </Button>
      )}
      {n > 0 && (
        <>
          <Button
            variant={view === 'deleted' ? 'secondary' : 'danger'}
            onClick={() => {
              setTargets([...selected]);
              setFailures([]);
              setConfirming(true);
            }}
          >
            {verb} ({n})
          </Button>
          <Button variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </>
      )}
      <Dialog open={confirming} title={`${verb} ${targets.length} run${targets.length === 1 ? '' : 's'}?`} onClose={() => progress === null && setConfirming(false)}>
        <p className="text-sm">
          {view === 'deleted'
            ? 'The runs return to the active list.'
            : 'The runs move to the Deleted list, where they can be restored until the server purges them.'}
        </p>
        {progress !== null && (
          <p className="mt-2 text-sm" role="status">
            {verb === 'Delete' ? 'Deleting' : 'Restoring'} {progress} of {targets.length}…
          </p>
        )}
        {failures.length > 0 && (
          <div role="alert" className="mt-2 max-h-40 overflow-auto text-sm text-red-700 dark:text-red-300">
            <p>{failures.length} could not be {verb === 'Delete' ? 'deleted' : 'restored'}:</p>
            <ul className="list-disc pl-5">
              {failures.slice(0, 20).map((f) => (
                <li key={f.id}>
                  <span className="font-mono">{f.id}</span>: {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <Button onClick={() => setConfirming(false)} disabled={progress !== null}>
            {failures.length ? 'Close' : 'Cancel'}
          </Button>
          {failures.length === 0 && (
            <Button variant={verb === 'Delete' ? 'danger' : 'primary'} onClick={run} disabled={progress !== null}>
              {verb}
            </Button>
          )}
        </div>
      </Dialog>
    </div>
  );
}

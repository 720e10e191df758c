'use client';

import { useRef, useState } from 'react';
import { saveSharedView } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { encodeCompareState, type CompareState } from './compare-state';
import { sharedViewHref } from './compare-url';

/**
 * Saves the whole view on the server and shows its short link (`/compare?v=<id>`), copied to the
 * clipboard when the browser allows it. Saving again after a change gives a new link.
 */
export function ShareButton({ state }: { state: CompareState }) {
  const [link, setLink] = useState<{ url: string; json: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const json = JSON.stringify(encodeCompareState(state));
  const stale = link !== null && link.json !== json;

  const share = async () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const id = await saveSharedView('compare', JSON.parse(json));
      const url = `${window.location.origin}${sharedViewHref(id)}`;
      setLink({ url, json });
      try {
        await navigator.clipboard.writeText(url);
        setMessage('Link copied.');
      } catch {
        setMessage('Copy the link below (Ctrl+C).');
        requestAnimationFrame(() => inputRef.current?.select());
      }
    } catch (e) {
      setError(`Could not save the view: ${e instanceof Error ? e.message : String(e)}. Try again in a moment.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <Button variant="primary" onClick={share} disabled={busy} data-testid="share-button">
        {busy ? 'Saving…' : link && !stale ? 'Share again' : 'Share'}
      </Button>
      {link && (
        <>
          <label className="sr-only" htmlFor="compare-share-link">
            Short link to this view
          </label>
          <input
            id="compare-share-link"
            ref={inputRef}
            readOnly
            value={link.url}
            data-testid="share-link"
            onFocus={(e) => e.currentTarget.select()}
            className="w-72 rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
          />
          <a href={link.url} target="_blank" rel="noopener" className="text-xs text-blue-700 hover:underline dark:text-blue-300">
            Open
          </a>
        </>
      )}
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {stale ? 'The view changed since this link was made: share again to include the changes.' : message}
      </span>
      {error && (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {error}
        </span>
      )}
    </div>
  );
}

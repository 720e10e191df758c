'use client';

import { useId, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Markdown } from '@/components/ui/Markdown';
import { ErrorNote } from '@/components/ui/Notice';

/**
 * A markdown description (of a run, a model, a version) shown rendered (raw HTML stays text) and
 * edited as plain text with Save / Cancel. `onSave` writes it; the caller reloads what it shows.
 * A failed save keeps the text and says why.
 */
export function EditableDescription({ description, onSave, what }: { description: string; onSave: (text: string) => Promise<void>; what: string }) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    setSaving(true);
    try {
      await onSave(draft);
      setEditing(false);
      setError(null);
    } catch (e) {
      setError(`Could not save the description: ${e instanceof Error ? e.message : String(e)}. Your text is kept; try again.`);
    } finally {
      setSaving(false);
    }
  };

  const start = () => {
    setDraft(description);
    setError(null);
    setEditing(true);
  };

  return (
    <section aria-labelledby={`${id}-title`} className="rounded border border-slate-200 p-3 dark:border-slate-800">
      <div className="mb-1 flex items-center gap-2">
        <h2 id={`${id}-title`} className="text-sm font-semibold">Description</h2>
        {!editing && description && (
          <Button variant="ghost" className="ml-auto text-xs" data-testid="description-edit-button" aria-label={`Edit the ${what} description`} onClick={start}>
            ✎ Edit
          </Button>
        )}
      </div>
      {editing ? (
        <div className="space-y-2">
          <label htmlFor={`${id}-text`} className="sr-only">Description of the {what} (markdown)</label>
          <textarea
            id={`${id}-text`}
            data-testid="description-textarea"
            autoFocus
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setEditing(false);
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
            }}
            rows={8}
            placeholder="Markdown: **bold**, lists, `code`, [links](https://…)"
            className="w-full rounded border border-slate-300 bg-white p-2 font-mono text-sm dark:border-slate-700 dark:bg-slate-900"
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" data-testid="description-save" disabled={saving} onClick={() => void save()}>
              {saving ? 'Saving…' : 'Save'}
            </Button>
            <Button onClick={() => setEditing(false)} disabled={saving}>Cancel</Button>
            <span className="text-xs text-slate-500">Markdown. Ctrl+Enter saves, Escape cancels.</span>
          </div>
          {error && <ErrorNote>{error}</ErrorNote>}
        </div>
      ) : description ? (
        <div data-testid="description">
          <Markdown source={description} />
        </div>
      ) : (
        <div data-testid="description">
          <Button variant="ghost" className="text-slate-500" data-testid="description-edit-button" onClick={start}>
            + Add a description
          </Button>
        </div>
      )}
    </section>
  );
}

'use client';

import { useState, type FormEvent } from 'react';
import { deleteRegisteredModelAlias, setRegisteredModelAlias } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { aliasProblem, describeAliasChange, planAliasChange, type AliasChange } from './alias-logic';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { AliasChip } from './RegistryBits';

const SELECT = 'rounded border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

const TITLES: Record<AliasChange['kind'], string> = { set: 'Set alias', move: 'Move alias', remove: 'Remove alias', none: 'Alias unchanged' };

/**
 * Set an alias on a version, move an alias to another version, or remove it. Every change is
 * confirmed in a dialog that names it ("Move champion from version 3 to version 4?"); the page
 * reloads the model afterwards so every alias shown follows.
 */
export function AliasEditor({
  name,
  aliases,
  versions,
  onChanged,
}: {
  name: string;
  aliases: { alias: string; version: string }[];
  versions: string[];
  onChanged: () => Promise<void>;
}) {
  const [pending, setPending] = useState<AliasChange | null>(null);
  const [moveTargets, setMoveTargets] = useState<Record<string, string>>({});
  const [newAlias, setNewAlias] = useState('');
  const [newVersion, setNewVersion] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const targetVersion = newVersion || versions[0] || '';

  const apply = async (c: AliasChange) => {
    if (c.kind === 'remove') await deleteRegisteredModelAlias(name, c.alias);
    else if (c.kind !== 'none') await setRegisteredModelAlias(name, c.alias, c.version);
    await onChanged();
    if (c.kind === 'set' || c.kind === 'move') setNewAlias('');
  };

  const submitNew = (e: FormEvent) => {
    e.preventDefault();
    const alias = newAlias.trim();
    const why = aliasProblem(alias) ?? (targetVersion ? null : 'This model has no version to point an alias at.');
    setProblem(why);
    if (!why) setPending(planAliasChange(aliases, alias, targetVersion));
  };

  return (
    <div className="space-y-3" data-testid="alias-editor">
      {aliases.length > 0 ? (
        <ul className="space-y-1.5" aria-label="Aliases">
          {aliases.map((a) => {
            const others = versions.filter((v) => v !== a.version);
            const target = moveTargets[a.alias] ?? others[0] ?? '';
            return (
              <li key={a.alias} data-testid="alias-row" data-alias={a.alias} className="flex flex-wrap items-center gap-2 text-sm">
                <AliasChip alias={a.alias} version={a.version} name={name} />
                {others.length > 0 && (
                  <>
                    <label className="sr-only" htmlFor={`move-${a.alias}`}>Move {a.alias} to version</label>
                    <select
                      id={`move-${a.alias}`}
                      data-testid="alias-move-select"
                      value={target}
                      onChange={(e) => setMoveTargets((m) => ({ ...m, [a.alias]: e.target.value }))}
                      className={SELECT}
                    >
                      {others.map((v) => (
                        <option key={v} value={v}>Version {v}</option>
                      ))}
                    </select>
                    <Button data-testid="alias-move" aria-label={`Move ${a.alias} to version ${target}`} onClick={() => setPending(planAliasChange(aliases, a.alias, target))}>
                      Move…
                    </Button>
                  </>
                )}
                <Button variant="ghost" data-testid="alias-remove" aria-label={`Remove alias ${a.alias}`} onClick={() => setPending({ kind: 'remove', alias: a.alias, from: a.version })}>
                  Remove…
                </Button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">No aliases yet. An alias such as champion names the version to deploy: <code className="font-mono">models:/{name}@champion</code>.</p>
      )}

      <form onSubmit={submitNew} className="flex flex-wrap items-center gap-2 border-t border-slate-100 pt-3 text-sm dark:border-slate-800" aria-label="Set an alias">
        <label htmlFor="new-alias-name">Set alias</label>
        <input
          id="new-alias-name"
          data-testid="alias-name-input"
          value={newAlias}
          list="existing-aliases"
          onChange={(e) => {
            setNewAlias(e.target.value);
            setProblem(null);
          }}
          placeholder="e.g. champion"
          maxLength={255}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? 'new-alias-problem' : undefined}
          className="w-44 rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
        />
        <datalist id="existing-aliases">
          {aliases.map((a) => (
            <option key={a.alias} value={a.alias} />
          ))}
        </datalist>
        <label htmlFor="new-alias-version">on</label>
        <select id="new-alias-version" data-testid="alias-version-select" value={targetVersion} onChange={(e) => setNewVersion(e.target.value)} className={SELECT}>
          {versions.map((v) => (
            <option key={v} value={v}>Version {v}</option>
          ))}
        </select>
        <Button type="submit" variant="primary" data-testid="alias-set">Set…</Button>
        {problem && <span id="new-alias-problem" role="alert" className="basis-full text-red-700 dark:text-red-300">{problem}</span>}
      </form>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? TITLES[pending.kind] : ''}
        message={pending ? describeAliasChange(pending) : ''}
        confirmLabel={pending?.kind === 'remove' ? 'Remove' : pending?.kind === 'move' ? 'Move' : pending?.kind === 'none' ? 'OK' : 'Set'}
        danger={pending?.kind === 'remove'}
        onConfirm={() => (pending ? apply(pending) : Promise.resolve())}
        onClose={() => setPending(null)}
      />
    </div>
  );
}

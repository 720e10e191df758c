'use client';

import { sideKey, type Side } from './alias-logic';

const SELECT = 'max-w-[16rem] rounded border border-slate-300 bg-white px-1.5 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/** Pick an alias (`champion → v3`) or a bare version for one side of the comparison. */
export function SidePicker({
  id,
  label,
  side,
  aliases,
  versions,
  onChange,
}: {
  id: string;
  label: string;
  side: Side | null;
  aliases: { alias: string; version: string }[];
  versions: string[];
  onChange: (key: string) => void;
}) {
  const value = side ? sideKey(side) : '';
  const unknownAlias = side?.kind === 'alias' && !aliases.some((a) => a.alias === side.alias);
  const unknownVersion = side?.kind === 'version' && !versions.includes(side.version);
  return (
    <label htmlFor={id} className="flex items-center gap-1.5 text-sm">
      <span className="font-medium">{label}</span>
      <select id={id} data-testid={`${id}-select`} value={value} onChange={(e) => onChange(e.target.value)} className={SELECT}>
        {!side && <option value="">Choose…</option>}
        {(unknownAlias || unknownVersion) && <option value={value}>{value} (not found)</option>}
        {aliases.length > 0 && (
          <optgroup label="Aliases">
            {aliases.map((a) => (
              <option key={a.alias} value={a.alias}>{a.alias} → v{a.version}</option>
            ))}
          </optgroup>
        )}
        <optgroup label="Versions">
          {versions.map((v) => (
            <option key={v} value={`v${v}`}>Version {v}</option>
          ))}
        </optgroup>
      </select>
    </label>
  );
}

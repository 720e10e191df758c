import type { RegistryAlias } from '@/lib/api-client';

/** Version → its aliases, sorted by name, from the model's `aliases` list (the one source of truth). */
export function aliasesByVersion(aliases: readonly RegistryAlias[] | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const a of aliases ?? []) {
    const list = map.get(a.version) ?? [];
    list.push(a.alias);
    map.set(a.version, list);
  }
  for (const list of map.values()) list.sort();
  return map;
}

export function aliasVersion(aliases: readonly RegistryAlias[] | undefined, alias: string): string | undefined {
  return aliases?.find((a) => a.alias === alias)?.version;
}

/** The same rule as the server (reference §3.1), checked before asking so the user sees why at once. */
export function aliasProblem(alias: string): string | null {
  if (!alias) return 'Type an alias name, such as champion.';
  if (alias.length > 255) return 'An alias has at most 255 characters.';
  if (!/^[\w-]+$/.test(alias)) return 'Use only letters, digits, underscores and dashes in an alias.';
  if (alias.toLowerCase() === 'latest' || /^v\d+$/i.test(alias)) {
    return `'${alias}' is reserved ('latest' and 'v<number>' name versions); choose another alias.`;
  }
  return null;
}

export type AliasChange =
  | { kind: 'set'; alias: string; version: string }
  | { kind: 'move'; alias: string; from: string; version: string }
  | { kind: 'remove'; alias: string; from: string }
  | { kind: 'none'; alias: string; version: string };

/** What setting `alias` on `version` would do, given where the alias is now. */
export function planAliasChange(aliases: readonly RegistryAlias[] | undefined, alias: string, version: string): AliasChange {
  const from = aliasVersion(aliases, alias);
  if (from === undefined) return { kind: 'set', alias, version };
  if (from === version) return { kind: 'none', alias, version };
  return { kind: 'move', alias, from, version };
}

/** The confirmation question, naming exactly what changes. */
export function describeAliasChange(c: AliasChange): string {
  switch (c.kind) {
    case 'set':
      return `Set alias ${c.alias} on version ${c.version}?`;
    case 'move':
      return `Move ${c.alias} from version ${c.from} to version ${c.version}?`;
    case 'remove':
      return `Remove alias ${c.alias} from version ${c.from}?`;
    case 'none':
      return `${c.alias} already points to version ${c.version}; nothing changes.`;
  }
}

/** A side of the comparison: an alias name, or `v<number>` for a version without one. */
export type Side = { kind: 'alias'; alias: string; version?: string } | { kind: 'version'; version: string };

export function parseSide(text: string | null | undefined, aliases: readonly RegistryAlias[] | undefined): Side | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  const v = /^v(\d+)$/i.exec(t);
  if (v) return { kind: 'version', version: String(Number(v[1])) };
  return { kind: 'alias', alias: t, version: aliasVersion(aliases, t) };
}

export function sideKey(side: Side): string {
  return side.kind === 'alias' ? side.alias : `v${side.version}`;
}

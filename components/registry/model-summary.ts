import type { RegistryModel } from '@/lib/api-client';

/** The highest version number among the model's latest versions (one per stage). */
export function latestVersion(m: Pick<RegistryModel, 'latest_versions'>): string | undefined {
  let best: number | undefined;
  for (const v of m.latest_versions ?? []) {
    const n = Number(v.version);
    if (Number.isFinite(n) && (best === undefined || n > best)) best = n;
  }
  return best === undefined ? undefined : String(best);
}

/** Aliases in a steady order: champion and challenger first, then by name. */
export function sortedAliases(m: Pick<RegistryModel, 'aliases'>): { alias: string; version: string }[] {
  const rank = (a: string) => (a === 'champion' ? 0 : a === 'challenger' ? 1 : 2);
  return [...(m.aliases ?? [])].sort((x, y) => rank(x.alias) - rank(y.alias) || x.alias.localeCompare(y.alias));
}

/** The two aliases the comparison opens with: champion/challenger when set, else the first two. */
export function defaultComparison(m: Pick<RegistryModel, 'aliases'>): [string, string] | null {
  const list = sortedAliases(m).map((a) => a.alias);
  return list.length >= 2 ? [list[0], list[1]] : null;
}

/** First line of a description, plain, for a table cell. */
export function snippet(text: string | undefined, max = 80): string {
  const line = (text ?? '').split('\n').find((l) => l.trim()) ?? '';
  // Drop markdown's heading/quote/list markers and emphasis; underscores stay (they are in names).
  const plain = line.replace(/^\s*(#+|>|[-*+]\s)\s*/, '').replace(/\*\*|`/g, '').trim();
  return plain.length > max ? `${plain.slice(0, max - 1)}…` : plain;
}

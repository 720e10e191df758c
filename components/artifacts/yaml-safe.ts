import { parse } from 'yaml';

/**
 * YAML of an artifact parsed with safe settings: the core schema only (no custom or language
 * tags), at most 100 alias expansions (a "billion laughs" file fails instead of eating memory),
 * duplicate keys rejected. Throws on any problem; callers fall back to plain text.
 */
export function parseYamlSafe(text: string): unknown {
  return parse(text, { schema: 'core', customTags: [], maxAliasCount: 100, uniqueKeys: true, prettyErrors: true, logLevel: 'error' });
}

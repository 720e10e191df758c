/**
 * The order metric keys are listed in, the same on the server and in every browser: ignoring
 * case, then by code unit (`localeCompare` would follow each machine's locale). The server picks
 * "the first N metrics of a run" in this order, and the run page draws its charts in it.
 */
export function compareKeys(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

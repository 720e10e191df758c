/**
 * Filters for registry searches. The DSL quotes strings with `'`; a quote inside is doubled
 * (`'it''s'`), which Runboard's parser and MLflow's both read back as one quote.
 */
export function quoteDsl(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `name ILIKE '%text%'` for the search box, or nothing for blank text. */
export function modelNameFilter(text: string): string | undefined {
  const t = text.trim();
  return t ? `name ILIKE ${quoteDsl(`%${t}%`)}` : undefined;
}

/** Every version of one model, exactly by name. */
export function versionsOfModelFilter(name: string): string {
  return `name = ${quoteDsl(name)}`;
}

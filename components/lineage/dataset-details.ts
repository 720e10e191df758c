/**
 * Readable forms of a dataset's `schema` and `profile` strings (MLflow writes JSON:
 * `{"mlflow_colspec": [{name, type, required?}]}` and `{"num_rows": …}`). Anything else is
 * returned as text. Pure, unit-tested.
 */

export interface SchemaColumn {
  name: string;
  type: string;
  required?: boolean;
}

export type ParsedSchema = { kind: 'columns'; columns: SchemaColumn[] } | { kind: 'text'; text: string } | { kind: 'none' };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function parseDatasetSchema(schema: string | undefined): ParsedSchema {
  if (!schema?.trim()) return { kind: 'none' };
  const json = parseJson(schema) as { mlflow_colspec?: unknown; mlflow_tensorspec?: unknown } | undefined;
  const spec = json && typeof json === 'object' ? json.mlflow_colspec : undefined;
  if (Array.isArray(spec)) {
    const columns = spec
      .filter((c): c is Record<string, unknown> => !!c && typeof c === 'object')
      .map((c) => ({
        name: typeof c.name === 'string' ? c.name : '(unnamed)',
        type: typeof c.type === 'string' ? c.type : JSON.stringify(c.type ?? 'unknown'),
        ...(typeof c.required === 'boolean' ? { required: c.required } : {}),
      }));
    return { kind: 'columns', columns };
  }
  return { kind: 'text', text: schema };
}

/** A profile's top-level scalar entries (`num_rows: 1000`), or its text when it is not a JSON object. */
export function parseDatasetProfile(profile: string | undefined): { entries: [string, string][] } | { text: string } | null {
  if (!profile?.trim()) return null;
  const json = parseJson(profile);
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { text: profile };
  const entries = Object.entries(json as Record<string, unknown>).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]);
  return { entries };
}

/**
 * A dataset source as a person reads it: MLflow stores it as JSON (`{"uri": "s3://…"}`,
 * `{"url": …}`, `{"path": …}`, `{"table_name": …}`); the location is shown, the raw text otherwise.
 */
export function datasetSourceText(source: string | undefined): string {
  if (!source) return '';
  const json = parseJson(source);
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    const record = json as Record<string, unknown>;
    for (const key of ['uri', 'url', 'path', 'table_name']) {
      if (typeof record[key] === 'string' && record[key]) return record[key] as string;
    }
  }
  return source;
}

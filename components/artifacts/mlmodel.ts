/**
 * What an MLmodel file says, read for a summary: flavors, signature, identity. An MLmodel is YAML
 * whose `signature.inputs/outputs/params` are JSON strings; those are parsed into columns. Pure.
 */
import { parseYamlSafe } from './yaml-safe';

export interface SignatureColumn {
  /** '' for an unnamed column (a tensor or a single output). */
  name: string;
  type: string;
  required: boolean | null;
  /** Default value of a param, as text. */
  default?: string;
}

export interface MlmodelSummary {
  flavors: { name: string; details: [string, string][] }[];
  inputs: SignatureColumn[] | null;
  outputs: SignatureColumn[] | null;
  params: SignatureColumn[] | null;
  /** A signature field that was present but could not be read. */
  signatureErrors: string[];
  fields: [string, string][];
  /** The whole parsed document, for the full key/value view. */
  document: Record<string, unknown>;
}

/** Identity fields shown first, in this order. */
export const MLMODEL_FIELDS = ['model_uuid', 'run_id', 'artifact_path', 'mlflow_version', 'utc_time_created', 'model_size_bytes', 'model_id'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A scalar as display text (objects as compact JSON). */
export function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** `long`, `tensor float32 (-1, 28, 28)`, `array<string>`, `object{a, b}`. */
function columnType(spec: Record<string, unknown>): string {
  const type = spec.type;
  if (type === 'tensor' && isRecord(spec['tensor-spec'])) {
    const t = spec['tensor-spec'];
    const shape = Array.isArray(t.shape) ? ` (${t.shape.map(scalarText).join(', ')})` : '';
    return `tensor ${scalarText(t.dtype)}${shape}`;
  }
  if (type === 'array' && isRecord(spec.items)) return `array<${columnType(spec.items)}>`;
  if (type === 'object' && Array.isArray(spec.properties)) return 'object';
  if (type === 'object' && isRecord(spec.properties)) return `object{${Object.keys(spec.properties).join(', ')}}`;
  return typeof type === 'string' ? type : scalarText(type);
}

/** One signature field (a JSON string, or already a list when written by hand) as columns. */
export function signatureColumns(value: unknown): SignatureColumn[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  if (!Array.isArray(list)) throw new Error('not a list');
  return list.map((item, i) => {
    if (!isRecord(item)) throw new Error(`entry ${i + 1} is not an object`);
    const column: SignatureColumn = {
      name: typeof item.name === 'string' ? item.name : '',
      type: columnType(item),
      required: typeof item.required === 'boolean' ? item.required : null,
    };
    if ('default' in item) column.default = scalarText(item.default);
    return column;
  });
}

/** Throws when the text is not a YAML mapping. */
export function summarizeMlmodel(text: string): MlmodelSummary {
  const document = parseYamlSafe(text);
  if (!isRecord(document)) throw new Error('An MLmodel file is a YAML mapping.');

  const flavors = isRecord(document.flavors)
    ? Object.entries(document.flavors).map(([name, conf]) => ({
        name,
        details: isRecord(conf)
          ? Object.entries(conf)
              .filter(([, v]) => v === null || typeof v !== 'object')
              .map(([k, v]): [string, string] => [k, scalarText(v)])
          : [],
      }))
    : [];

  const signatureErrors: string[] = [];
  const signature = isRecord(document.signature) ? document.signature : {};
  const read = (field: 'inputs' | 'outputs' | 'params'): SignatureColumn[] | null => {
    const value = signature[field];
    if (value === null || value === undefined || value === '') return null;
    try {
      return signatureColumns(value);
    } catch (e) {
      signatureErrors.push(`signature.${field}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  };

  const fields = MLMODEL_FIELDS.filter((k) => document[k] !== undefined).map((k): [string, string] => [k, scalarText(document[k])]);
  return { flavors, inputs: read('inputs'), outputs: read('outputs'), params: read('params'), signatureErrors, fields, document };
}

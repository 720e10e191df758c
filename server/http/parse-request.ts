import { z } from 'zod';
import { MlflowError, invalidParameter } from '../errors';

/** Default cap for JSON request bodies; endpoints may set a lower one (log-batch: 1 MB). */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Query string → message: repeated keys become lists, single keys stay scalars. */
export function queryToMessage(params: URLSearchParams): Record<string, unknown> {
  const message: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    message[key] = values.length === 1 ? values[0] : values;
  }
  return message;
}

/** Bare NaN / Infinity tokens (outside strings) as the protobuf strings, for lenient parsing. */
function quoteNonFiniteTokens(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|(-?Infinity|NaN)/g, (match, str) => (str ? match : `"${match}"`));
}

async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    throw invalidParameter(`Request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes`);
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw invalidParameter(`Request body exceeds the limit of ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** JSON text, leniently: bare NaN / Infinity tokens are read as the protobuf strings. */
function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return JSON.parse(quoteNonFiniteTokens(text));
    } catch (e) {
      throw new MlflowError('BAD_REQUEST', `Malformed JSON in request body: ${(e as Error).message}`);
    }
  }
}

/** Protobuf JSON reads `null` as "not set": such members are dropped, at any depth. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

/** Whether an object member anywhere below is null; scanning is cheap, copying a big batch is not. */
function hasNullMember(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  for (const v of Array.isArray(value) ? value : Object.values(value)) {
    if ((v === null && !Array.isArray(value)) || hasNullMember(v)) return true;
  }
  return false;
}

/**
 * Reads a JSON body leniently, as the MLflow server does: empty is {}, a double-encoded string is
 * decoded once more. Anything but an object is BAD_REQUEST.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const text = (await readBodyText(request, maxBytes)).trim();
  if (text === '') return {};
  let parsed = parseLenientJson(text);
  if (typeof parsed === 'string') parsed = parseLenientJson(parsed);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MlflowError('BAD_REQUEST', 'The request body must be a JSON object, e.g. {"run_id": "..."}');
  }
  return (hasNullMember(parsed) ? withoutNulls(parsed) : parsed) as Record<string, unknown>;
}

/** Validates a message against an endpoint's schema; the first problem becomes the error message. */
export function validateMessage<S extends z.ZodType>(schema: S, message: unknown): z.output<S> {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) {
    throw new MlflowError('BAD_REQUEST', 'The request body must be a JSON object');
  }
  const result = schema.safeParse(message);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.join('.');
  const given = issue.path.reduce<unknown>(
    (v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    message,
  );
  if (given === undefined) {
    throw invalidParameter(`Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`);
  }
  throw invalidParameter(`Invalid value ${JSON.stringify(given)} for parameter '${field}' supplied: ${issue.message}`);
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MlflowError } from '@/server/errors';
import { queryToMessage, readJsonBody, validateMessage } from '@/server/http/parse-request';
import { int64 } from '@/server/wire/primitives';

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/2.0/mlflow/x', { method: 'POST', body, headers });
}

/** A body without content-length, delivered in chunks, as a streaming client sends it. */
function streamed(chunks: string[]): Request {
  const enc = new TextEncoder();
  let i = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= chunks.length) return controller.close();
      controller.enqueue(enc.encode(chunks[i++]));
    },
  });
  return new Request('http://localhost/api/2.0/mlflow/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
}

function caught(fn: () => unknown): MlflowError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MlflowError);
    return e as MlflowError;
  }
  throw new Error('expected an MlflowError');
}

async function rejected(p: Promise<unknown>): Promise<MlflowError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(MlflowError);
  return e as MlflowError;
}

describe('queryToMessage', () => {
  it('keeps single keys as strings and turns repeated keys into lists in order', () => {
    const q = new URLSearchParams('run_id=abc&run_ids=a&run_ids=b&run_ids=c&max_results=10');
    expect(queryToMessage(q)).toEqual({ run_id: 'abc', run_ids: ['a', 'b', 'c'], max_results: '10' });
  });

  it('decodes percent-encoding and keeps empty values', () => {
    const q = new URLSearchParams('filter=metrics.acc%20%3E%200.5&page_token=');
    expect(queryToMessage(q)).toEqual({ filter: 'metrics.acc > 0.5', page_token: '' });
  });

  it('is empty for an empty query string', () => {
    expect(queryToMessage(new URLSearchParams(''))).toEqual({});
  });
});

describe('readJsonBody', () => {
  const LIMIT = 1000;

  it('reads an empty, whitespace-only or missing body as {}', async () => {
    expect(await readJsonBody(post(''), LIMIT)).toEqual({});
    expect(await readJsonBody(post('  \n\t '), LIMIT)).toEqual({});
    expect(await readJsonBody(post(null), LIMIT)).toEqual({});
  });

  it('parses a JSON object body', async () => {
    expect(await readJsonBody(post('{"run_id":"r","metrics":[{"key":"a","value":1.5}]}'), LIMIT)).toEqual({
      run_id: 'r',
      metrics: [{ key: 'a', value: 1.5 }],
    });
  });

  it('decodes a double-encoded body (a JSON string holding JSON) a second time', async () => {
    const inner = JSON.stringify({ experiment_id: '0', name: 'x' });
    expect(await readJsonBody(post(JSON.stringify(inner)), LIMIT)).toEqual({ experiment_id: '0', name: 'x' });
  });

  it('decodes a double-encoded body whose inner JSON holds bare NaN / Infinity tokens', async () => {
    const inner = '{"metrics": [{"key": "a", "value": NaN, "timestamp": 1}, {"key": "b", "value": -Infinity, "timestamp": 1}]}';
    expect(await readJsonBody(post(JSON.stringify(inner)), LIMIT)).toEqual({
      metrics: [
        { key: 'a', value: 'NaN', timestamp: 1 },
        { key: 'b', value: '-Infinity', timestamp: 1 },
      ],
    });
  });

  it('refuses a JSON string that does not hold JSON with BAD_REQUEST', async () => {
    const e = await rejected(readJsonBody(post('"not json at all"'), LIMIT));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.status).toBe(400);
  });

  it('accepts bare NaN, Infinity and -Infinity tokens as the protobuf strings', async () => {
    const body = '{"metrics":[{"key":"a","value":NaN},{"key":"b","value":Infinity},{"key":"c","value": -Infinity}]}';
    expect(await readJsonBody(post(body), LIMIT)).toEqual({
      metrics: [
        { key: 'a', value: 'NaN' },
        { key: 'b', value: 'Infinity' },
        { key: 'c', value: '-Infinity' },
      ],
    });
  });

  it('leaves NaN and Infinity inside string values untouched while quoting bare tokens', async () => {
    const body = '{"tag":"NaN \\"Infinity\\" -Infinity","value":NaN}';
    expect(await readJsonBody(post(body), LIMIT)).toEqual({ tag: 'NaN "Infinity" -Infinity', value: 'NaN' });
  });

  it('reports malformed JSON as BAD_REQUEST (400), not a server error', async () => {
    const e = await rejected(readJsonBody(post('{"run_id": '), LIMIT));
    expect(e.code).toBe('BAD_REQUEST');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Malformed JSON in request body/);
  });

  it('refuses a body whose declared content-length is over the limit without reading it', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT) });
    const e = await rejected(readJsonBody(post(body, { 'content-length': String(body.length) }), LIMIT));
    expect(e.code).toBe('INVALID_PARAMETER_VALUE');
    expect(e.message).toContain(`exceeds the limit of ${LIMIT} bytes`);
  });

  it('refuses a streamed body that grows over the limit even without content-length', async () => {
    const req = streamed(['{"pad":"', 'x'.repeat(600), 'x'.repeat(600), '"}']);
    expect(req.headers.get('content-length')).toBeNull();
    const e = await rejected(readJsonBody(req, LIMIT));
    expect(e.code).toBe('INVALID_PARAMETER_VALUE');
    expect(e.message).toContain(`exceeds the limit of ${LIMIT} bytes`);
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(LIMIT - 10) });
    expect(body.length).toBe(LIMIT);
    expect(await readJsonBody(post(body), LIMIT)).toEqual({ pad: 'x'.repeat(LIMIT - 10) });
  });

  it('counts the limit in bytes, not characters', async () => {
    // 400 three-byte characters: 400 characters but 1200 bytes.
    const body = JSON.stringify({ s: '€'.repeat(400) });
    expect(body.length).toBeLessThan(LIMIT);
    const e = await rejected(readJsonBody(streamed([body]), LIMIT));
    expect(e.code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"name":"é€"}');
    let sent = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.close();
        sent = true;
        controller.enqueue(bytes.slice(0, 10)); // splits the 'é' sequence
        controller.enqueue(bytes.slice(10));
      },
    });
    const req = new Request('http://localhost/x', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(await readJsonBody(req, LIMIT)).toEqual({ name: 'é€' });
  });
});

describe('validateMessage', () => {
  const schema = z.object({
    experiment_id: z.string(),
    max_results: int64.optional(),
    nested: z.object({ key: z.string() }).optional(),
  });

  it('returns the parsed message, with transforms applied and unknown fields dropped', () => {
    expect(validateMessage(schema, { experiment_id: '1', max_results: '5', unknown: true })).toEqual({
      experiment_id: '1',
      max_results: 5,
    });
  });

  it('names a missing required field with "Missing value for required parameter"', () => {
    const e = caught(() => validateMessage(schema, {}));
    expect(e.code).toBe('INVALID_PARAMETER_VALUE');
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/^Missing value for required parameter 'experiment_id'/);
  });

  it('names an invalid field with "Invalid value", the given value and the reason', () => {
    const e = caught(() => validateMessage(schema, { experiment_id: '1', max_results: 'ten' }));
    expect(e.code).toBe('INVALID_PARAMETER_VALUE');
    expect(e.message).toContain(`Invalid value "ten" for parameter 'max_results' supplied`);
    expect(e.message).toContain('expected an integer');
  });

  it('names nested fields by their dotted path', () => {
    const missing = caught(() => validateMessage(schema, { experiment_id: '1', nested: {} }));
    expect(missing.message).toMatch(/^Missing value for required parameter 'nested.key'/);
    const invalid = caught(() => validateMessage(schema, { experiment_id: '1', nested: { key: 7 } }));
    expect(invalid.message).toContain(`Invalid value 7 for parameter 'nested.key'`);
  });

  it('refuses a message that is not a JSON object with BAD_REQUEST', () => {
    for (const message of [null, [], 'x', 3]) {
      const e = caught(() => validateMessage(schema, message));
      expect(e.code).toBe('BAD_REQUEST');
      expect(e.status).toBe(400);
    }
  });
});

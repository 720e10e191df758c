import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { withRetry } from '@/components/runs-table/retry';

function flaky(errors: unknown[]) {
  let calls = 0;
  const request = async () => {
    calls += 1;
    const e = errors.shift();
    if (e) throw e;
    return 'ok';
  };
  return { request, calls: () => calls };
}

describe('runs table request retry', () => {
  it('retries network failures and 5xx answers, then succeeds', async () => {
    const f = flaky([new TypeError('Failed to fetch'), new ApiError('INTERNAL_ERROR', 'boom', 500)]);
    await expect(withRetry(f.request, undefined, [1, 1])).resolves.toBe('ok');
    expect(f.calls()).toBe(3);
  });

  it('gives up after the last delay with the last error', async () => {
    const f = flaky([new TypeError('a'), new TypeError('b'), new TypeError('c')]);
    await expect(withRetry(f.request, undefined, [1, 1])).rejects.toThrow('c');
  });

  it('does not retry a rejected query', async () => {
    const f = flaky([new ApiError('INVALID_PARAMETER_VALUE', 'bad filter', 400)]);
    await expect(withRetry(f.request, undefined, [1, 1])).rejects.toThrow('bad filter');
    expect(f.calls()).toBe(1);
  });

  it('stops waiting when aborted', async () => {
    const c = new AbortController();
    const f = flaky([new TypeError('down')]);
    const p = withRetry(f.request, c.signal, [10_000]);
    await new Promise((r) => setTimeout(r, 5));
    c.abort();
    await expect(p).rejects.toThrow(/abort/i);
    expect(f.calls()).toBe(1);
  });
});

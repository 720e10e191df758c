/**
 * Retries a request that failed for a passing reason (the network dropped, the server answered
 * 5xx) a couple of times before giving up; a 4xx (a bad filter) fails at once. Aborting stops it.
 */
import { ApiError } from '@/lib/api-client';

export const RETRY_DELAYS_MS = [400, 1500];

export function isTransient(error: unknown): boolean {
  // fetch() rejects with a TypeError when the network fails.
  return error instanceof TypeError || (error instanceof ApiError && error.status >= 500);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

export async function withRetry<T>(request: () => Promise<T>, signal?: AbortSignal, delays: readonly number[] = RETRY_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      if (signal?.aborted || attempt >= delays.length || !isTransient(error)) throw error;
      await sleep(delays[attempt], signal);
    }
  }
}

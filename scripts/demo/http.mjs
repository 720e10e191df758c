// A minimal MLflow REST client over the global fetch: JSON RPCs, artifact uploads through the
// artifact proxy, a global cap on concurrent requests, retries for transient failures, and counters.

export class ApiError extends Error {
  constructor(method, path, status, body) {
    let code = `HTTP ${status}`;
    let message = typeof body === 'string' ? body.slice(0, 300) : '';
    if (body && typeof body === 'object') {
      code = body.error_code ?? code;
      message = body.message ?? JSON.stringify(body).slice(0, 300);
    }
    super(`${method} ${path} failed: ${code}${message ? `: ${message}` : ''}`);
    this.status = status;
    this.code = code;
  }
}

/** A counting semaphore: at most `limit` holders at once, FIFO. */
export class Semaphore {
  constructor(limit) {
    this.limit = limit;
    this.active = 0;
    this.waiting = [];
  }
  async acquire() {
    if (this.active < this.limit) {
      this.active += 1;
      return;
    }
    await new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
  async run(fn) {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }
}

/** Runs `fn(item, index)` for every item with at most `limit` in flight; rejects on the first error. */
export async function mapPool(items, limit, fn) {
  const results = new Array(items.length);
  let nextIndex = 0;
  let failed = null;
  async function worker() {
    while (failed === null && nextIndex < items.length) {
      const i = nextIndex++;
      try {
        results[i] = await fn(items[i], i);
      } catch (err) {
        failed ??= err;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed;
  return results;
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** JSON encoding with MLflow's spelling of non-finite doubles ("NaN", "Infinity", "-Infinity"). */
function encodeBody(body) {
  return JSON.stringify(body, (_key, value) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      if (Number.isNaN(value)) return 'NaN';
      return value > 0 ? 'Infinity' : '-Infinity';
    }
    return value;
  });
}

export class Client {
  constructor(baseUrl, { concurrency = 8, retries = 4, headers = {} } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.headers = headers;
    this.gate = new Semaphore(concurrency);
    this.retries = retries;
    this.stats = { requests: 0, retries: 0, bytesSent: 0 };
  }

  async request(method, path, { body, raw, contentType, query } = {}) {
    let url = `${this.baseUrl}${path}`;
    if (query) {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) {
        for (const item of Array.isArray(v) ? v : [v]) if (item !== undefined) qs.append(k, String(item));
      }
      url += `?${qs}`;
    }
    // identity: the answers are small JSON; compressing and inflating them only costs CPU on both ends
    const headers = { 'Accept-Encoding': 'identity', ...this.headers };
    let payload;
    if (raw !== undefined) {
      payload = raw;
      headers['Content-Type'] = contentType ?? 'application/octet-stream';
    } else if (body !== undefined) {
      payload = encodeBody(body);
      headers['Content-Type'] = 'application/json';
    }
    return this.gate.run(async () => {
      for (let attempt = 0; ; attempt += 1) {
        let res;
        try {
          res = await fetch(url, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
        } catch (err) {
          if (attempt < this.retries) {
            this.stats.retries += 1;
            await sleep(250 * 2 ** attempt);
            continue;
          }
          throw new Error(`${method} ${path}: cannot reach ${this.baseUrl} (${err.cause?.code ?? err.cause?.message ?? err.message})`);
        }
        this.stats.requests += 1;
        if (payload !== undefined) this.stats.bytesSent += typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
        const text = await res.text();
        if (res.ok) {
          if (!text) return {};
          try {
            return JSON.parse(text);
          } catch {
            return text;
          }
        }
        if (TRANSIENT_STATUS.has(res.status) && attempt < this.retries) {
          this.stats.retries += 1;
          await sleep(250 * 2 ** attempt);
          continue;
        }
        let parsed = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        throw new ApiError(method, path, res.status, parsed);
      }
    });
  }

  // ---- tracking RPCs (/api/2.0/mlflow/...) ----
  get(path, query) {
    return this.request('GET', `/api/2.0/mlflow/${path}`, { query });
  }
  post(path, body) {
    return this.request('POST', `/api/2.0/mlflow/${path}`, { body });
  }
  patch(path, body) {
    return this.request('PATCH', `/api/2.0/mlflow/${path}`, { body });
  }

  /**
   * Logs metrics, params and tags with as few `runs/log-batch` calls as the limits allow
   * (≤1000 metrics, ≤100 params, ≤100 tags, ≤1000 entities per request). Params and tags ride
   * along with the first metric chunks. Chunks are sent one after another, in step order.
   */
  async logBatch(runId, { metrics = [], params = [], tags = [] }) {
    let m = 0;
    let p = 0;
    let t = 0;
    while (m < metrics.length || p < params.length || t < tags.length) {
      const ps = params.slice(p, p + 100);
      const ts = tags.slice(t, t + 100);
      const ms = metrics.slice(m, m + (1000 - ps.length - ts.length));
      p += ps.length;
      t += ts.length;
      m += ms.length;
      const body = { run_id: runId };
      if (ms.length) body.metrics = ms;
      if (ps.length) body.params = ps;
      if (ts.length) body.tags = ts;
      await this.post('runs/log-batch', body);
    }
  }

  // ---- artifact proxy (/api/2.0/mlflow-artifacts/artifacts/...) ----
  /** PUTs one file. `artifactUri` is a run or logged-model `artifact_uri`; `relPath` is inside it. */
  uploadArtifact(artifactUri, relPath, content, contentType) {
    const root = proxyPath(artifactUri);
    const path = `${root}/${relPath}`.split('/').map(encodeURIComponent).join('/');
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    return this.request('PUT', `/api/2.0/mlflow-artifacts/artifacts/${path}`, { raw, contentType });
  }
}

/**
 * The proxied storage path of an artifact URI: `mlflow-artifacts:/1/abc/artifacts` (or
 * `mlflow-artifacts://host:port/1/abc/artifacts`, or an http(s) URL pointing at the proxy) → `1/abc/artifacts`.
 * Returns null for roots the proxy does not serve (s3://, file:, plain paths).
 */
export function proxyPath(artifactUri) {
  if (typeof artifactUri !== 'string') return null;
  let m = /^mlflow-artifacts:(?:\/\/[^/]*)?\/*(.*)$/.exec(artifactUri);
  if (m) return m[1].replace(/\/+$/, '');
  m = /^https?:\/\/[^/]+(?:\/.*)?\/api\/2\.0\/mlflow-artifacts\/artifacts\/*(.*)$/.exec(artifactUri);
  if (m) return m[1].replace(/\/+$/, '');
  return null;
}

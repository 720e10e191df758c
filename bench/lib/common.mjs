// Shared helpers for the benchmarks: a small MLflow REST client over global fetch, a worker pool,
// percentiles, a deterministic PRNG and a flag parser. Plain JS for Node >= 20; no dependencies.
import fs from 'node:fs';
import os from 'node:os';

/** Parses `--name value`, `--name=value` and bare `--flag` (true) into an object. */
export function parseFlags(argv, spec) {
  const out = {};
  for (const [name, def] of Object.entries(spec)) out[name] = def.default;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(usage(spec));
      process.exit(0);
    }
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m || !(m[1] in spec)) {
      process.stderr.write(`unknown argument ${arg}\n\n${usage(spec)}`);
      process.exit(2);
    }
    const def = spec[m[1]];
    if (def.type === 'bool') {
      out[m[1]] = m[2] === undefined ? true : !/^(0|false|no)$/i.test(m[2]);
      continue;
    }
    const raw = m[2] ?? argv[++i];
    if (raw === undefined) {
      process.stderr.write(`--${m[1]} needs a value\n`);
      process.exit(2);
    }
    out[m[1]] = def.type === 'int' ? parseIntStrict(m[1], raw) : raw;
  }
  for (const [name, def] of Object.entries(spec)) {
    if (def.required && (out[name] === undefined || out[name] === '')) {
      process.stderr.write(`--${name} is required\n\n${usage(spec)}`);
      process.exit(2);
    }
  }
  return out;
}

function parseIntStrict(name, raw) {
  const v = Number(String(raw).replace(/_/g, ''));
  if (!Number.isInteger(v) || v < 0) {
    process.stderr.write(`--${name} needs a non-negative integer, got ${raw}\n`);
    process.exit(2);
  }
  return v;
}

function usage(spec) {
  const lines = Object.entries(spec).map(([name, def]) => {
    const shown = def.type === 'bool' ? `--${name}` : `--${name} ${def.type === 'int' ? 'N' : 'VALUE'}`;
    const dflt = def.default === undefined || def.type === 'bool' ? '' : ` (default ${def.default})`;
    return `  ${shown.padEnd(30)} ${def.help}${dflt}`;
  });
  return `Options:\n${lines.join('\n')}\n`;
}

export class HttpError extends Error {
  constructor(status, body, path) {
    super(`${path}: HTTP ${status}: ${String(body).slice(0, 300)}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * A minimal MLflow REST client. Retries like the MLflow Python client does (connection errors and
 * 429/5xx, with backoff) and counts every retry and failure so a benchmark can report them.
 */
export class MlflowClient {
  constructor(baseUrl, { retries = 5 } = {}) {
    this.base = baseUrl.replace(/\/+$/, '');
    this.retries = retries;
    this.stats = { requests: 0, retries: 0, failures: 0, lastErrors: [] };
  }

  async call(method, path, body, query) {
    let url = `${this.base}/api/2.0/mlflow/${path}`;
    if (query) url += `?${new URLSearchParams(query)}`;
    const init = { method, headers: {} };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
    for (let attempt = 0; ; attempt += 1) {
      this.stats.requests += 1;
      let status;
      let text;
      try {
        const res = await fetch(url, init);
        status = res.status;
        text = await res.text();
      } catch (err) {
        status = 0;
        text = String(err?.cause?.code ?? err);
      }
      if (status === 200) return text.length ? JSON.parse(text) : {};
      const retriable = status === 0 || status === 408 || status === 429 || status >= 500;
      if (!retriable || attempt >= this.retries) {
        this.stats.failures += 1;
        this.noteError(`${path} -> ${status} ${text.slice(0, 200)}`);
        throw new HttpError(status, text, path);
      }
      this.stats.retries += 1;
      this.noteError(`${path} -> ${status} ${text.slice(0, 200)} (retrying)`);
      await sleep(Math.min(100 * 2 ** attempt, 3000));
    }
  }

  noteError(message) {
    if (this.stats.lastErrors.length < 5) this.stats.lastErrors.push(message);
  }

  post(path, body) {
    return this.call('POST', path, body);
  }

  get(path, query) {
    return this.call('GET', path, undefined, query);
  }

  async createExperiment(name) {
    const r = await this.post('experiments/create', { name });
    return r.experiment_id;
  }

  async getExperimentByName(name) {
    try {
      const r = await this.get('experiments/get-by-name', { experiment_name: name });
      return r.experiment;
    } catch (err) {
      if (err instanceof HttpError && err.status === 404) return undefined;
      throw err;
    }
  }

  async createRun(experimentId, extra = {}) {
    const r = await this.post('runs/create', { experiment_id: experimentId, start_time: Date.now(), ...extra });
    return r.run.info.run_id;
  }

  /** Whole history of one metric, following page tokens if the server pages. */
  async metricHistory(runId, key) {
    const out = [];
    let token;
    do {
      const q = { run_id: runId, run_uuid: runId, metric_key: key };
      if (token) q.page_token = token;
      const r = await this.get('metrics/get-history', q);
      out.push(...(r.metrics ?? []));
      token = r.next_page_token;
    } while (token);
    return out;
  }
}

/** Waits until `url/health` answers 200, or throws after `timeoutMs`. */
export async function waitHealthy(baseUrl, timeoutMs = 120_000) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    try {
      const res = await fetch(`${baseUrl.replace(/\/+$/, '')}/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await sleep(250);
  }
  throw new Error(`${baseUrl} did not become healthy in ${timeoutMs} ms`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs `task(i)` for i in [0, total) with `concurrency` workers; returns per-task durations (ms). */
export async function pool(total, concurrency, task, { shouldStop } = {}) {
  let next = 0;
  let done = 0;
  const worker = async (w) => {
    while (next < total) {
      if (shouldStop?.()) return;
      const i = next;
      next += 1;
      await task(i, w);
      done += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, total)) }, (_, w) => worker(w)));
  return done;
}

/** Times an async function in milliseconds (high resolution). */
export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

export function percentile(samples, p) {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export function summary(samples) {
  return {
    n: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
  };
}

export const round = (x, digits = 2) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

/** mulberry32: a tiny deterministic PRNG, so both servers receive identical data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** MLflow's JSON encoding of a double: non-finite values as the protobuf strings. */
export function wireDouble(v) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

export function writeJson(file, data) {
  if (file) fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}

export function log(...parts) {
  process.stdout.write(`${parts.join(' ')}\n`);
}

export const fmt = (x, digits = 1) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(x);

// ---- CPU accounting --------------------------------------------------------------------------
// Other work on the machine skews wall-clock figures; CPU time spent by the server's processes is
// a second, steadier view. Linux only (/proc); elsewhere these return undefined.

const TICKS_PER_S = 100; // USER_HZ; 100 on every mainstream Linux build

function readStat(pid) {
  try {
    const raw = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17).
    return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14]) };
  } catch {
    return undefined;
  }
}

/** CPU milliseconds used so far by `rootPid` and all its descendants (reaped children included). */
export function processTreeCpuMs(rootPid) {
  if (!rootPid || !fs.existsSync('/proc/self/stat')) return undefined;
  const stats = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(name);
    if (s) stats.set(Number(name), s);
  }
  if (!stats.has(Number(rootPid))) return undefined;
  const children = new Map();
  for (const [pid, s] of stats) {
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(pid);
  }
  let ticks = 0;
  const stack = [Number(rootPid)];
  while (stack.length) {
    const pid = stack.pop();
    ticks += stats.get(pid)?.ticks ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_S;
}

function readMachineTicks() {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** Whole-machine CPU busy fraction (0..1) over `ms` milliseconds, from /proc/stat. */
export async function machineBusy(ms = 2000) {
  const a = readMachineTicks();
  await sleep(ms);
  const b = readMachineTicks();
  if (!a || !b || b.total === a.total) return undefined;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

/**
 * Measures one phase: wall time, the server's CPU time (if its pid is known), this client's CPU
 * time, and how busy the whole machine was (so load from elsewhere shows up in the report).
 */
export async function measured(serverPid, fn) {
  const s0 = processTreeCpuMs(serverPid);
  const c0 = process.cpuUsage();
  const m0 = readMachineTicks();
  const { ms, value } = await timed(fn);
  const s1 = processTreeCpuMs(serverPid);
  const c1 = process.cpuUsage(c0);
  const m1 = readMachineTicks();
  const machineCpuMs = m0 && m1 ? ((m1.total - m0.total - (m1.idle - m0.idle)) * 1000) / TICKS_PER_S : undefined;
  const serverCpuMs = s0 !== undefined && s1 !== undefined ? s1 - s0 : undefined;
  const clientCpuMs = (c1.user + c1.system) / 1000;
  // CPU used on the machine by anything other than this server and this client.
  const otherCpuMs = machineCpuMs !== undefined && serverCpuMs !== undefined
    ? Math.max(0, machineCpuMs - serverCpuMs - clientCpuMs) : undefined;
  return {
    ms,
    value,
    cpu: {
      server_ms: serverCpuMs === undefined ? undefined : round(serverCpuMs, 0),
      client_ms: round(clientCpuMs, 0),
      other_ms: otherCpuMs === undefined ? undefined : round(otherCpuMs, 0),
      // Average number of cores busy with other work during the phase (0 on a quiet machine).
      other_cores: otherCpuMs === undefined ? undefined : round(otherCpuMs / ms, 2),
      cores: os.cpus().length,
    },
  };
}

/** One line about a phase's CPU: the server's CPU per unit of work, and a warning if others were busy. */
export function cpuNote(cpu, units, unit) {
  const parts = [];
  if (cpu.server_ms !== undefined) parts.push(`server CPU ${fmt(cpu.server_ms / units, 2)} ms per ${unit}`);
  if (cpu.other_cores !== undefined && cpu.other_cores > 0.15) {
    parts.push(`WARNING: other work on this machine used ${fmt(cpu.other_cores, 2)} of ${cpu.cores} cores meanwhile`);
  }
  return parts.length ? `\n      ${parts.join('; ')}` : '';
}

// Starting, seeding and stopping the two servers for the UI benchmark. Each server runs in its own
// process group (so stopping it stops its workers too) on a free port, over a data directory that
// holds its SQLite database and artifacts. A directory seeded once by `scripts/demo.mjs --size
// large` is reused by later runs (seeding MLflow takes 15-25 minutes): `seeded.json` in it says
// the seeding finished, with which seed and which version of the demo.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { log, sleep } from '../../lib/common.mjs';

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** A hash of the demo's sources: a seeded directory records it, so a stale seed is noticed. */
export function demoVersion(root) {
  const h = crypto.createHash('sha256');
  const dir = path.join(root, 'scripts', 'demo');
  for (const f of ['scripts/demo.mjs', ...fs.readdirSync(dir).sort().map((n) => `scripts/demo/${n}`)]) {
    h.update(f).update(fs.readFileSync(path.join(root, f)));
  }
  return h.digest('hex').slice(0, 12);
}

/**
 * Starts `kind` ('runboard' | 'mlflow') over `dataDir`. Resolves once /health answers.
 * Runboard goes through scripts/start.mjs, which builds the app first when the build is missing or
 * older than the sources (minutes; the health wait allows for it).
 */
export async function startServer(kind, { root, dataDir, mlflowBin, mlflowWorkers = 4, logFile }) {
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  let child;
  if (kind === 'runboard') {
    child = spawn(process.execPath, ['scripts/start.mjs', '--host', '127.0.0.1', '--port', String(port),
      '--backend-store-uri', `sqlite:///${path.join(dataDir, 'runboard.db')}`, '--artifacts-destination', path.join(dataDir, 'artifacts')],
    { cwd: root, detached: true, stdio: ['ignore', out, out], env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  } else {
    child = spawn(mlflowBin, ['server', '--host', '127.0.0.1', '--port', String(port), '--workers', String(mlflowWorkers),
      '--backend-store-uri', `sqlite:///${path.join(dataDir, 'mlflow.db')}`, '--artifacts-destination', path.join(dataDir, 'artifacts')],
    { cwd: dataDir, detached: true, stdio: ['ignore', out, out] });
  }
  fs.closeSync(out);
  const server = { kind, port, url: `http://127.0.0.1:${port}`, pid: child.pid, child, exited: false };
  child.on('exit', () => { server.exited = true; });
  const deadline = Date.now() + 15 * 60_000; // a first Runboard start may build the app
  while (Date.now() < deadline) {
    if (server.exited) throw new Error(`the ${kind} server exited while starting; see ${logFile}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${server.url}/health`);
      if (res.ok) return server;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  await stopServer(server);
  throw new Error(`the ${kind} server did not answer /health within 15 minutes; see ${logFile}`);
}

export async function stopServer(server) {
  if (!server || server.exited) return;
  const group = -server.pid;
  try { process.kill(group, 'SIGTERM'); } catch { return; }
  for (let i = 0; i < 60 && !server.exited; i += 1) await sleep(250);
  try { process.kill(group, 'SIGKILL'); } catch { /* gone */ }
}

function tail(file, lines = 20) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The seed record of a data directory, or undefined when it was never seeded to the end. */
export function readSeed(dataDir) {
  try {
    const s = JSON.parse(fs.readFileSync(path.join(dataDir, 'seeded.json'), 'utf8'));
    return s.complete ? s : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Fills a running server with `node scripts/demo.mjs --size large --seed N` and records it in
 * `seeded.json`. Returns the record. Throws with the demo's last output lines when it fails.
 */
export function runDemo(server, { root, dataDir, seed, concurrency, logFile }) {
  const t0 = Date.now();
  const args = ['scripts/demo.mjs', '--url', server.url, '--size', 'large', '--seed', String(seed), '--concurrency', String(concurrency)];
  log(`  node ${args.join(' ')}   (output in ${logFile})`);
  const out = fs.openSync(logFile, 'w');
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (r.status !== 0) throw new Error(`the demo failed against ${server.kind} (exit ${r.status}):\n${tail(logFile, 8)}`);
  const record = { complete: true, kind: server.kind, seed, size: 'large', concurrency, demo_version: demoVersion(root), seconds: Math.round((Date.now() - t0) / 1000), seeded_at: new Date().toISOString() };
  fs.writeFileSync(path.join(dataDir, 'seeded.json'), `${JSON.stringify(record, null, 2)}\n`);
  return record;
}

/**
 * Makes sure `dataDir` holds a finished seed: reuses it when it does, otherwise starts the server
 * over an empty directory, seeds it and stops it again, up to `attempts` times. (MLflow 3.17.2
 * answers two concurrent first `log-inputs` of one dataset in an experiment with a
 * UNIQUE-constraint error, HTTP 400, which the demo, like the MLflow client, does not retry; with
 * the demo's 8 parallel requests that happened in both of two tries, hence the bench seeds
 * MLflow with 1.) Returns the seed record.
 */
export async function ensureSeeded(kind, opts) {
  const { dataDir, root, reseed, attempts = 3 } = opts;
  const existing = !reseed && readSeed(dataDir);
  if (existing) {
    const now = demoVersion(root);
    log(`  reusing ${dataDir} (seeded ${existing.seeded_at}, seed ${existing.seed}${existing.demo_version === now ? '' : `; WARNING: seeded by another version of the demo (${existing.demo_version}, now ${now}); --reseed ${kind} to refresh it`})`);
    return { ...existing, reused: true };
  }
  for (let attempt = 1; ; attempt += 1) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startServer(kind, opts);
    log(`  seeding ${kind} at ${server.url} into ${dataDir} (attempt ${attempt}; Runboard takes a few minutes, MLflow 15-25)`);
    try {
      const record = runDemo(server, { ...opts, logFile: path.join(opts.outDir, `demo-${kind}.log`) });
      log(`  seeded in ${record.seconds} s`);
      return { ...record, reused: false };
    } catch (err) {
      if (attempt >= attempts) throw err;
      log(`  ${err.message.split('\n').slice(0, 2).join(' ')}\n  retrying from an empty database`);
    } finally {
      await stopServer(server);
    }
  }
}

/** The pid of a `next dev` serving from `root`, if any (Linux /proc; undefined elsewhere). */
export function nextDevIn(root) {
  if (!fs.existsSync('/proc/self/cwd')) return undefined;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
      if (cmd.some((a) => /(^|\/)next$/.test(a)) && cmd.includes('dev') && fs.readlinkSync(`/proc/${name}/cwd`) === root) return Number(name);
    } catch { /* gone, or not ours to read */ }
  }
  return undefined;
}

/** Whether scripts/start.mjs would build first (the same test: BUILD_ID older than the sources). */
export function buildStale(root) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const newest = (p) => {
    if (!fs.existsSync(p)) return 0;
    const st = fs.statSync(p);
    if (!st.isDirectory()) return st.mtimeMs;
    let n = 0;
    for (const c of fs.readdirSync(p)) if (c !== 'generated' && c !== 'node_modules') n = Math.max(n, newest(path.join(p, c)));
    return n;
  };
  const sources = ['app', 'components', 'lib', 'server', 'public', 'instrumentation.ts', 'next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];
  return sources.some((s) => newest(path.join(root, s)) > built);
}

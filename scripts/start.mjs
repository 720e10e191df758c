#!/usr/bin/env node
// `npm start [-- flags]`: the `mlflow server` command line for Runboard. Parses the flags into the
// environment the server reads (server/config.ts), builds the app when the build is missing or
// older than the sources, then serves UI and API with `next start`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const userDir = process.env.INIT_CWD ?? process.cwd();

const HELP = `Usage: npm start -- [options]

  --host HOST                    interface to listen on (default 127.0.0.1; env MLFLOW_HOST)
  --port PORT                    port to listen on (default 5000; env MLFLOW_PORT)
  --backend-store-uri URI        sqlite:///file.db, sqlite:////abs/file.db, a file path, or
                                 postgresql://user:pass@host/db (default sqlite:///runboard.db;
                                 env MLFLOW_BACKEND_STORE_URI)
  --artifacts-destination DIR    where the artifact proxy stores files (default ./mlartifacts;
                                 env MLFLOW_ARTIFACTS_DESTINATION)
  --default-artifact-root URI    root for new experiments' artifact locations (default
                                 mlflow-artifacts:/ when serving artifacts; env MLFLOW_DEFAULT_ARTIFACT_ROOT)
  --serve-artifacts / --no-serve-artifacts
                                 serve the artifact proxy (default on; env MLFLOW_SERVE_ARTIFACTS)
  -h, --help                     show this help
`;

const VALUE_FLAGS = {
  '--host': 'MLFLOW_HOST',
  '--port': 'MLFLOW_PORT',
  '--backend-store-uri': 'MLFLOW_BACKEND_STORE_URI',
  '--artifacts-destination': 'MLFLOW_ARTIFACTS_DESTINATION',
  '--default-artifact-root': 'MLFLOW_DEFAULT_ARTIFACT_ROOT',
};

function fail(message) {
  process.stderr.write(`runboard: ${message}\n\n${HELP}`);
  process.exit(2);
}

function die(message) {
  process.stderr.write(`runboard: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const env = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(HELP);
      process.exit(0);
    }
    if (arg === '--serve-artifacts') env.MLFLOW_SERVE_ARTIFACTS = 'true';
    else if (arg === '--no-serve-artifacts') env.MLFLOW_SERVE_ARTIFACTS = 'false';
    else {
      const [flag, inline] = arg.split(/=(.*)/s, 2);
      const name = VALUE_FLAGS[flag];
      if (!name) fail(`unknown option ${arg}`);
      const value = inline ?? argv[++i];
      if (value === undefined || value === '') fail(`option ${flag} needs a value`);
      env[name] = value;
    }
  }
  return env;
}

const SOURCES = ['app', 'components', 'lib', 'server', 'public', 'instrumentation.ts', 'next.config.js', 'package.json', 'postcss.config.mjs', 'tsconfig.json'];

function newestSourceTime(entry) {
  const full = path.join(appDir, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(full)) {
    if (child === 'generated' || child === 'node_modules') continue;
    newest = Math.max(newest, newestSourceTime(path.join(entry, child)));
  }
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(appDir, '.next', 'BUILD_ID');
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (built > 0 && built >= Math.max(...SOURCES.map(newestSourceTime))) return;
  process.stderr.write('runboard: building the app (first start or changed sources)...\n');
  const result = spawnSync(path.join(appDir, 'node_modules', '.bin', 'next'), ['build'], {
    cwd: appDir,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) die('the build failed; see the output above');
}

const flags = parseArgs(process.argv.slice(2));
const env = { ...process.env, ...flags, RUNBOARD_BASE_DIR: userDir, NEXT_TELEMETRY_DISABLED: '1' };
const host = env.MLFLOW_HOST ?? '127.0.0.1';
const port = env.MLFLOW_PORT ?? '5000';
if (!/^\d+$/.test(port) || Number(port) > 65535) fail(`invalid port ${port}`);

buildIfNeeded();
process.stderr.write(`runboard: serving UI and API on http://${host}:${port}\n`);
const server = spawn(path.join(appDir, 'node_modules', '.bin', 'next'), ['start', '-H', host, '-p', port], {
  cwd: appDir,
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

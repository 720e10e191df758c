import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// The app under test runs on its own port with throw-away data.
const port = Number(process.env.E2E_PORT ?? 5391);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runboard-e2e-'));

export default defineConfig({
  testDir: './e2e',
  timeout: 30_000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  webServer: {
    command: `node scripts/start.mjs --port ${port} --backend-store-uri sqlite:///${path.join(dataDir, 'e2e.db')} --artifacts-destination ${path.join(dataDir, 'artifacts')}`,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});

import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

/** Runs specs against an already running server (a developer's `next dev`), without starting one. */
export default defineConfig({
  ...base,
  testDir: '.',
  use: { ...base.use, baseURL: process.env.PW_BASE_URL ?? 'http://127.0.0.1:5100' },
  webServer: undefined,
});

#!/usr/bin/env node
// UI code (components/, lib/, app pages) must not import server code or Prisma: it talks to the
// server only through lib/api-client.ts. Exits non-zero and lists every offending import.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const UI_DIRS = ['components', 'lib', path.join('app', '(ui)')];
const FORBIDDEN = [/^@\/server(\/|$)/, /(^|\/)server\//, /^@prisma\//, /^better-sqlite3$/, /^pg$/, /^node:/];
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield full;
  }
}

const problems = [];
for (const dir of UI_DIRS) {
  for (const file of files(path.join(root, dir))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[1] ?? m[2];
      if (FORBIDDEN.some((re) => re.test(spec))) problems.push(`${path.relative(root, file)}: imports ${spec}`);
    }
  }
}
if (problems.length > 0) {
  console.error(`UI code must not import server code:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log('boundaries: UI code imports no server code');

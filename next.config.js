/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and database modules stay outside the server bundle and are required at run time.
  serverExternalPackages: ['better-sqlite3', 'pg', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // The MLflow client sends paths such as /api/2.0/mlflow/runs/get; never redirect them.
  skipTrailingSlashRedirect: true,
  // Types are checked by `npm run typecheck` (part of `npm test`), over app and tests alike; the
  // build that `npm start` may run on a user's machine need not repeat it.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;

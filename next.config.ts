import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // BATON_DIST_DIR lets several builds share one checkout (e.g. parallel e2e runs); default .next.
  distDir: process.env.BATON_DIST_DIR || '.next',
  cacheComponents: true,
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3', 'pg', '@prisma/adapter-pg'],
  experimental: {
    serverActions: { bodySizeLimit: '5mb' },
  },
};

export default nextConfig;

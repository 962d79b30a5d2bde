import type { NextConfig } from 'next';

// What a monorepo app's config usually holds for its API routes: the workspace package compiled
// from source, a value inlined through `env`, and a response header on every API route.
const nextConfig: NextConfig = {
  transpilePackages: ['@acme/db'],
  env: { APP_FLAVOR: 'next-compat' },
  poweredByHeader: false,
  // The probe reads raw answers: no gzip in between.
  compress: false,
  async headers() {
    return [{ source: '/api/:path*', headers: [{ key: 'x-acme-config', value: 'next.config' }] }];
  },
};

export default nextConfig;

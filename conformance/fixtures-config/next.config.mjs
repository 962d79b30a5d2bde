// The fixture project for what next.config changes in front of route handlers: basePath,
// trailingSlash, env, headers() and redirects(). Built and served by real Next.js
// (`next build && next start` in this folder) and by approute, with the same cases
// (cases/config.ts).
/** @type {import('next').NextConfig} */
const nextConfig = {
  basePath: '/docs',
  trailingSlash: true,
  env: { CONFIG_FLAVOR: 'from-next-config' },
  // The route handlers are checked by running them; skip the type-check pass of `next build`.
  typescript: { ignoreBuildErrors: true },
  // The conformance suite reads raw answers: no gzip in between.
  compress: false,
  poweredByHeader: false,
  async headers() {
    return [
      { source: '/api/:path*', headers: [{ key: 'x-config-header', value: 'applied' }] },
      // vercel/next.js test/e2e/app-dir/set-cookies: two Set-Cookie fields from the config.
      {
        source: '/api/cookies',
        has: [{ type: 'query', key: 'next-config-headers', value: 'true' }],
        headers: [
          { key: 'Set-Cookie', value: 'config-a=1; Path=/' },
          { key: 'Set-Cookie', value: 'config-b=2; Path=/' },
        ],
      },
      { source: '/api/override', headers: [{ key: 'x-who', value: 'config' }] },
      { source: '/api/users/:id', headers: [{ key: 'x-user', value: 'user-:id' }] },
      {
        source: '/api/has',
        has: [{ type: 'header', key: 'x-flag', value: '(?<flag>on|yes)' }],
        missing: [{ type: 'cookie', key: 'skip' }],
        headers: [{ key: 'x-flag-was', value: 'flag-:flag' }],
      },
    ];
  },
  async redirects() {
    return [
      { source: '/old/:slug', destination: '/api/users/:slug/', permanent: true },
      { source: '/temp', destination: '/api/hello/?from=temp', permanent: false },
      { source: '/away', destination: 'https://example.com/docs', permanent: false },
      { source: '/see-other', destination: '/api/hello/', statusCode: 303 },
      { source: '/legacy', destination: '/docs/api/hello/', permanent: true, basePath: false },
      {
        source: '/by-header',
        has: [{ type: 'header', key: 'x-go' }],
        destination: '/api/hello/?go=:go',
        permanent: false,
      },
    ];
  },
};

export default nextConfig;

// The Cache Components fixture, built and served by real Next.js: `'use cache'` functions with
// `cacheLife()` and `cacheTag()`, called from route handlers. `cacheComponents: true` is what
// `'use cache'` needs, and it rejects the `dynamic`/`revalidate` segment config of the classic
// fixture (`../fixtures-cache/`), so the two cache models live in two projects.
/** @type {import('next').NextConfig} */
const nextConfig = {
  typescript: { ignoreBuildErrors: true },
  compress: false,
  poweredByHeader: false,
  cacheComponents: true,
  partialPrefetching: true,
  cacheLife: {
    // revalidate after 1 s, expire after 3 s
    brief: { stale: 0, revalidate: 1, expire: 3 },
  },
};

export default nextConfig;

// The classic data cache fixture, built and served by real Next.js (`next build && next start`
// in this folder): segment config (`dynamic`, `revalidate`), `unstable_cache`, the `fetch` cache
// options, `revalidateTag`/`revalidatePath`. It cannot also hold `'use cache'`: that needs
// `cacheComponents: true`, which rejects the segment config these routes export (see
// OBSERVED.md); `../fixtures-cache-components/` holds the Cache Components routes.
/** @type {import('next').NextConfig} */
const nextConfig = {
  typescript: { ignoreBuildErrors: true },
  compress: false,
  poweredByHeader: false,
  cacheLife: {
    // A profile of our own for revalidateTag(tag, 'brief'): stale at once, expired after 2 s.
    brief: { stale: 0, revalidate: 1, expire: 2 },
  },
};

export default nextConfig;

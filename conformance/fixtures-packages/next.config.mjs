// A fixture project whose routes import npm packages built for Next.js (@vercel/functions),
// built and served by real Next.js (`next build && next start` in this folder) and by approute.
/** @type {import('next').NextConfig} */
const nextConfig = {
  // The route handlers are checked by running them; skip the type-check pass of `next build`.
  typescript: { ignoreBuildErrors: true },
  // The conformance suite reads raw answers: no gzip in between.
  compress: false,
  poweredByHeader: false,
};

export default nextConfig;

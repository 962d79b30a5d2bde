// The proxy fixture project with `basePath` and `trailingSlash: true`: proxy.js (plain
// JavaScript) at the project root, built and served by real Next.js.
/** @type {import('next').NextConfig} */
const nextConfig = {
  basePath: '/base',
  trailingSlash: true,
  // The route handlers are checked by running them; skip the type-check pass of `next build`.
  typescript: { ignoreBuildErrors: true },
  // The conformance suite reads raw answers: no gzip in between.
  compress: false,
  poweredByHeader: false,
};

export default nextConfig;

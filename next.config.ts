import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `npm run dev` keeps its production build apart from the e2e suite's (scripts/dev.ts).
  distDir: process.env.ARENA_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole repository with `tsc --noEmit` before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // The Coinbase wallet SDK's server entry imports optional @x402/* packages that are not installed.
  serverExternalPackages: ["@base-org/account", "@coinbase/cdp-sdk"],
};

export default nextConfig;

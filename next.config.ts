import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `npm test` type-checks the whole repository with `tsc --noEmit` before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // The Coinbase wallet SDK's server entry imports optional @x402/* packages that are not installed.
  serverExternalPackages: ["@base-org/account", "@coinbase/cdp-sdk"],
};

export default nextConfig;

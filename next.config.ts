import { readFileSync } from "node:fs";
import type { NextConfig } from "next";
import { SECURITY_HEADERS } from "./lib/security/csp";

/** onnxruntime-web's version (public/ort/VERSION, written at install): its files are served under it. */
function ortVersion(): string {
  try {
    return (
      readFileSync("public/ort/VERSION", "utf8")
        .trim()
        .split(" ")
        .pop()!
        .replace(/[^\w.-]/g, "") || "current"
    );
  } catch {
    return "current";
  }
}
const ORT_VERSION = ortVersion();

const nextConfig: NextConfig = {
  reactStrictMode: true,
  // `npm run dev` keeps its production build apart from the e2e suite's (scripts/dev.ts).
  distDir: process.env.ARENA_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole repository with `tsc --noEmit` before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // The Coinbase wallet SDK's server entry imports optional @x402/* packages that are not installed.
  serverExternalPackages: ["@base-org/account", "@coinbase/cdp-sdk"],
  // On every response, static files included; pages also get their CSP from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default nextConfig;

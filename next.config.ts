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
  // `next dev`'s badge sat over the page's content (bottom left, where the dev panel is too); build and runtime
  // errors still open Next's overlay without it.
  devIndicators: false,
  // `npm run dev` keeps its production build apart from the e2e suite's (scripts/dev.ts).
  distDir: process.env.ARENA_DIST_DIR ?? ".next",
  // `npm test` type-checks the whole repository with `tsc --noEmit` before building; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // The Coinbase wallet SDK's server entry imports optional @x402/* packages that are not installed.
  serverExternalPackages: ["@base-org/account", "@coinbase/cdp-sdk"],
  // .arena/ is local state (blobs, the indexer's PGlite) written while the app builds: never part of the output.
  outputFileTracingExcludes: { "*": [".arena/**"] },
  env: { NEXT_PUBLIC_ORT_VERSION: ORT_VERSION },
  // The scorer worker loads onnxruntime from /ort/<version>/: cached for good (and its compiled code with it),
  // and a new version is a new URL.
  async rewrites() {
    return [{ source: "/ort/:version/:file", destination: "/ort/:file" }];
  },
  // On every response, static files included; pages also get their CSP from proxy.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
      {
        source: "/ort/:version/:file",
        headers: [{ key: "Cache-Control", value: "public, max-age=31536000, immutable" }],
      },
    ];
  },
};

export default nextConfig;

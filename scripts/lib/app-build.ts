import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** What a production build of the app depends on: its sources, static files, ABIs, dependencies and config. */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "contracts-abi",
  "deployments",
  "next.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.json",
] as const;

function filesUnder(root: string, rel: string): string[] {
  const full = path.join(root, rel);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [rel];
  return readdirSync(full, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .flatMap((e) => filesUnder(root, path.join(rel, e.name)));
}

/**
 * A hash of everything a build depends on, the NEXT_PUBLIC_* variables it inlines included, so that a build is
 * reused exactly while nothing it was made from has changed.
 */
export function appBuildHash(root: string, publicEnv: Record<string, string>): string {
  const h = createHash("sha256");
  for (const [k, v] of Object.entries(publicEnv).sort(([a], [b]) => a.localeCompare(b)))
    h.update(`env:${k}=${v}\n`);
  for (const rel of BUILD_INPUTS.flatMap((r) => filesUnder(root, r)).sort()) {
    h.update(`file:${rel.split(path.sep).join("/")}\n`);
    h.update(readFileSync(path.join(root, rel)));
  }
  return h.digest("hex");
}

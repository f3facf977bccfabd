import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./lib/artifacts.ts";

/**
 * Completes package-lock.json with the other platforms' optional native packages (@next/swc-darwin-arm64,
 * @nomicfoundation/edr-win32-x64-msvc, …) that the registry mirror of these machines does not serve, so npm
 * could not record them. Without them `npm ci` refuses the lock file ("Missing: … from lock file"). Each entry
 * records the version its parent pins plus the os/cpu/libc read from the package name, so npm skips it on
 * other platforms exactly as it would a complete entry. Run after any `npm install` that changes the lock file:
 *
 *   npx tsx scripts/fix-lockfile.ts
 */
type LockPackage = {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
};
type Lockfile = { packages: Record<string, LockPackage> };

const OS = [
  "darwin",
  "linux",
  "win32",
  "android",
  "freebsd",
  "openharmony",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPU = ["arm64", "x64", "ia32", "arm", "loong64", "ppc64", "riscv64", "s390x", "wasm32", "mips64el"];

/** os/cpu/libc from a platform package name such as `edr-linux-arm64-musl` or `oxide-wasm32-wasi`. */
export function platformOf(name: string): Pick<LockPackage, "os" | "cpu" | "libc"> | undefined {
  const parts = name.split("/").pop()!.split("-");
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (cpu === "wasm32") return { cpu: ["wasm32"] };
  if (!os || !cpu) return undefined;
  const libc =
    os === "linux" ? (parts.includes("musl") || parts.includes("musleabihf") ? "musl" : "glibc") : undefined;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const file = path.join(ROOT, "package-lock.json");
const lock = JSON.parse(readFileSync(file, "utf8")) as Lockfile;
const added: string[] = [];
for (const [parentPath, parent] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    const nested = `${parentPath}/node_modules/${name}`;
    if (lock.packages[key] || lock.packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform || !/^\d+\.\d+\.\d+/.test(version)) continue;
    lock.packages[key] = {
      version,
      ...(parent.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length ? `fix-lockfile: added ${added.length}: ${added.join(", ")}` : "fix-lockfile: nothing missing",
);

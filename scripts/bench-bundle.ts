import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT } from "./lib/artifacts.ts";
import { bin, run, startService, stopService } from "./lib/processes.ts";

/**
 * `npm run bench:bundle`: the first-load JavaScript of each main route, as a browser gets it: the scripts the
 * server-rendered HTML references, gzip-compressed (Next 16 no longer prints this after a build). Builds the
 * app first unless `--no-build` is given and a build exists. Goal (issue #4): ≤ 250 kB gzip per route.
 */
const ROUTES = (process.argv.find((a) => a.startsWith("--routes="))?.slice(9) ?? "/,/tasks,/tasks/1").split(
  ",",
);
const PORT = 3200;
const GOAL_KB = 250;

if (!process.argv.includes("--no-build") || !existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
  await run(bin("next"), ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

const server = startService(bin("next"), ["start", "--hostname", "127.0.0.1", "--port", String(PORT)], {
  stdio: "ignore",
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
});
try {
  const base = `http://127.0.0.1:${PORT}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error("next start did not answer in 60 s");
    await new Promise((r) => setTimeout(r, 300));
  }

  const rows: { route: string; scripts: number; raw: number; gzip: number }[] = [];
  for (const route of ROUTES) {
    const html = await (await fetch(base + route)).text();
    const srcs = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))];
    let raw = 0;
    let gzip = 0;
    for (const src of srcs) {
      const file = path.join(ROOT, ".next", src.replace(/^\/_next\//, ""));
      const body = existsSync(file)
        ? readFileSync(file)
        : Buffer.from(await (await fetch(base + src)).arrayBuffer());
      raw += body.length;
      gzip += gzipSync(body, { level: 9 }).length;
    }
    rows.push({ route, scripts: srcs.length, raw, gzip });
  }

  const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
  console.log(`\nFirst-load JS per route (goal ≤ ${GOAL_KB} kB gzip)\n`);
  console.log(
    `${"route".padEnd(16)}${"scripts".padStart(8)}${"raw kB".padStart(10)}${"gzip kB".padStart(10)}  goal`,
  );
  for (const r of rows) {
    const ok = r.gzip / 1024 <= GOAL_KB ? "ok" : "OVER";
    console.log(`${r.route.padEnd(16)}${String(r.scripts).padStart(8)}  ${kb(r.raw)}  ${kb(r.gzip)}  ${ok}`);
  }
} finally {
  await stopService(server);
}

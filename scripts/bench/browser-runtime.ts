/**
 * Browser runtimes for `npm run bench:scorer`: the app's real scorer worker (lib/scoring/scorer.worker.ts)
 * and ScorerClient, bundled with esbuild into a minimal page, served on 127.0.0.1 with the shipped models
 * (/models/) and onnxruntime-web's wasm (/ort/), and driven in Debian's Chromium with Playwright.
 * Memory is the resident set of Chromium's processes (browser, renderer, GPU), sampled from /proc.
 */
import { readdir, readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "@playwright/test";
import { build } from "esbuild";
import { WASM_ONLY_ORT } from "../../lib/scoring/device";
import type { BrowserDevice } from "../../lib/scoring/protocol";
import { benchRow, type BenchRow, type BenchRuntime } from "./row";
import type {
  BrowserBenchRequest,
  BrowserBenchResult,
  ColdBreakdown,
  ColdStartRequest,
  ColdStartResult,
} from "./protocol";

/** The version directory the worker asks for (next.config.ts serves /ort/<version>/ the same way). */
const ORT_VERSION = "bench";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PUBLIC = path.join(ROOT, "public");

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--enable-unsafe-webgpu",
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".jsonl": "application/jsonl",
  ".csv": "text/csv",
  ".onnx": "application/octet-stream",
};

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Arena scorer benchmark</title></head>
<body><script type="module" src="/page.js"></script></body></html>`;

async function bundle(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: {
      "scorer.worker": path.join(ROOT, process.env.BENCH_WORKER ?? "lib/scoring/scorer.worker.ts"),
      page: path.join(ROOT, "scripts/bench/page-entry.ts"),
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    outdir: "/",
    logLevel: "error",
    define: { "process.env.NEXT_PUBLIC_ORT_VERSION": JSON.stringify(ORT_VERSION) },
  });
  return new Map(result.outputFiles.map((file) => [`/${path.basename(file.path)}`, file.text]));
}

async function serve(
  bundles: Map<string, string>,
  isolated = true,
): Promise<{ server: Server; origin: string }> {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const send = (status: number, body: string | Buffer, type = "text/plain"): void => {
      response.writeHead(status, {
        "content-type": type,
        // The app's caching of onnxruntime (next.config.ts) and its cross-origin isolation (proxy.ts).
        "cache-control": url.pathname.startsWith(`/ort/${ORT_VERSION}/`)
          ? "public, max-age=31536000, immutable"
          : "no-store",
        // Not isolated: no SharedArrayBuffer, so one WASM thread.
        ...(isolated ? { "document-isolation-policy": "isolate-and-credentialless" } : {}),
      });
      response.end(request.method === "HEAD" ? undefined : body);
    };
    if (url.pathname === "/") return send(200, PAGE, TYPES[".html"]);
    const bundled = bundles.get(url.pathname);
    if (bundled) return send(200, bundled, TYPES[".js"]);
    const pathname = url.pathname.replace(`/ort/${ORT_VERSION}/`, "/ort/");
    const file = path.normalize(path.join(PUBLIC, decodeURIComponent(pathname)));
    const allowed = ["models", "ort"].some((dir) => file.startsWith(path.join(PUBLIC, dir) + path.sep));
    if (!allowed) return send(404, "not found");
    try {
      send(200, await readFile(file), TYPES[path.extname(file)] ?? "application/octet-stream");
    } catch {
      send(404, "not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Resident memory (bytes) of every process descending from this one: the Chromium Playwright started. */
async function descendantsRss(): Promise<number> {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      parents.set(pid, Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      rss.set(pid, Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
    } catch {
      // the process ended while we looked
    }
  }
  const isDescendant = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, bytes] of rss) if (isDescendant(pid)) total += bytes;
  return total;
}

async function withPeakBrowserRss<T>(
  work: () => Promise<T>,
): Promise<{ value: T; peak: number; start: number }> {
  const start = await descendantsRss();
  let peak = start;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await descendantsRss());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    return { value: await work(), peak, start };
  } finally {
    sampling = false;
    await sampler;
    peak = Math.max(peak, await descendantsRss());
  }
}

type Session = { browser: Browser; page: Page; server: Server };

/** One browser runtime per device; both share one bundle, server and browser (started on first use). */
export function browserRuntimes(
  options: { executablePath?: string; webgpuTokens?: number; isolated?: boolean } = {},
): BenchRuntime[] {
  let session: Promise<Session> | null = null;
  let users = 0;
  const start = async (): Promise<Session> => {
    const { server, origin } = await serve(await bundle(), options.isolated ?? true);
    const browser = await chromium.launch({
      executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    });
    const page = await browser.newPage();
    page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
    await page.goto(origin);
    await page.waitForFunction(() => "arenaBench" in globalThis);
    return { browser, page, server };
  };

  const runtime = (device: BrowserDevice, name: string): BenchRuntime => {
    users++;
    return {
      name,
      run: async (modelId, _text, sequenceLength): Promise<BenchRow> => {
        session ??= start();
        const { page } = await session;
        const tokens = device === "webgpu" && options.webgpuTokens ? options.webgpuTokens : 100_000;
        const request: BrowserBenchRequest = { modelId, device, tokens, sequenceLength };
        const {
          value,
          peak,
          start: before,
        } = await withPeakBrowserRss(() =>
          page.evaluate(
            (r) =>
              (
                globalThis as unknown as {
                  arenaBench: { run: (r: BrowserBenchRequest) => Promise<BrowserBenchResult> };
                }
              ).arenaBench.run(r),
            request,
          ),
        );
        if (value.info.device !== device) throw new Error(`${name}: the scorer ran on ${value.info.device}`);
        return benchRow(name, modelId, value, { peak, start: before });
      },
      close: async () => {
        if (--users > 0 || !session) return;
        const { browser, server } = await session;
        session = null;
        await browser.close();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  };

  return [runtime("wasm", "browser WASM"), runtime("webgpu", "browser WebGPU (SwiftShader)")];
}

/** The wasm file a WASM scorer worker loads (onnxruntime-web's WASM-only build). */
export const ORT_WASM = WASM_ONLY_ORT.wasm;

/**
 * Cold start in a fresh browser (no cache, new worker) and a second model in the same worker; then, in a fresh
 * context of the same browser (a cold HTTP cache again), its parts measured on their own.
 */
export async function coldStart(
  request: ColdStartRequest,
  options: { executablePath?: string } = {},
): Promise<ColdStartResult & { breakdown: ColdBreakdown }> {
  const { server, origin } = await serve(await bundle());
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  type Bench = {
    arenaBench: {
      coldStart: (r: ColdStartRequest) => Promise<ColdStartResult>;
      breakdown: (r: { wasm: string; modelFiles: string[] }) => Promise<ColdBreakdown>;
    };
  };
  const open = async (): Promise<Page> => {
    const page = await (await browser.newContext()).newPage();
    page.on("pageerror", (error) => console.error(`[browser] ${error.message}`));
    if (process.env.BENCH_DEBUG) {
      page.on("console", (m) => console.error(`[page] ${m.text()}`));
      page.on("worker", (w) => w.on("console", (m) => console.error(`[worker] ${m.text()}`)));
    }
    await page.goto(origin);
    await page.waitForFunction(() => "arenaBench" in globalThis);
    return page;
  };
  try {
    const cold = await (
      await open()
    ).evaluate((r) => (globalThis as unknown as Bench).arenaBench.coldStart(r), request);
    const modelDir = path.join(PUBLIC, "models", request.first);
    const modelFiles = (await readdir(modelDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map(
        (entry) =>
          `/models/${request.first}/${path.relative(modelDir, path.join(entry.parentPath, entry.name))}`,
      );
    const breakdown = await (
      await open()
    ).evaluate((r) => (globalThis as unknown as Bench).arenaBench.breakdown(r), {
      wasm: `/ort/${ORT_VERSION}/${ORT_WASM}`,
      modelFiles,
    });
    return { ...cold, breakdown };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

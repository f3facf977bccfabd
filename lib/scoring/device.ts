/**
 * WebGPU detection for the worker. "auto" never picks a software adapter (SwiftShader or a fallback adapter,
 * ~20× slower than WASM here); on a hardware adapter it starts from WebGPU and the load probes both.
 */
import type { BrowserDevice, DeviceChoice, DeviceReport } from "./protocol";
import { ScorerError } from "./errors";

type GpuAdapterInfoLike = {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
};
type GpuAdapterLike = { info?: GpuAdapterInfoLike; isFallbackAdapter?: boolean };
export type GpuLike = {
  requestAdapter: (options?: { powerPreference?: string }) => Promise<GpuAdapterLike | null>;
};

/** Whether an adapter is a CPU implementation of WebGPU. */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true) return true;
  return /swiftshader|llvmpipe|lavapipe|software|warp|microsoft basic render/i.test(
    `${info.vendor ?? ""} ${info.architecture ?? ""} ${info.description ?? ""}`,
  );
}

/** Most WASM threads used: the shipped models gain nothing past four, and each thread is a worker with memory. */
export const MAX_WASM_THREADS = 4;

/** WASM threads: one per core up to MAX_WASM_THREADS where SharedArrayBuffer exists (cross-origin isolation), else one. */
export function wasmThreads(
  isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true,
  cores = (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1,
): number {
  return isolated ? Math.max(1, Math.min(cores, MAX_WASM_THREADS)) : 1;
}

/**
 * The probe's verdict: WebGPU only when it is clearly faster (by PROBE_MARGIN) than WASM on the same tokens; WASM
 * is the runtime that agrees with Node to 1e-4 and costs no GPU memory, so it wins ties and noise.
 */
export const PROBE_MARGIN = 1.1;
export function fasterDevice(speed: { webgpu: number; wasm: number }): "webgpu" | "wasm" {
  return Number.isFinite(speed.webgpu) && speed.webgpu > speed.wasm * PROBE_MARGIN ? "webgpu" : "wasm";
}

export async function detectBrowserDevice(
  gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
  threads: number = wasmThreads(),
): Promise<DeviceReport> {
  if (!gpu)
    return {
      webgpu: false,
      preferred: "wasm",
      threads,
      reason: "This browser does not expose WebGPU (navigator.gpu).",
    };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
    if (!adapter)
      return {
        webgpu: false,
        preferred: "wasm",
        threads,
        reason: "WebGPU is present but no GPU adapter is available.",
      };
    const software = isSoftwareAdapter(adapter);
    const described = {
      vendor: adapter.info?.vendor ?? "",
      architecture: adapter.info?.architecture ?? "",
      software,
    };
    return {
      webgpu: true,
      preferred: software ? "wasm" : "webgpu",
      adapter: described,
      threads,
      ...(software
        ? {
            reason: `The WebGPU adapter (${described.architecture || described.vendor}) runs on the CPU; WASM is faster.`,
          }
        : {}),
    };
  } catch (error) {
    return {
      webgpu: false,
      preferred: "wasm",
      threads,
      reason: `WebGPU adapter request failed: ${String(error)}`,
    };
  }
}

/** The device to load on: the user's forced choice, or the preferred one; forcing WebGPU without it fails. */
export function resolveDevice(choice: DeviceChoice, report: DeviceReport): BrowserDevice {
  if (choice === "auto") return report.preferred;
  if (choice === "webgpu" && !report.webgpu) {
    throw new ScorerError(
      "no_webgpu",
      `WebGPU is not available here${report.reason ? `: ${report.reason}` : "."} Use WASM instead.`,
    );
  }
  return choice;
}

/** "auto" on a hardware adapter measures both devices on the model being loaded. */
export function shouldProbe(choice: DeviceChoice, report: DeviceReport): boolean {
  return choice === "auto" && report.webgpu && report.adapter?.software === false;
}

/**
 * onnxruntime-web's WASM-only build (scripts/copy-ort.ts copies it next to the asyncify one transformers.js's
 * WebGPU bundle uses). A scorer worker runs one build for its whole life; WebGPU needs the other.
 */
export const WASM_ONLY_ORT = {
  mjs: "ort-wasm-simd-threaded.mjs",
  wasm: "ort-wasm-simd-threaded.wasm",
} as const;

/** The onnxruntime build of a scorer worker: WASM only, or asyncify with WebGPU (and WASM). */
export type OrtRuntime = "wasm" | "webgpu";
export const WORKER_NAME = "arena-scorer";
export const webgpuWorkerName = `${WORKER_NAME}-webgpu`;
export const workerName = (runtime: OrtRuntime): string =>
  runtime === "webgpu" ? webgpuWorkerName : WORKER_NAME;

/**
 * Whether a load with this choice may run on WebGPU, and so needs the WebGPU build in its worker (not where there
 * is no WebGPU at all: that load fails with a clear message in any worker).
 */
export function needsWebgpuRuntime(choice: DeviceChoice, report: DeviceReport): boolean {
  return report.webgpu && (choice === "webgpu" || (choice === "auto" && report.preferred === "webgpu"));
}

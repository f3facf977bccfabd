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
type GpuLike = { requestAdapter: (options?: { powerPreference?: string }) => Promise<GpuAdapterLike | null> };

/** Whether an adapter is a CPU implementation of WebGPU. */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter === true || info.isFallbackAdapter === true) return true;
  return /swiftshader|llvmpipe|lavapipe|software|warp|microsoft basic render/i.test(
    `${info.vendor ?? ""} ${info.architecture ?? ""} ${info.description ?? ""}`,
  );
}

/** WASM threads: all cores where SharedArrayBuffer exists (cross-origin isolation), else one. */
export function wasmThreads(): number {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores =
    (globalThis.navigator as { hardwareConcurrency?: number } | undefined)?.hardwareConcurrency ?? 1;
  return isolated ? Math.max(1, Math.min(cores, 8)) : 1;
}

export async function detectBrowserDevice(): Promise<DeviceReport> {
  const threads = wasmThreads();
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
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

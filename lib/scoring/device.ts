/** WebGPU detection for the worker: an adapter means "webgpu", anything else means "wasm". */
import type { BrowserDevice, DeviceChoice, DeviceReport } from "./protocol";
import { ScorerError } from "./errors";

type GpuAdapterLike = { info?: { vendor?: string; architecture?: string } };
type GpuLike = { requestAdapter: (options?: { powerPreference?: string }) => Promise<GpuAdapterLike | null> };

export async function detectBrowserDevice(): Promise<DeviceReport> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu)
    return {
      webgpu: false,
      preferred: "wasm",
      reason: "This browser does not expose WebGPU (navigator.gpu).",
    };
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
    if (!adapter)
      return {
        webgpu: false,
        preferred: "wasm",
        reason: "WebGPU is present but no GPU adapter is available.",
      };
    return {
      webgpu: true,
      preferred: "webgpu",
      adapter: { vendor: adapter.info?.vendor ?? "", architecture: adapter.info?.architecture ?? "" },
    };
  } catch (error) {
    return { webgpu: false, preferred: "wasm", reason: `WebGPU adapter request failed: ${String(error)}` };
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

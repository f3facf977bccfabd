import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  detectBrowserDevice,
  fasterDevice,
  isSoftwareAdapter,
  needsWebgpuRuntime,
  resolveDevice,
  shouldProbe,
  wasmThreads,
  type GpuLike,
} from "./device";
import type { DeviceReport } from "./protocol";

describe("device choice", () => {
  it("recognises software WebGPU adapters", () => {
    assert.equal(isSoftwareAdapter({ info: { vendor: "google", architecture: "swiftshader" } }), true);
    assert.equal(isSoftwareAdapter({ info: { vendor: "mesa", architecture: "llvmpipe" } }), true);
    assert.equal(
      isSoftwareAdapter({ info: { vendor: "nvidia", architecture: "ampere", isFallbackAdapter: true } }),
      true,
    );
    assert.equal(isSoftwareAdapter({ isFallbackAdapter: true }), true);
    assert.equal(isSoftwareAdapter({ info: { vendor: "nvidia", architecture: "ampere" } }), false);
    assert.equal(isSoftwareAdapter({ info: { vendor: "apple", architecture: "metal-3" } }), false);
  });

  it("auto never lands on a software adapter and probes only a hardware one; forcing still works", () => {
    const software: DeviceReport = {
      webgpu: true,
      preferred: "wasm",
      adapter: { vendor: "google", architecture: "swiftshader", software: true },
      threads: 2,
    };
    const hardware: DeviceReport = {
      ...software,
      preferred: "webgpu",
      adapter: { vendor: "nvidia", architecture: "ampere", software: false },
    };
    const none: DeviceReport = { webgpu: false, preferred: "wasm", threads: 1 };
    assert.equal(resolveDevice("auto", software), "wasm");
    assert.equal(shouldProbe("auto", software), false);
    assert.equal(resolveDevice("webgpu", software), "webgpu");
    assert.equal(shouldProbe("auto", hardware), true);
    assert.equal(shouldProbe("wasm", hardware), false);
    assert.equal(shouldProbe("auto", none), false);
    assert.throws(() => resolveDevice("webgpu", none), /WebGPU is not available/);
  });

  it("detects the adapter: SwiftShader and fallback adapters make auto use WASM and say why", async () => {
    const gpu = (info: Record<string, unknown> | null, fallback = false): GpuLike => ({
      requestAdapter: async () => (info === null ? null : { info, isFallbackAdapter: fallback }),
    });
    const swiftshader = await detectBrowserDevice(
      gpu({ vendor: "google", architecture: "swiftshader", description: "SwiftShader Device (Subzero)" }),
      2,
    );
    assert.equal(swiftshader.preferred, "wasm");
    assert.equal(swiftshader.adapter?.software, true);
    assert.match(swiftshader.reason ?? "", /swiftshader.*runs on the CPU; WASM is faster/);
    assert.equal(resolveDevice("auto", swiftshader), "wasm");
    assert.equal(shouldProbe("auto", swiftshader), false);

    const fallback = await detectBrowserDevice(gpu({ vendor: "nvidia", architecture: "ampere" }, true), 2);
    assert.equal(fallback.preferred, "wasm");

    const hardware = await detectBrowserDevice(gpu({ vendor: "nvidia", architecture: "ampere" }), 4);
    assert.equal(hardware.preferred, "webgpu");
    assert.equal(hardware.reason, undefined);
    assert.equal(shouldProbe("auto", hardware), true);
    assert.equal(hardware.threads, 4);

    const noAdapter = await detectBrowserDevice(gpu(null), 1);
    assert.deepEqual([noAdapter.webgpu, noAdapter.preferred], [false, "wasm"]);
    assert.match(noAdapter.reason ?? "", /no GPU adapter/);

    const failing = await detectBrowserDevice(
      {
        requestAdapter: async () => {
          throw new Error("GPU process crashed");
        },
      },
      1,
    );
    assert.match(failing.reason ?? "", /GPU process crashed/);
    const none = await detectBrowserDevice(undefined, 1);
    assert.match(none.reason ?? "", /does not expose WebGPU/);
    assert.throws(() => resolveDevice("webgpu", none), /WebGPU is not available/);
  });

  it("the probe keeps WebGPU only when it is clearly faster than WASM", () => {
    assert.equal(fasterDevice({ webgpu: 5000, wasm: 1000 }), "webgpu");
    assert.equal(fasterDevice({ webgpu: 1050, wasm: 1000 }), "wasm", "within the margin: WASM");
    assert.equal(fasterDevice({ webgpu: 1000, wasm: 1000 }), "wasm");
    assert.equal(fasterDevice({ webgpu: 50, wasm: 1000 }), "wasm");
    assert.equal(fasterDevice({ webgpu: Number.NaN, wasm: 1000 }), "wasm");
  });

  it("uses up to four WASM threads, and one where the page is not cross-origin isolated", () => {
    assert.equal(wasmThreads(true, 2), 2);
    assert.equal(wasmThreads(true, 16), 4);
    assert.equal(wasmThreads(false, 16), 1);
    assert.equal(wasmThreads(true, 0), 1);
  });

  it("a worker starts on the WASM-only onnxruntime and needs the WebGPU build only for a load that may use WebGPU", () => {
    const software: DeviceReport = {
      webgpu: true,
      preferred: "wasm",
      adapter: { vendor: "google", architecture: "swiftshader", software: true },
      threads: 2,
    };
    const hardware: DeviceReport = { ...software, preferred: "webgpu" };
    const none: DeviceReport = { webgpu: false, preferred: "wasm", threads: 1 };
    assert.equal(needsWebgpuRuntime("auto", software), false, "auto on SwiftShader stays on WASM");
    assert.equal(needsWebgpuRuntime("webgpu", software), true, "forcing WebGPU still works");
    assert.equal(needsWebgpuRuntime("auto", hardware), true, "the probe needs both devices");
    assert.equal(needsWebgpuRuntime("wasm", hardware), false);
    assert.equal(needsWebgpuRuntime("webgpu", none), false, "fails with no_webgpu in any worker");
  });
});

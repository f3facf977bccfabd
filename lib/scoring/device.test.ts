import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isSoftwareAdapter, resolveDevice, shouldProbe } from "./device";
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
});

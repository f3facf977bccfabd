"use client";

import { SHIPPED_MODELS } from "@/lib/scoring/shipped-models";
import type { DeviceChoice, DeviceReport, LoadedModelInfo } from "@/lib/scoring/protocol";

export const HUB = "hub";

export type ModelFormValue = { selected: string; hubId: string; device: DeviceChoice };

const DEVICES: { value: DeviceChoice; label: string }[] = [
  { value: "auto", label: "Auto" },
  { value: "webgpu", label: "WebGPU" },
  { value: "wasm", label: "WASM" },
];

export function ModelPicker({
  value,
  onChange,
  report,
  loaded,
  disabled,
}: {
  value: ModelFormValue;
  onChange: (value: ModelFormValue) => void;
  report: DeviceReport | null;
  loaded: LoadedModelInfo | null;
  disabled: boolean;
}) {
  return (
    <fieldset className="space-y-3" disabled={disabled}>
      <legend className="text-lg font-semibold">Model</legend>
      <label className="block text-sm">
        <span className="text-zinc-600">Model</span>
        <select
          className="mt-1 block w-full rounded border border-zinc-300 bg-white px-2 py-1.5"
          value={value.selected}
          onChange={(e) => onChange({ ...value, selected: e.target.value })}
        >
          {SHIPPED_MODELS.map((model) => (
            <option key={model.id} value={model.id}>
              {model.id} ({model.kind === "embedding" ? "embedding" : "language model"})
            </option>
          ))}
          <option value={HUB}>A model hub id…</option>
        </select>
      </label>
      {value.selected === HUB && (
        <label className="block text-sm">
          <span className="text-zinc-600">Hub model id</span>
          <input
            className="mt-1 block w-full rounded border border-zinc-300 px-2 py-1.5 font-mono"
            placeholder="owner/name"
            value={value.hubId}
            onChange={(e) => onChange({ ...value, hubId: e.target.value.trim() })}
          />
          <span className="mt-1 block text-xs text-zinc-500">
            Downloads the model from the hub (needs a connection). Shipped models never leave this machine.
          </span>
        </label>
      )}
      <div role="radiogroup" aria-label="Device" className="flex gap-4 text-sm">
        {DEVICES.map((device) => (
          <label key={device.value} className="flex items-center gap-1.5">
            <input
              type="radio"
              name="scorer-device"
              value={device.value}
              checked={value.device === device.value}
              onChange={() => onChange({ ...value, device: device.value })}
            />
            {device.label}
          </label>
        ))}
      </div>
      <DeviceStatus report={report} loaded={loaded} />
    </fieldset>
  );
}

function DeviceStatus({ report, loaded }: { report: DeviceReport | null; loaded: LoadedModelInfo | null }) {
  const adapter = report?.adapter
    ? ` (${report.adapter.vendor} ${report.adapter.architecture})`.trimEnd()
    : "";
  const available = !report
    ? "Checking for WebGPU…"
    : !report.webgpu
      ? `WebGPU unavailable: ${report.reason ?? "no adapter"}. WASM is used.`
      : report.adapter?.software
        ? `WebGPU available${adapter}, but it is a software adapter: Auto uses WASM (force WebGPU to compare).`
        : `WebGPU available${adapter}: Auto measures WebGPU and WASM on the model and keeps the faster.`;
  return (
    <div className="text-sm text-zinc-600">
      <p>{available}</p>
      {report && (
        <p data-testid="wasm-threads">
          WASM threads: {report.threads}
          {report.threads === 1
            ? " (this page is not cross-origin isolated, or the machine has one core)"
            : ""}
        </p>
      )}
      <p>
        Device in use:{" "}
        <strong data-testid="device-used">{loaded ? loaded.device.toUpperCase() : "none yet"}</strong>
        {loaded && (
          <span>
            {" "}
            · {loaded.id} loaded in {Math.round(loaded.loadMs)} ms, warmed up in {Math.round(loaded.warmupMs)}{" "}
            ms
            {loaded.probe &&
              ` · measured WebGPU ${Math.round(loaded.probe.webgpu)} vs WASM ${Math.round(loaded.probe.wasm)} tokens/s`}
          </span>
        )}
      </p>
    </div>
  );
}

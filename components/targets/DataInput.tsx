"use client";

import { useState, type DragEvent } from "react";

export type DataValue = { bytes: Uint8Array; label: string } | null;

/** Drop or pick a file, or paste text. The chosen input stays until replaced, also after a failure. */
export function DataInput({ value, onChange }: { value: DataValue; onChange: (value: DataValue) => void }) {
  const [text, setText] = useState("");
  const [dragging, setDragging] = useState(false);

  const takeFile = async (file: File | undefined) => {
    if (!file) return;
    onChange({ bytes: new Uint8Array(await file.arrayBuffer()), label: `${file.name} (${file.size} bytes)` });
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setDragging(false);
    void takeFile(event.dataTransfer.files[0]);
  };

  return (
    <div className="grid gap-3 md:grid-cols-2">
      <label
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex min-h-32 cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-4 text-center text-sm ${dragging ? "border-teal-600 bg-teal-50" : "border-zinc-300"}`}
      >
        <span className="font-medium">Drop a data file here or click to choose</span>
        <span className="text-zinc-500">chat JSONL, plain text or CSV</span>
        <input
          type="file"
          aria-label="Data file"
          className="sr-only"
          onChange={(e) => void takeFile(e.target.files?.[0])}
        />
      </label>
      <div className="flex flex-col gap-2">
        <textarea
          aria-label="Paste data"
          placeholder="…or paste text or JSONL here"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="min-h-24 rounded-lg border border-zinc-300 p-2 font-mono text-xs"
        />
        <button
          type="button"
          disabled={text.trim() === ""}
          onClick={() =>
            onChange({
              bytes: new TextEncoder().encode(text),
              label: `pasted text (${text.length} characters)`,
            })
          }
          className="self-start rounded-md border border-zinc-300 px-3 py-1 text-sm disabled:opacity-50"
        >
          Use pasted text
        </button>
      </div>
      {value && (
        <p className="text-sm text-zinc-700 md:col-span-2" data-testid="data-chosen">
          Data: {value.label}
        </p>
      )}
    </div>
  );
}

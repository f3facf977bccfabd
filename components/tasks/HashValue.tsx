"use client";

import { useState } from "react";

/** 0x12345678…abcdef */
export const shortHash = (hash: string) =>
  hash.length > 20 ? `${hash.slice(0, 10)}…${hash.slice(-6)}` : hash;

/** A hash shown short, the full value in its title and one click away on the clipboard. */
export function HashValue({ hash, testId }: { hash: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <code title={hash} data-testid={testId} data-hash={hash} className="font-mono text-xs">
        {shortHash(hash)}
      </code>
      <button
        type="button"
        className="text-xs text-teal-700 underline"
        aria-label={`Copy ${hash}`}
        onClick={() =>
          void navigator.clipboard?.writeText(hash).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {copied ? "Copied" : "Copy"}
      </button>
    </span>
  );
}

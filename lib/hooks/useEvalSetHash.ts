"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Hex } from "viem";
import { fetchEvalSetBytes } from "@/lib/scoring/evalSet";

export type EvalSetHashState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ok"; sha256: Hex; size: number }
  | { status: "error"; message: string };

/** Fetches an evaluation set and returns its sha256; the set is what a task stores the hash of. */
export async function hashEvalSet(uri: string): Promise<{ sha256: Hex; size: number }> {
  const { bytes, sha256 } = await fetchEvalSetBytes(uri.trim());
  return { sha256, size: bytes.length };
}

/** The sha256 of the set at `uri`, computed in the browser once typing pauses. */
export function useEvalSetHash(uri: string): EvalSetHashState {
  const [settled, setSettled] = useState(uri.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(uri.trim()), 400);
    return () => clearTimeout(timer);
  }, [uri]);
  const query = useQuery({
    queryKey: ["evalSetHash", settled],
    queryFn: () => hashEvalSet(settled),
    enabled: settled !== "",
    retry: false,
    staleTime: 30_000,
  });
  if (uri.trim() === "") return { status: "idle" };
  if (settled !== uri.trim() || query.isPending) return { status: "loading" };
  if (query.isError) return { status: "error", message: query.error.message };
  return { status: "ok", ...query.data };
}

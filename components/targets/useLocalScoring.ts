"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Dataset } from "@/lib/metrics/parsers";
import { ScorerClient } from "@/lib/scoring/client";
import { qualityRank } from "@/lib/scoring/shipped-models";
import type { ModelScore } from "@/lib/targets";
import type { ModelInfo } from "./market";

export type ModelRun = {
  modelId: number;
  name: string;
  state: "waiting" | "loading" | "scoring" | "done" | "failed";
  loss?: number;
  error?: string;
};

/**
 * Runs every given model on a dataset in the scorer worker (one at a time, smallest first so a problem shows
 * early) and returns each model's loss and data embedding. One worker per page, closed on unmount.
 */
export function useLocalScoring() {
  const client = useRef<ScorerClient | null>(null);
  const [runs, setRuns] = useState<ModelRun[]>([]);
  const [device, setDevice] = useState<string>();
  const [running, setRunning] = useState(false);
  useEffect(() => () => client.current?.terminate(), []);

  const scoreAll = useCallback(
    async (models: readonly ModelInfo[], dataset: Dataset): Promise<ModelScore[]> => {
      const unscorable = models.find((m) => !m.localId);
      if (unscorable) {
        throw new Error(
          `Model #${unscorable.id} (${unscorable.artifactUri}) is not served by this app, so it cannot be run in your browser.`,
        );
      }
      const ordered = [...models].sort((a, b) => qualityRank(a.localId) - qualityRank(b.localId));
      const patch = (modelId: number, p: Partial<ModelRun>) =>
        setRuns((list) => list.map((r) => (r.modelId === modelId ? { ...r, ...p } : r)));
      setRuns(ordered.map((m) => ({ modelId: m.id, name: m.name, state: "waiting" })));
      setRunning(true);
      try {
        client.current ??= new ScorerClient();
        const report = await client.current.check();
        setDevice(report.preferred === "webgpu" ? "WebGPU" : "WASM");
        const scores: ModelScore[] = [];
        for (const model of ordered) {
          try {
            patch(model.id, { state: "loading" });
            await client.current.load({ kind: "local", id: model.localId! }, { device: "auto" });
            patch(model.id, { state: "scoring" });
            const result = await client.current.score({ metric: "loss", dataset });
            const embedding = result.totals.embedding;
            if (!embedding?.length) throw new Error(`${model.name} gave no embedding of the data.`);
            scores.push({ modelId: model.id, name: model.name, loss: result.totals.value, embedding });
            patch(model.id, { state: "done", loss: result.totals.value });
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            patch(model.id, { state: "failed", error: message });
            throw new Error(`${model.name}: ${message}`);
          }
        }
        return scores.sort((a, b) => a.modelId - b.modelId);
      } finally {
        setRunning(false);
      }
    },
    [],
  );

  return { runs, device, running, scoreAll };
}

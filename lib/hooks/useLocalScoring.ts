"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { Dataset } from "@/lib/metrics/parsers";
import { ScorerClient } from "@/lib/scoring/client";
import { scoreQueue } from "@/lib/scoring/queue";
import { qualityRank } from "@/lib/scoring/shipped-models";
import type { ModelScore } from "@/lib/targets";
import type { ModelInfo } from "@/lib/targets/market";

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
        const outcome = await scoreQueue({
          items: ordered,
          scorer: async () => (client.current ??= new ScorerClient()),
          load: (model, report) => {
            setDevice(report.preferred === "webgpu" ? "WebGPU" : "WASM");
            return { source: { kind: "local", id: model.localId! }, options: { device: "auto" } };
          },
          request: { metric: "loss", dataset },
          accept: (model, result): ModelScore => {
            const embedding = result.totals.embedding;
            if (!embedding?.length) throw new Error(`${model.name} gave no embedding of the data.`);
            return { modelId: model.id, name: model.name, loss: result.totals.value, embedding };
          },
          describeError: (error) => (error instanceof Error ? error.message : String(error)),
          // One model that cannot be scored makes the submission impossible: stop at the first.
          afterError: () => "stop",
          onEvent: (index, event) => {
            const model = ordered[index]!;
            if (event.status === "loading" && !event.progress) patch(model.id, { state: "loading" });
            else if (event.status === "scoring" && event.fraction === 0)
              patch(model.id, { state: "scoring" });
            else if (event.status === "scored") patch(model.id, { state: "done", loss: event.result.loss });
            else if (event.status === "failed") patch(model.id, { state: "failed", error: event.error });
          },
        });
        const failure = outcome.failed[0];
        if (failure) throw new Error(`${failure.item.name}: ${failure.error}`);
        return outcome.scored.map((s) => s.result).sort((a, b) => a.modelId - b.modelId);
      } finally {
        setRunning(false);
      }
    },
    [],
  );

  return { runs, device, running, scoreAll };
}

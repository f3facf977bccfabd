import type { Metadata } from "next";
import { CompareModels } from "@/components/scorer/CompareModels";
import { ScorerWorkbench } from "@/components/scorer/ScorerWorkbench";

export const metadata: Metadata = { title: "Scorer · Arena" };

export default function ScorerPage() {
  return (
    <div className="space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Scorer</h1>
        <p className="mt-2 max-w-3xl text-zinc-700">
          Score a model on your data in this browser, with WebGPU or WASM. Nothing you drop here leaves your
          machine; shipped models are served by this app.
        </p>
      </section>
      <ScorerWorkbench />
      <CompareModels />
    </div>
  );
}

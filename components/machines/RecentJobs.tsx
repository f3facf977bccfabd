"use client";

import { formatClockTime } from "@/lib/chain/rpcHealth";
import { formatNumber, shortAddress } from "@/lib/format";
import type { MachineJobView } from "@/lib/indexer/machines";
import { formatWad, wadToNumber } from "@/lib/units";

const score = (wad: bigint | null) => (wad === null ? "—" : formatNumber(wadToNumber(wad), 2));
const weight = (wad: bigint) => formatWad(wad);

/** The latest jobs reported or claimed on chain, newest first (from the indexer). */
export function RecentJobs({ jobs }: { jobs: MachineJobView[] }) {
  return (
    <section aria-labelledby="recent-jobs-title" className="rounded-lg border border-zinc-200 bg-white p-5">
      <h2 id="recent-jobs-title" className="text-lg font-semibold">
        Recent jobs
      </h2>
      {jobs.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600">No job was reported or claimed yet.</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-sm" data-testid="recent-jobs">
            <thead className="text-left text-zinc-600">
              <tr>
                <th className="py-1 pr-3">Machine</th>
                <th className="py-1 pr-3">Epoch</th>
                <th className="py-1 pr-3">Job</th>
                <th className="py-1 pr-3 text-right">Weight</th>
                <th className="py-1 pr-3">Result</th>
                <th className="py-1 pr-3 text-right">Latency</th>
                <th className="py-1 pr-3 text-right">Task score after</th>
                <th className="py-1 pr-3">When</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr
                  key={`${j.machineId}-${j.jobId}`}
                  className="border-t border-zinc-100"
                  data-testid="job-row"
                >
                  <td className="py-1 pr-3">#{String(j.machineId)}</td>
                  <td className="py-1 pr-3">{j.epoch}</td>
                  <td className="py-1 pr-3 font-mono text-xs" title={j.jobId}>
                    {j.jobId.slice(0, 10)}…
                  </td>
                  <td className="py-1 pr-3 text-right">{weight(j.weight)}</td>
                  <td className="py-1 pr-3">
                    {j.reported ? (j.success ? "success" : "failed") : "not reported"}
                    {j.claimed ? ", claimed" : ""}
                    {j.reporter ? ` (by ${shortAddress(j.reporter)})` : ""}
                  </td>
                  <td className="py-1 pr-3 text-right">{j.latencyMs === null ? "—" : `${j.latencyMs} ms`}</td>
                  <td className="py-1 pr-3 text-right">{score(j.taskScore)}</td>
                  <td className="py-1 pr-3">{formatClockTime(j.timestamp * 1000)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

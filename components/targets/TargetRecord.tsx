"use client";

import { formatInteger, formatTokenAmount, shortAddress } from "@/lib/format";
import type { TargetHistory } from "@/lib/indexer/targets";
import { formatMicro } from "@/lib/targets";

/** What happened to a target, from the indexer: its fill, the fraud reports on it and its claim. */
export function TargetRecord({ history }: { history: TargetHistory }) {
  const { fill, reports, claim } = history;
  if (!fill) return null;
  return (
    <section aria-labelledby="target-record" className="space-y-2 text-sm" data-testid="target-record">
      <h2 id="target-record" className="text-lg font-semibold">
        History
      </h2>
      <ul className="space-y-1">
        <li>
          Filled in block {fill.block.toString()} by{" "}
          <span className="font-mono">{shortAddress(fill.submitter)}</span> with model #{fill.modelId}: loss{" "}
          {formatMicro(fill.loss)} bits/byte, distance {formatMicro(fill.distance)},{" "}
          {formatInteger(fill.dataSize)} bytes at <span className="font-mono break-all">{fill.dataUri}</span>,
          bond {formatTokenAmount(fill.bond)} ARENA.
        </li>
        {fill.confirmed && fill.auditor && (
          <li>
            Confirmed by the drawn auditor <span className="font-mono">{shortAddress(fill.auditor)}</span>.
          </li>
        )}
        {reports.map((r) => (
          <li key={r.validator} data-testid="target-report">
            Reported as fraudulent by <span className="font-mono">{shortAddress(r.validator)}</span> (
            {formatTokenAmount(r.stake)} ARENA of stake; {formatTokenAmount(r.reportStake)} in all) in block{" "}
            {r.block.toString()}.
          </li>
        ))}
        {fill.bondForfeited !== null && (
          <li>
            Fraudulent: the bond of {formatTokenAmount(fill.bondForfeited)} ARENA went to the reporters.
          </li>
        )}
        {claim && (
          <li data-testid="target-claimed">
            Claimed in block {claim.block.toString()}: {formatTokenAmount(claim.submitterReward)} ARENA (and
            the {formatTokenAmount(claim.bondReturned)} ARENA bond) to the submitter,{" "}
            {formatTokenAmount(claim.modelReward)} ARENA to the model&apos;s owner
            {claim.auditorFee > 0n ? `, ${formatTokenAmount(claim.auditorFee)} ARENA to the auditor` : ""}.
          </li>
        )}
      </ul>
    </section>
  );
}

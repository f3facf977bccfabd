import { readable, type Step } from "@/lib/rewards/explain";

/** Steps of a reward explanation or projection: each value readable and as the exact integer (wei, WAD, units). */
export function StepsTable({ steps }: { steps: readonly Step[] }) {
  return (
    <div className="overflow-x-auto" data-overflow-scroll>
      <table className="mt-2 w-full text-sm" data-testid="why-steps">
        <thead className="text-zinc-500">
          <tr>
            <th className="pr-4 text-left">Step</th>
            <th className="pr-4 text-left">How</th>
            <th className="pr-4 text-right">Value</th>
            <th className="text-right">Exact (integer)</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.key} data-step={s.key} className="border-t border-zinc-100">
              <td className="pr-4">{s.label}</td>
              <td className="pr-4 text-zinc-600">{s.formula}</td>
              <td className="pr-4 text-right tabular-nums">
                {readable(s.value, s.unit)}
                {s.unit === "tokens" ? " ARENA" : ""}
              </td>
              <td
                className="text-right font-mono text-xs tabular-nums text-zinc-500"
                data-wei={s.value.toString()}
              >
                {s.value.toString()}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

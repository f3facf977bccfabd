import { PHASE_LABELS, type Timeline } from "@/lib/arena/phases";
import { formatDuration, formatTimestamp } from "@/lib/format";

/** The task's phases as a bar with the current one highlighted, and countdowns for the epoch's windows. */
export function TaskTimeline({ timeline, now }: { timeline: Timeline; now: number }) {
  const first = timeline.phases[0]!.start;
  const last = timeline.phases.at(-1)!.end;
  const span = Math.max(1, last - first);
  const cursor = Math.min(100, Math.max(0, ((now - first) / span) * 100));
  return (
    <div className="space-y-2" data-testid="timeline">
      <div className="relative flex h-8 overflow-hidden rounded border border-zinc-200 text-xs">
        {timeline.phases.map((p) => (
          <div
            key={p.phase}
            style={{ width: `${((p.end - p.start) / span) * 100}%` }}
            className={`flex items-center justify-center border-r border-white ${
              p.phase === timeline.phase ? "bg-teal-600 text-white" : "bg-zinc-100 text-zinc-600"
            }`}
            title={`${formatTimestamp(p.start)} → ${formatTimestamp(p.end)}`}
          >
            {PHASE_LABELS[p.phase]} ({p.epochs})
          </div>
        ))}
        <div className="absolute top-0 h-full w-0.5 bg-rose-600" style={{ left: `${cursor}%` }} aria-hidden />
      </div>
      <p className="text-sm text-zinc-700">
        <strong>{PHASE_LABELS[timeline.phase]}</strong>
        {timeline.phase !== "Ended" && timeline.phase !== "Cancelled" && (
          <>
            {" "}
            · epoch {timeline.epoch} · {timeline.window} window closes in{" "}
            {formatDuration(timeline.windowLeft)} · phase ends in {formatDuration(timeline.phaseLeft)}
          </>
        )}
      </p>
    </div>
  );
}

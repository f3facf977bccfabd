"use client";

import { PHASE_LABELS, taskTimeline, type Timeline } from "@/lib/arena/phases";
import { timelineStatus } from "@/lib/arena/timelineStatus";
import { formatTimestamp } from "@/lib/format";
import { useChainClock } from "@/lib/hooks/useChainClock";

/**
 * The task's phases as a bar with the current one highlighted, and a countdown for the epoch's open window that
 * follows chain time second by second (amber when the window is about to close).
 */
export function TaskTimeline({ timeline: given, now: givenNow }: { timeline: Timeline; now: number }) {
  const clock = useChainClock();
  // The clock runs ahead of the page's last block read between blocks; never behind it.
  const now = Math.max(givenNow, clock.now ?? givenNow);
  const timeline = now === givenNow ? given : taskTimeline(given.config, now);
  const first = timeline.phases[0]!.start;
  const last = timeline.phases.at(-1)!.end;
  const span = Math.max(1, last - first);
  const cursor = Math.min(100, Math.max(0, ((now - first) / span) * 100));
  const status = timelineStatus(timeline);
  return (
    <div className="space-y-2" data-testid="timeline">
      <div className="relative flex h-8 overflow-hidden rounded border border-zinc-200 text-xs">
        {timeline.phases.map((p) => (
          <div
            key={p.phase}
            style={{ width: `${((p.end - p.start) / span) * 100}%` }}
            className={`flex min-w-0 items-center justify-center border-r border-white px-1 ${
              p.phase === timeline.phase ? "bg-teal-600 text-white" : "bg-zinc-100 text-zinc-600"
            }`}
            title={`${PHASE_LABELS[p.phase]} (${p.epochs} epochs): ${formatTimestamp(p.start)} → ${formatTimestamp(p.end)}`}
          >
            {/* A short phase gets a narrow segment: its label is cut with an ellipsis (whole in the title). */}
            <span className="truncate">
              {PHASE_LABELS[p.phase]} ({p.epochs})
            </span>
          </div>
        ))}
        <div className="absolute top-0 h-full w-0.5 bg-rose-600" style={{ left: `${cursor}%` }} aria-hidden />
      </div>
      <p
        className={`text-sm ${status.warn ? "rounded bg-amber-100 px-2 py-1 font-medium text-amber-900" : "text-zinc-700"}`}
        data-testid="timeline-status"
        data-warn={status.warn}
        role={status.warn ? "status" : undefined}
      >
        <strong>{PHASE_LABELS[timeline.phase]}</strong> · {status.text}
        {status.warn && " — closing soon"}
      </p>
    </div>
  );
}

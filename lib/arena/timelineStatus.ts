import { formatDuration, formatTimestamp } from "../format";
import type { Timeline } from "./phases";

/** A commit or reveal window (or the submit window) this close to its end is flagged. */
export const CLOSING_SOON_SECONDS = 60;

export type TimelineStatus = {
  /** What is open now and when it closes, in words that fit the phase. */
  text: string;
  /** The open window closes within CLOSING_SOON_SECONDS. */
  warn: boolean;
};

/**
 * The timeline's status line. Submission epochs: submit, commit, reveal windows. Final validation: no new
 * submissions (the latest models are scored on the held-back set), so the submit part is a wait for the commit
 * window. Challenge: no windows, only the phase's end. Ended and cancelled: when.
 */
export function timelineStatus(t: Timeline): TimelineStatus {
  const left = formatDuration(t.windowLeft);
  const phaseEnds = `phase ends in ${formatDuration(t.phaseLeft)}`;
  const soon = t.windowLeft <= CLOSING_SOON_SECONDS;
  switch (t.phase) {
    case "Submission": {
      const what =
        t.window === "submit"
          ? `submit window closes in ${left}`
          : t.window === "commit"
            ? `submissions closed; validators' commit window closes in ${left}`
            : `commits closed; validators' reveal window closes in ${left}`;
      return { text: `epoch ${t.epoch} · ${what} · ${phaseEnds}`, warn: soon };
    }
    case "FinalValidation": {
      const what =
        t.window === "submit"
          ? `no new submissions; validators' commit window opens in ${left}`
          : t.window === "commit"
            ? `validators' commit window closes in ${left}`
            : `commits closed; validators' reveal window closes in ${left}`;
      return { text: `epoch ${t.epoch} · ${what} · ${phaseEnds}`, warn: soon && t.window !== "submit" };
    }
    case "Challenge":
      return {
        text: `scoring is over; a model can be challenged until ${formatTimestamp(t.phases.at(-1)!.end)} · ${phaseEnds}`,
        warn: false,
      };
    case "Ended":
      return { text: `since ${formatTimestamp(t.phases.at(-1)!.end)}`, warn: false };
    case "Cancelled":
      return { text: "the creator cancelled this task", warn: false };
  }
}

"use client";

import dynamic from "next/dynamic";

/** Below the fold, so it loads after the page: keeps the task page's first-load JS within its budget. */
export const TaskParameters = dynamic(
  () => import("./TaskParametersList").then((m) => m.TaskParametersList),
  {
    ssr: false,
  },
);

/** The app's routes (docs/ARCHITECTURE.md §7), in header order. */
export const NAV_ITEMS = [
  { href: "/", label: "Overview" },
  { href: "/tasks", label: "Tasks" },
  { href: "/delegate", label: "Delegate" },
  { href: "/targets", label: "Targets" },
  { href: "/leaderboard", label: "Leaderboard" },
  { href: "/rewards", label: "Rewards" },
  { href: "/machines", label: "Machines" },
  { href: "/scorer", label: "Scorer" },
] as const;

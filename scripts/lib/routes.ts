/** Every route of the app, dynamic ones with ids the demo seed creates: warmed by `npm run dev`, loaded by e2e. */
export const DEMO_ROUTES = [
  "/",
  "/tasks",
  "/tasks/new",
  "/tasks/1",
  "/delegate",
  "/leaderboard",
  "/rewards",
  "/targets",
  "/targets/1",
  "/machines",
  "/scorer",
] as const;

import { spawn } from "node:child_process";
import { ROOT } from "./lib/artifacts.ts";
import { startPostgres } from "./lib/postgres.ts";
import { bin } from "./lib/processes.ts";

/**
 * `npm run test:e2e:postgres [-- playwright args]`: the e2e suite with its indexer on Postgres instead of the
 * embedded PGlite. Starts a throwaway Postgres (Debian's, scripts/lib/postgres.ts), runs `playwright test` with
 * E2E_DATABASE_URL pointing at it (e2e/global-setup.ts hands it to the indexer), and removes the database after;
 * the exit code is Playwright's.
 */
const log = (line: string) => console.log(`[e2e:postgres] ${line}`);
const postgres = await startPostgres({ database: "arena_e2e", log }).catch((error: unknown) => {
  console.error(`[e2e:postgres] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

const child = spawn(bin("playwright"), ["test", ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: "inherit",
  env: { ...process.env, E2E_DATABASE_URL: postgres.url },
});
// Ctrl-C reaches Playwright through the terminal; it shuts down on its own and we clean up after it.
const ignore = () => {};
process.on("SIGINT", ignore);
process.on("SIGTERM", () => child.kill("SIGTERM"));

const code = await new Promise<number>((resolve) => {
  child.once("error", (error) => {
    console.error(`[e2e:postgres] could not run playwright: ${error.message}`);
    resolve(1);
  });
  child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
});
await postgres.stop();
log(`Postgres stopped; playwright exited ${code}`);
process.exit(code);

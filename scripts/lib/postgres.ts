import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

/**
 * A throwaway Postgres for one run (`npm run test:e2e:postgres`, `npm run bench:reads`): Debian's server
 * binaries, a fresh cluster in a temporary folder on a free port of 127.0.0.1 (its socket in /tmp), one
 * database, and `stop()` removes it all. Postgres refuses to run as root, so as root the cluster belongs to the
 * `postgres` user and every server command runs as that user (`runuser`).
 */

export type Postgres = {
  /** postgresql://postgres@127.0.0.1:<port>/<database> */
  url: string;
  port: number;
  database: string;
  /** Runs SQL through psql (as the superuser) and returns its unaligned, tab-separated output. */
  psql: (sql: string) => Promise<string>;
  stop: () => Promise<void>;
};

export type PostgresOptions = { database?: string; log?: (line: string) => void };

const exec = promisify(execFile);
const SOCKET_DIR = "/tmp";

/** The newest /usr/lib/postgresql/<version>/bin that has initdb and pg_ctl. */
export function postgresBinDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (!version)
    throw new Error(
      "Postgres server binaries not found (no /usr/lib/postgresql/<version>/bin/initdb). " +
        "Install Debian's Postgres first: `apt-get install -y postgresql` (as root).",
    );
  return path.join(root, version, "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}

async function userIds(name: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([exec("id", ["-u", name]), exec("id", ["-g", name])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startPostgres(options: PostgresOptions = {}): Promise<Postgres> {
  const { database = "arena", log = () => {} } = options;
  const bin = postgresBinDir();
  const asRoot = process.getuid?.() === 0;
  const dataDir = mkdtempSync(path.join(tmpdir(), "arena-pg-"));
  const as = (command: string, args: string[]) =>
    asRoot
      ? exec("runuser", ["-u", "postgres", "--", path.join(bin, command), ...args], { cwd: "/tmp" })
      : exec(path.join(bin, command), args, { cwd: "/tmp" });
  const logFile = path.join(dataDir, "server.log");
  let running = false;
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (running)
      await as("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch((error: unknown) =>
        log(`postgres: pg_ctl stop failed: ${String(error)}`),
      );
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    if (asRoot) {
      const { uid, gid } = await userIds("postgres").catch(() => {
        throw new Error(
          "Running as root, but there is no `postgres` user to run Postgres as. `apt-get install -y postgresql` creates it.",
        );
      });
      chownSync(dataDir, uid, gid);
    }
    // A scratch cluster: nothing in it has to survive a crash, so no fsync.
    await as("initdb", ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"]);
    const port = await freePort();
    const serverOptions = [
      `-p ${port}`,
      `-k ${SOCKET_DIR}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    await as("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"]).catch(
      (error: unknown) => {
        const tail = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(-2000) : "";
        throw new Error(`Postgres did not start: ${String(error)}\n${tail}`);
      },
    );
    running = true;
    const psqlArgs = ["-h", SOCKET_DIR, "-p", String(port), "-U", "postgres"];
    await exec(path.join(bin, "createdb"), [...psqlArgs, database]);
    const psql = async (sql: string) =>
      (
        await exec(
          path.join(bin, "psql"),
          [
            ...psqlArgs,
            "-d",
            database,
            "-X",
            "-q",
            "-A",
            "-t",
            "-F",
            "\t",
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            sql,
          ],
          { maxBuffer: 64 * 1024 * 1024 },
        )
      ).stdout;
    const url = `postgresql://postgres@127.0.0.1:${port}/${database}`;
    log(`postgres: ${url} (data in ${dataDir}, binaries ${bin})`);
    return { url, port, database, psql, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

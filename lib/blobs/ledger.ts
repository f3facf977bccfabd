/**
 * The upload ledger: which address stored which blob when, kept in `<ARENA_BLOB_DIR>/ledger.json` (rewritten
 * atomically: temporary file, then rename), plus the uploads in flight. One instance per directory and process
 * serialises every change behind a lock, so concurrent requests cannot both squeeze under a quota.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { BlobError } from "./errors";
import { checkQuota, pruneEntries, usedInWindow, type QuotaEntry, type QuotaLimits } from "./quota";

export const LEDGER_FILE = "ledger.json";

type LedgerFile = { version: 1; uploads: QuotaEntry[] };
type Reservation = { address: string; size: number };

const SHARD = /^[0-9a-f]{2}$/;
const BLOB = /^[0-9a-f]{64}$/;

function isEntry(value: unknown): value is QuotaEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.address === "string" &&
    typeof v.sha256 === "string" &&
    typeof v.size === "number" &&
    typeof v.at === "number"
  );
}

/** Bytes of every blob already in the store (what the total cap counts), found by listing its shards. */
async function storedBytes(directory: string): Promise<number> {
  const shards = await readdir(directory).catch(() => [] as string[]);
  let total = 0;
  for (const shard of shards.filter((s) => SHARD.test(s))) {
    const files = await readdir(path.join(directory, shard)).catch(() => [] as string[]);
    for (const file of files.filter((f) => BLOB.test(f))) {
      total += (await stat(path.join(directory, shard, file)).catch(() => ({ size: 0 }))).size;
    }
  }
  return total;
}

export class UploadLedger {
  private entries: QuotaEntry[] = [];
  private storeBytes = 0;
  private loaded: Promise<void> | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private readonly reservations = new Map<string, Reservation>();

  constructor(readonly directory: string) {}

  get file(): string {
    return path.join(this.directory, LEDGER_FILE);
  }

  /** Runs `task` after every task queued before it. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.lock.then(task, task);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const text = await readFile(this.file, "utf8").catch((error: NodeJS.ErrnoException) => {
        if (error.code === "ENOENT") return undefined;
        throw error;
      });
      if (text !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const uploads = (parsed as Partial<LedgerFile> | undefined)?.uploads;
        if (!Array.isArray(uploads) || !uploads.every(isEntry)) {
          this.loaded = undefined;
          throw new BlobError("ledger_unreadable", `The upload ledger ${this.file} is unreadable.`);
        }
        this.entries = uploads;
      }
      this.storeBytes = await storedBytes(this.directory);
    })();
    return this.loaded;
  }

  private async persist(now: number, windowSeconds: number): Promise<void> {
    this.entries = pruneEntries(this.entries, now, windowSeconds);
    await mkdir(this.directory, { recursive: true });
    const temp = `${this.file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    const body: LedgerFile = { version: 1, uploads: this.entries };
    try {
      await writeFile(temp, `${JSON.stringify(body)}\n`);
      await rename(temp, this.file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  private pending(address?: string): number {
    let sum = 0;
    for (const r of this.reservations.values())
      if (address === undefined || r.address === address) sum += r.size;
    return sum;
  }

  /** Bytes `address` stored in the window ending at `now` (not counting uploads in flight). */
  async used(address: string, now: number, windowSeconds: number): Promise<number> {
    await this.load();
    return usedInWindow(this.entries, address, now, windowSeconds);
  }

  /** Bytes the store holds, as the total cap counts them. */
  async totalStored(): Promise<number> {
    await this.load();
    return this.storeBytes;
  }

  /** Holds `size` bytes of `address`'s quota and of the store for an upload; throws when it does not fit. */
  reserve(address: string, size: number, now: number, limits: QuotaLimits): Promise<string> {
    const who = address.toLowerCase();
    return this.exclusive(async () => {
      await this.load();
      const usage = {
        addressBytes: usedInWindow(this.entries, who, now, limits.windowSeconds) + this.pending(who),
        storeBytes: this.storeBytes + this.pending(),
      };
      checkQuota(this.entries, who, size, usage, now, limits);
      const id = randomUUID();
      this.reservations.set(id, { address: who, size });
      return id;
    });
  }

  /** Gives back a reservation whose upload failed. */
  release(id: string): void {
    this.reservations.delete(id);
  }

  /**
   * Ends a reservation: `place` puts the blob in the store and says whether it was new. Only a new blob is
   * charged (an upload that lost a race to identical bytes, or re-sent stored bytes, costs nothing).
   */
  commit(
    id: string,
    sha256: string,
    now: number,
    windowSeconds: number,
    place: () => Promise<boolean>,
  ): Promise<boolean> {
    return this.exclusive(async () => {
      const reservation = this.reservations.get(id);
      if (!reservation) throw new Error(`No reservation ${id}`);
      try {
        const created = await place();
        if (created) {
          this.entries.push({ address: reservation.address, sha256, size: reservation.size, at: now });
          this.storeBytes += reservation.size;
          await this.persist(now, windowSeconds);
        }
        return created;
      } finally {
        this.reservations.delete(id);
      }
    });
  }
}

const LEDGERS_KEY = Symbol.for("arena.blobs.ledgers");
type Registry = { [LEDGERS_KEY]?: Map<string, UploadLedger> };

/** The one ledger of `directory` in this process (shared by every request, and kept across hot reloads). */
export function ledgerFor(directory: string): UploadLedger {
  const holder = globalThis as Registry;
  const ledgers = (holder[LEDGERS_KEY] ??= new Map());
  let ledger = ledgers.get(directory);
  if (!ledger) {
    ledger = new UploadLedger(directory);
    ledgers.set(directory, ledger);
  }
  return ledger;
}

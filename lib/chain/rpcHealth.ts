/**
 * Whether the chain's RPC answers, as the app's probe and its failed reads tell: one small store that the
 * app-wide banner, the stale markers and the recovery refetch all read.
 */
export type RpcHealth = {
  /** "unknown" until the first probe answers or fails. */
  status: "unknown" | "up" | "down";
  /** When the chain last answered (ms since the epoch), if it ever did. */
  lastOkAt: number | undefined;
  /** When the current outage was noticed; undefined while the chain answers. */
  downSince: number | undefined;
  /** Failed probes in a row. */
  failures: number;
};

export const INITIAL_RPC_HEALTH: RpcHealth = {
  status: "unknown",
  lastOkAt: undefined,
  downSince: undefined,
  failures: 0,
};

/** Failed probes in a row before the chain counts as unreachable (one lost request is not an outage). */
export const FAILURES_BEFORE_DOWN = 2;

/** The health after one probe: `ok` when the RPC answered, at time `at` (ms). */
export function nextRpcHealth(prev: RpcHealth, ok: boolean, at: number): RpcHealth {
  if (ok) return { status: "up", lastOkAt: at, downSince: undefined, failures: 0 };
  const failures = prev.failures + 1;
  if (failures < FAILURES_BEFORE_DOWN && prev.status !== "down") return { ...prev, failures };
  return { ...prev, status: "down", downSince: prev.downSince ?? at, failures };
}

/** Milliseconds until the next probe: often while in doubt or down, rarely while the chain answers. */
export function nextProbeDelay(health: RpcHealth): number {
  if (health.status === "down") return 2_000;
  if (health.failures > 0) return 1_000;
  return 5_000;
}

type Listener = () => void;

export function createRpcHealthStore(initial: RpcHealth = INITIAL_RPC_HEALTH) {
  let state = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    /**
     * Records one probe; returns true when it answered after failures (an outage, or a hiccup too short to be
     * called one, such as a restarted dev chain): what is on screen may be out of date then.
     */
    report(ok: boolean, at: number = Date.now()): boolean {
      const recovered = ok && (state.status === "down" || state.failures > 0);
      const next = nextRpcHealth(state, ok, at);
      const changed =
        next.status !== state.status ||
        next.failures !== state.failures ||
        next.downSince !== state.downSince;
      state = next;
      // lastOkAt alone moves on every healthy probe; nobody shows it while the chain answers.
      if (changed) listeners.forEach((l) => l());
      return recovered;
    },
    /** A read came back: the chain answered then (it does not end an outage: the read may not be the RPC's). */
    noteAnswer(at: number = Date.now()) {
      if (state.status !== "down") state = { ...state, lastOkAt: at };
    },
  };
}

export type RpcHealthStore = ReturnType<typeof createRpcHealthStore>;

/** The app's one store (the probe runs once, in the banner). */
export const rpcHealth = createRpcHealthStore();

/**
 * The chain's head as the probe last saw it (every few seconds), for readers that only compare against it (the
 * indexer's lag), so they need no block request of their own.
 */
export function createHeadStore() {
  let head: bigint | undefined;
  const listeners = new Set<Listener>();
  return {
    get: () => head,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(block: bigint) {
      if (block === head) return;
      head = block;
      listeners.forEach((l) => l());
    },
  };
}

export const probedHead = createHeadStore();

/** A wall-clock time as people read it on a status line: 12:03:04. */
export function formatClockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString("en-GB", { hour12: false });
}

/** After an outage or a chain reset, how long every new block refetches what is on screen (a restarted chain
 * is deployed and seeded again block by block). */
export const SETTLE_MS = 60_000;

export type RefreshState = { lastBlock: bigint | undefined; settleUntil: number };

/**
 * Whether a healthy probe that saw `block` should refetch every query: when it ended an outage, when the chain
 * went back in time (a new chain on the same RPC), and on every new block for a while after either.
 */
export function refreshAfterProbe(
  state: RefreshState,
  { block, recovered, at }: { block: bigint; recovered: boolean; at: number },
): { refetch: boolean; next: RefreshState } {
  const reset = state.lastBlock !== undefined && block < state.lastBlock;
  const settleUntil = recovered || reset ? at + SETTLE_MS : state.settleUntil;
  const settling = at < state.settleUntil && block !== state.lastBlock;
  return { refetch: recovered || reset || settling, next: { lastBlock: block, settleUntil } };
}

/**
 * Whether the page may fetch a URL under its Content-Security-Policy's `connect-src` (csp.ts), asked before a
 * URI chosen by someone else (a model folder, an evaluation set, target data, a machine endpoint) is fetched: a
 * URI on a host outside the policy then fails with a message that says so, not with an opaque network error.
 * Pure; unit-tested in csp.test.ts.
 */
import { connectSources, LOOPBACK, MODEL_HUB, origin, type ConnectInput } from "./csp";

export type ConnectVerdict = { ok: true } | { ok: false; origin: string; message: string };

const SOURCE = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/i;
const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443" };

/** Whether `url` matches one connect-src source expression (an origin, `*.` subdomains, `:*` ports, 'self'). */
export function sourceMatches(source: string, url: URL, self: URL): boolean {
  if (source === "'self'") return url.origin === self.origin;
  const m = SOURCE.exec(source);
  if (!m) return false;
  const [, scheme, wildcard, host, port] = m;
  if (url.protocol !== `${scheme!.toLowerCase()}:`) return false;
  const hostname = url.hostname.toLowerCase();
  const want = host!.toLowerCase();
  if (wildcard ? !hostname.endsWith(`.${want}`) : hostname !== want) return false;
  if (port === "*") return true;
  const actual = url.port || DEFAULT_PORT[url.protocol] || "";
  return (port ?? DEFAULT_PORT[url.protocol] ?? "") === actual;
}

/** The sources an artifact may come from, as named to the user. */
function artifactSources(input: ConnectInput, self: URL): string[] {
  const gateway = origin(input.ipfsGateway);
  return [
    `this app (${self.origin})`,
    ...input.artifactOrigins,
    ...(gateway ? [`${gateway} (ipfs)`] : []),
    ...(input.modelHub ? [`the model hub (${MODEL_HUB[0]})`] : []),
    ...(input.localChain || input.development ? ["loopback (local chain)"] : []),
  ];
}

/**
 * Whether the page at `self` may fetch `url` (relative URLs resolve against `self`). A refusal's message names
 * where the app may fetch from and how the operator extends it.
 */
export function connectAllowed(url: string, input: ConnectInput, self: string): ConnectVerdict {
  let base: URL;
  let target: URL;
  try {
    base = new URL(self);
    target = new URL(url, base);
  } catch {
    return { ok: true }; // not a URL: the fetch itself fails and says so
  }
  if (connectSources(input).some((s) => sourceMatches(s, target, base))) return { ok: true };
  const where = target.origin === "null" ? target.href : target.origin;
  const list = artifactSources(input, base).join(", ");
  if (!input.modelHub && MODEL_HUB.some((s) => sourceMatches(s, target, base))) {
    return {
      ok: false,
      origin: where,
      message: `This app is configured without the model hub, so ${where} cannot be fetched (it fetches only from ${list}). The operator can turn hub models on with NEXT_PUBLIC_MODEL_HUB=on.`,
    };
  }
  const loopback = LOOPBACK.some((s) => sourceMatches(s, target, base));
  return {
    ok: false,
    origin: where,
    message: `This app is configured to fetch only from ${list}; ${where} is not among them. The operator can add it with NEXT_PUBLIC_ARTIFACT_ORIGINS${loopback ? " (loopback is reachable only on the local chain)" : ""}.`,
  };
}

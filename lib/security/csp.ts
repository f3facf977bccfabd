/**
 * The app's Content-Security-Policy and the other response headers (issue 17), built from what the app really
 * does. Pure: `proxy.ts` calls it per request with a fresh nonce; unit-tested in csp.test.ts.
 */

export type CspInput = {
  /** Per-request nonce for Next.js's inline scripts. */
  nonce: string;
  /** The request path: a few pages reach further than the rest (see below). */
  pathname: string;
  /** RPC URLs of the served chains. */
  rpcUrls: readonly string[];
  /** The indexer's URL, when one is configured. */
  indexerUrl?: string;
  /** WalletConnect is listed only with a project id. */
  walletConnect: boolean;
  /** The local chain is served (dev wallet, machine agents on loopback). */
  localChain: boolean;
  /** `next dev` (React refresh needs eval). */
  development: boolean;
};

/** The model hub, reached only from the scorer page, where a user may choose a hub model by id. */
export const MODEL_HUB = ["https://huggingface.co", "https://cdn-lfs.huggingface.co", "https://*.hf.co"];
/** Coinbase Wallet is always offered: its SDK talks to these from the page (the wallet itself is a popup). */
export const COINBASE = ["https://*.coinbase.com", "wss://*.coinbase.com"];
export const WALLETCONNECT = [
  "https://*.walletconnect.com",
  "wss://*.walletconnect.com",
  "https://*.walletconnect.org",
  "wss://*.walletconnect.org",
  "https://*.reown.com",
  "wss://*.reown.com",
];
const LOOPBACK = ["http://127.0.0.1:*", "http://localhost:*", "ws://127.0.0.1:*", "ws://localhost:*"];

function origin(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.origin === "null" ? undefined : u.origin;
  } catch {
    return undefined;
  }
}

/**
 * Where a page may connect: the app itself, the RPCs, the indexer, the wallets in use; the scorer page also the
 * model hub; pages that fetch artifacts by the URI their submitter chose (models on a task page, data on a
 * target page; both verified by hash before use) and the machines page (machine endpoints registered on chain)
 * also any https origin, and loopback on the local chain.
 */
export function connectSources(input: CspInput): string[] {
  const sources = new Set<string>(["'self'"]);
  for (const url of [...input.rpcUrls, ...(input.indexerUrl ? [input.indexerUrl] : [])]) {
    const o = origin(url);
    if (o) sources.add(o);
  }
  COINBASE.forEach((s) => sources.add(s));
  if (input.walletConnect) WALLETCONNECT.forEach((s) => sources.add(s));
  const p = input.pathname;
  if (p === "/scorer" || p.startsWith("/scorer/")) MODEL_HUB.forEach((s) => sources.add(s));
  const fetchesArtifacts = /^\/(tasks|targets)\/(?!new$)[^/]+$/.test(p) || p === "/machines";
  if (fetchesArtifacts) sources.add("https:");
  if (input.localChain && (fetchesArtifacts || input.development)) LOOPBACK.forEach((s) => sources.add(s));
  if (input.development) LOOPBACK.forEach((s) => sources.add(s));
  return [...sources];
}

export function contentSecurityPolicy(input: CspInput): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // Next.js's inline scripts carry the nonce; onnxruntime compiles WebAssembly; next dev needs eval.
    "script-src": [
      "'self'",
      `'nonce-${input.nonce}'`,
      "'strict-dynamic'",
      "'wasm-unsafe-eval'",
      ...(input.development ? ["'unsafe-eval'"] : []),
    ],
    // React style attributes and RainbowKit's runtime styles; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": connectSources(input),
    "worker-src": ["'self'", "blob:"],
    "frame-src": input.walletConnect
      ? ["https://verify.walletconnect.com", "https://verify.walletconnect.org"]
      : ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(" ")}`)
    .join("; ");
}

/** Headers for every response, pages and static files alike. */
export const SECURITY_HEADERS: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  // No referrer ever leaves the app (RPC providers, the model hub and wallets do not need it).
  "Referrer-Policy": "same-origin",
  // Nothing the app uses: no camera, microphone, location, payment, USB, …; WebGPU and clipboard writes stay.
  "Permissions-Policy":
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()",
};

/**
 * The app's Content-Security-Policy and the other response headers (issue 17), built from what the app really
 * does. Pure: `proxy.ts` calls it per request with a fresh nonce; unit-tested in csp.test.ts.
 */

export type CspInput = {
  /** Per-request nonce for Next.js's inline scripts. */
  nonce: string;
  /** RPC URLs of the served chains. */
  rpcUrls: readonly string[];
  /** The indexer's URL, when one is configured. */
  indexerUrls: readonly string[];
  /** WalletConnect is listed only with a project id. */
  walletConnect: boolean;
  /** The local chain is served (dev wallet, machine agents on loopback). */
  localChain: boolean;
  /** `next dev` (React refresh needs eval). */
  development: boolean;
};

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
 * Where the app may connect. One policy for every route: the document's policy stays in force across
 * client-side navigation, so a page reached by a link has the policy of the page first loaded. It allows the app
 * itself, the RPCs, the indexer and the wallets in use, plus any https origin, because the app fetches artifacts
 * from the URIs their owners chose (models on a task page, data on a target page, both verified by hash before
 * use; hub models on the scorer; machine endpoints registered on chain), and loopback on the local chain (the
 * machine agents). Scripts stay limited to the app's own nonce'd scripts, so a page cannot be made to run code
 * that sends data anywhere.
 */
export function connectSources(input: CspInput): string[] {
  const sources = new Set<string>(["'self'"]);
  for (const url of [...input.rpcUrls, ...input.indexerUrls]) {
    const o = origin(url);
    if (o) sources.add(o);
  }
  COINBASE.forEach((s) => sources.add(s));
  if (input.walletConnect) WALLETCONNECT.forEach((s) => sources.add(s));
  sources.add("https:");
  if (input.localChain || input.development) LOOPBACK.forEach((s) => sources.add(s));
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

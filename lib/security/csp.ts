/**
 * The app's Content-Security-Policy and the other response headers (issue 17), built from what the app really
 * does. Pure: `proxy.ts` calls it per request with a fresh nonce; unit-tested in csp.test.ts.
 */

/** What decides where the app may connect: one input for the policy and for `connectAllowed` (connect.ts). */
export type ConnectInput = {
  /** RPC URLs of the served chains. */
  rpcUrls: readonly string[];
  /** The indexer's URL, when one is configured. */
  indexerUrls: readonly string[];
  /** WalletConnect is listed only with a project id. */
  walletConnect: boolean;
  /** Coinbase Wallet is listed only when it is offered (NEXT_PUBLIC_COINBASE_WALLET). */
  coinbase: boolean;
  /** The local chain is served (dev wallet, machine agents and model folders on loopback). */
  localChain: boolean;
  /** Origins artifacts may be fetched from besides the app itself (NEXT_PUBLIC_ARTIFACT_ORIGINS). */
  artifactOrigins: readonly string[];
  /** The model hub (transformers.js) is reachable (NEXT_PUBLIC_MODEL_HUB). */
  modelHub: boolean;
  /** The gateway ipfs:// URIs are fetched through. */
  ipfsGateway: string;
  /** `next dev` (React refresh needs eval; loopback). */
  development?: boolean;
};

export type CspInput = ConnectInput & {
  /** Per-request nonce for Next.js's inline scripts. */
  nonce: string;
  development: boolean;
};

/** Coinbase Wallet's SDK talks to these from the page (the wallet itself is a popup). */
export const COINBASE = ["https://*.coinbase.com", "wss://*.coinbase.com"];
export const WALLETCONNECT = [
  "https://*.walletconnect.com",
  "wss://*.walletconnect.com",
  "https://*.walletconnect.org",
  "wss://*.walletconnect.org",
  "https://*.reown.com",
  "wss://*.reown.com",
];
/**
 * The model hub transformers.js loads from: `env.remoteHost` is https://huggingface.co/ and its hub helpers
 * treat huggingface.co and hf.co as the hub (node_modules/@huggingface/transformers/src/env.js, utils/hub.js).
 * Model files are redirected to CDN hosts the package does not name (LFS and Xet storage under those two
 * domains), hence their subdomains.
 */
export const MODEL_HUB = [
  "https://huggingface.co",
  "https://*.huggingface.co",
  "https://hf.co",
  "https://*.hf.co",
];
export const LOOPBACK = ["http://127.0.0.1:*", "http://localhost:*", "ws://127.0.0.1:*", "ws://localhost:*"];
export const DEFAULT_IPFS_GATEWAY = "https://ipfs.io/ipfs/";

export function origin(url: string): string | undefined {
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
 * itself (shipped models, the blob store), the RPCs, the indexer, the wallets offered, the artifact origins the
 * operator lists (model folders, evaluation sets, target data and machine endpoints named by URI, all verified by
 * hash before use), the ipfs gateway, the model hub when hub models are on, and loopback on the local chain.
 * Code that fetches such a URI asks `connectAllowed` first, so a URI elsewhere fails with a message saying so.
 */
export function connectSources(input: ConnectInput): string[] {
  const sources = new Set<string>(["'self'"]);
  for (const url of [...input.rpcUrls, ...input.indexerUrls, input.ipfsGateway]) {
    const o = origin(url);
    if (o) sources.add(o);
  }
  input.artifactOrigins.forEach((s) => sources.add(s));
  if (input.modelHub) MODEL_HUB.forEach((s) => sources.add(s));
  if (input.coinbase) COINBASE.forEach((s) => sources.add(s));
  if (input.walletConnect) WALLETCONNECT.forEach((s) => sources.add(s));
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

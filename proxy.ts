import { NextResponse, type NextRequest } from "next/server";
import { appConnectInput } from "@/lib/security/appConnect";
import { contentSecurityPolicy, SECURITY_HEADERS } from "@/lib/security/csp";

const DEVELOPMENT = process.env.NODE_ENV === "development";

/**
 * Every page gets a Content-Security-Policy with a fresh nonce, which Next.js puts on its own inline and chunk
 * scripts (it reads it from the request's policy header), plus the other security headers. Static files and the
 * blob store (which sets a sandbox policy of its own) are left to next.config.ts's headers.
 */
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy({ ...appConnectInput, nonce, development: DEVELOPMENT });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) response.headers.set(k, v);
  // Cross-origin isolation (SharedArrayBuffer, so the scorer's WASM runs multi-threaded) without COOP, so wallet
  // popups (Coinbase Wallet, WalletConnect) keep their opener; browsers without it use one thread.
  response.headers.set("Document-Isolation-Policy", "isolate-and-credentialless");
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|models/|ort/|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};

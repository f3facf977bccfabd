import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { COINBASE, WALLETCONNECT, connectSources, contentSecurityPolicy, type CspInput } from "./csp.ts";

const base: CspInput = {
  nonce: "bm9uY2U=",
  rpcUrls: ["http://127.0.0.1:8545", "https://sepolia.base.org/"],
  indexerUrls: [],
  walletConnect: false,
  localChain: true,
  development: false,
};

function directive(policy: string, name: string): string[] {
  const d = policy.split("; ").find((p) => p.startsWith(`${name} `));
  assert.ok(d, `${name} is set`);
  return d.split(" ").slice(1);
}

describe("content security policy", () => {
  it("lets scripts run only from the app, with the nonce, and WebAssembly compile; never unsafe-inline", () => {
    const policy = contentSecurityPolicy(base);
    const scripts = directive(policy, "script-src");
    assert.deepEqual(scripts, ["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'", "'wasm-unsafe-eval'"]);
    assert.equal(policy.includes("'unsafe-eval'"), false);
    assert.deepEqual(directive(policy, "frame-ancestors"), ["'none'"]);
    assert.deepEqual(directive(policy, "object-src"), ["'none'"]);
    assert.deepEqual(directive(policy, "base-uri"), ["'self'"]);
    assert.deepEqual(directive(policy, "form-action"), ["'self'"]);
    assert.deepEqual(
      directive(contentSecurityPolicy({ ...base, development: true }), "script-src").at(-1),
      "'unsafe-eval'",
    );
  });

  it("connects to the app, the RPC origins, the indexer, Coinbase and https artifact hosts; WalletConnect only when configured", () => {
    const sources = connectSources({ ...base, indexerUrls: ["http://127.0.0.1:42069/sql"] });
    assert.deepEqual(sources.slice(0, 4), [
      "'self'",
      "http://127.0.0.1:8545",
      "https://sepolia.base.org",
      "http://127.0.0.1:42069",
    ]);
    for (const c of COINBASE) assert.ok(sources.includes(c));
    for (const w of WALLETCONNECT) assert.equal(sources.includes(w), false);
    assert.ok(sources.includes("https:"), "artifacts and hub models, fetched by URI and checked by hash");
    assert.equal(sources.includes("http:"), false, "no plain http beyond loopback");
    const wc = connectSources({ ...base, walletConnect: true });
    for (const w of WALLETCONNECT) assert.ok(wc.includes(w));
    assert.ok(
      directive(contentSecurityPolicy({ ...base, walletConnect: true }), "frame-src").includes(
        "https://verify.walletconnect.com",
      ),
    );
  });

  it("reaches loopback (machine agents) only on the local chain or in development", () => {
    assert.ok(connectSources(base).includes("http://127.0.0.1:*"));
    assert.equal(connectSources({ ...base, localChain: false }).includes("http://127.0.0.1:*"), false);
    assert.ok(
      connectSources({ ...base, localChain: false, development: true }).includes("http://127.0.0.1:*"),
    );
  });

  it("ignores RPC URLs that are not URLs", () => {
    assert.deepEqual(connectSources({ ...base, rpcUrls: ["not a url"] }).slice(0, 2), [
      "'self'",
      COINBASE[0],
    ]);
  });
});

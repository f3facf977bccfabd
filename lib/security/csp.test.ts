import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  COINBASE,
  MODEL_HUB,
  WALLETCONNECT,
  connectSources,
  contentSecurityPolicy,
  type CspInput,
} from "./csp.ts";

const base: CspInput = {
  nonce: "bm9uY2U=",
  pathname: "/",
  rpcUrls: ["http://127.0.0.1:8545", "https://sepolia.base.org/"],
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
    assert.deepEqual(
      directive(contentSecurityPolicy({ ...base, development: true }), "script-src").at(-1),
      "'unsafe-eval'",
    );
  });

  it("connects to the app, the RPC origins, the indexer and Coinbase; WalletConnect only when configured", () => {
    const sources = connectSources({ ...base, indexerUrl: "http://127.0.0.1:42069/sql" });
    assert.deepEqual(sources.slice(0, 4), [
      "'self'",
      "http://127.0.0.1:8545",
      "https://sepolia.base.org",
      "http://127.0.0.1:42069",
    ]);
    for (const c of COINBASE) assert.ok(sources.includes(c));
    for (const w of WALLETCONNECT) assert.equal(sources.includes(w), false);
    assert.equal(sources.includes("https:"), false, "the overview reaches nothing else");
    const wc = connectSources({ ...base, walletConnect: true });
    for (const w of WALLETCONNECT) assert.ok(wc.includes(w));
    assert.ok(
      directive(contentSecurityPolicy({ ...base, walletConnect: true }), "frame-src").includes(
        "https://verify.walletconnect.com",
      ),
    );
  });

  it("reaches the model hub only from the scorer, and artifact hosts only where artifacts are fetched", () => {
    for (const h of MODEL_HUB) {
      assert.ok(connectSources({ ...base, pathname: "/scorer" }).includes(h));
      assert.equal(connectSources({ ...base, pathname: "/tasks/3" }).includes(h), false);
    }
    for (const p of ["/tasks/3", "/targets/12", "/machines"]) {
      const s = connectSources({ ...base, pathname: p });
      assert.ok(s.includes("https:"), p);
      assert.ok(s.includes("http://127.0.0.1:*"), `${p}: loopback on the local chain`);
      assert.equal(
        connectSources({ ...base, pathname: p, localChain: false }).includes("http://127.0.0.1:*"),
        false,
      );
    }
    for (const p of ["/tasks", "/tasks/new", "/rewards", "/delegate", "/leaderboard"])
      assert.equal(connectSources({ ...base, pathname: p }).includes("https:"), false, p);
  });

  it("ignores RPC URLs that are not URLs", () => {
    assert.deepEqual(connectSources({ ...base, rpcUrls: ["not a url"] }).slice(0, 2), [
      "'self'",
      COINBASE[0],
    ]);
  });
});

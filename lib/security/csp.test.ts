import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { buildAppConfig, parseArtifactOrigins } from "../config.ts";
import { connectInputOf } from "./appConnect.ts";
import { connectAllowed } from "./connect.ts";
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
  rpcUrls: ["http://127.0.0.1:8545", "https://sepolia.base.org/"],
  indexerUrls: [],
  walletConnect: false,
  coinbase: true,
  localChain: true,
  artifactOrigins: [],
  modelHub: true,
  ipfsGateway: "https://ipfs.io/ipfs/",
  development: false,
};
const APP = "https://arena.example/tasks/1";

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

  it("connects to the app, the RPC origins, the indexer, the ipfs gateway and the wallets offered; no blanket https", () => {
    const sources = connectSources({ ...base, indexerUrls: ["http://127.0.0.1:42069/sql"] });
    assert.deepEqual(sources.slice(0, 5), [
      "'self'",
      "http://127.0.0.1:8545",
      "https://sepolia.base.org",
      "http://127.0.0.1:42069",
      "https://ipfs.io",
    ]);
    for (const c of COINBASE) assert.ok(sources.includes(c));
    for (const w of WALLETCONNECT) assert.equal(sources.includes(w), false);
    for (const h of MODEL_HUB) assert.ok(sources.includes(h));
    assert.equal(sources.includes("https:"), false, "artifact hosts are listed, not any https origin");
    assert.equal(sources.includes("http:"), false, "no plain http beyond loopback");
    const wc = connectSources({ ...base, walletConnect: true });
    for (const w of WALLETCONNECT) assert.ok(wc.includes(w));
    assert.ok(
      directive(contentSecurityPolicy({ ...base, walletConnect: true }), "frame-src").includes(
        "https://verify.walletconnect.com",
      ),
    );
  });

  it("lists the configured artifact origins, the hub only when on, Coinbase only when offered", () => {
    const policy = contentSecurityPolicy({
      ...base,
      artifactOrigins: ["https://models.example.org", "https://*.data.example"],
      modelHub: false,
      coinbase: false,
    });
    const connect = directive(policy, "connect-src");
    assert.ok(connect.includes("https://models.example.org"));
    assert.ok(connect.includes("https://*.data.example"));
    for (const h of MODEL_HUB) assert.equal(connect.includes(h), false);
    for (const c of COINBASE) assert.equal(connect.includes(c), false);
    assert.equal(connect.includes("https:"), false);
  });

  it("builds its input from the app config: defaults keep the local demo and the hub, env narrows or widens them", () => {
    const local = connectInputOf(buildAppConfig({}));
    assert.deepEqual(local.artifactOrigins, []);
    assert.equal(local.modelHub, true);
    assert.equal(local.coinbase, true);
    assert.equal(local.localChain, true);
    assert.deepEqual(local.rpcUrls, ["http://127.0.0.1:8545"]);
    assert.deepEqual(local.indexerUrls, ["http://127.0.0.1:42069"]);
    const hosted = connectInputOf(
      buildAppConfig({
        NEXT_PUBLIC_CHAIN_IDS: "84532",
        NEXT_PUBLIC_ARTIFACT_ORIGINS: " https://models.example.org/ ,https://*.data.example",
        NEXT_PUBLIC_MODEL_HUB: "off",
        NEXT_PUBLIC_COINBASE_WALLET: "off",
        NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: "abc",
      }),
    );
    assert.deepEqual(hosted.artifactOrigins, ["https://models.example.org", "https://*.data.example"]);
    assert.equal(hosted.modelHub, false);
    assert.equal(hosted.coinbase, false);
    assert.equal(hosted.walletConnect, true);
    assert.equal(hosted.localChain, false);
    assert.throws(() => parseArtifactOrigins("https://x.example/models"), /no paths/);
    assert.throws(() => parseArtifactOrigins("models.example.org"), /NEXT_PUBLIC_ARTIFACT_ORIGINS/);
    assert.throws(() => buildAppConfig({ NEXT_PUBLIC_MODEL_HUB: "yes" }), /on or off/);
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
      "https://ipfs.io",
    ]);
  });
});

describe("connectAllowed", () => {
  const hosted = {
    ...base,
    localChain: false,
    artifactOrigins: ["https://models.example.org", "https://*.data.example"],
  };

  it("allows the app itself, relative paths, listed origins and their wildcard subdomains, the gateway and the hub", () => {
    for (const url of [
      "/models/tiny-gpt2/arena-manifest.json",
      "/api/blobs/" + "a".repeat(64),
      "https://arena.example/models/x/",
      "https://models.example.org/m/arena-manifest.json",
      "https://eu.data.example/set.jsonl",
      "https://a.b.data.example/set.jsonl",
      "https://ipfs.io/ipfs/bafy",
      "https://huggingface.co/onnx-community/gpt2/resolve/main/config.json",
      "https://cas-bridge.xethub.hf.co/xet/abc",
      "https://sepolia.base.org/",
    ]) {
      assert.deepEqual(connectAllowed(url, hosted, APP), { ok: true }, url);
    }
  });

  it("refuses any other host, scheme or port, naming the allowed sources and the setting that adds one", () => {
    const verdict = connectAllowed("https://evil.example/set.jsonl", hosted, APP);
    assert.equal(verdict.ok, false);
    assert.ok(!verdict.ok);
    assert.equal(verdict.origin, "https://evil.example");
    assert.equal(
      verdict.message,
      "This app is configured to fetch only from this app (https://arena.example), https://models.example.org, https://*.data.example, https://ipfs.io (ipfs), the model hub (https://huggingface.co); https://evil.example is not among them. The operator can add it with NEXT_PUBLIC_ARTIFACT_ORIGINS.",
    );
    assert.equal(connectAllowed("http://models.example.org/m/", hosted, APP).ok, false, "scheme");
    assert.equal(connectAllowed("https://models.example.org:8443/m/", hosted, APP).ok, false, "port");
    assert.equal(connectAllowed("https://data.example/set", hosted, APP).ok, false, "*. is subdomains only");
    assert.equal(connectAllowed("https://models.example.org.evil.example/", hosted, APP).ok, false);
  });

  it("allows loopback only on the local chain, and says so", () => {
    assert.equal(connectAllowed("http://127.0.0.1:9000/infer", base, APP).ok, true);
    const refused = connectAllowed("http://127.0.0.1:9000/infer", hosted, APP);
    assert.ok(!refused.ok);
    assert.match(refused.message, /loopback is reachable only on the local chain/);
  });

  it("points at NEXT_PUBLIC_MODEL_HUB when the hub is off", () => {
    const refused = connectAllowed(
      "https://huggingface.co/x/y/resolve/main/config.json",
      { ...hosted, modelHub: false },
      APP,
    );
    assert.ok(!refused.ok);
    assert.match(refused.message, /NEXT_PUBLIC_MODEL_HUB=on/);
    assert.doesNotMatch(refused.message, /model hub \(/);
  });
});

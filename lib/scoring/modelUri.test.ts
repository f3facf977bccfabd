import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  baseModelError,
  formatPinnedHubId,
  parseModelUri,
  parsePinnedHubId,
  scorerModelId,
  shippedFolderIdOf,
  shippedPathId,
} from "./modelUri";
import { qualityRank, SHIPPED_LANGUAGE_MODELS, SHIPPED_MODELS } from "./shipped-models";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";

describe("pinned hub ids", () => {
  it("parses owner/name@<commit>#<dtype> and formats it back", () => {
    const parsed = parsePinnedHubId(`onnx-community/gpt2@${COMMIT}#q8`);
    assert.deepEqual(parsed, {
      ok: true,
      value: { id: "onnx-community/gpt2", revision: COMMIT, dtype: "q8" },
    });
    if (parsed.ok) assert.equal(formatPinnedHubId(parsed.value), `onnx-community/gpt2@${COMMIT}#q8`);
  });

  it("says what is missing or wrong", () => {
    const error = (text: string) => {
      const parsed = parsePinnedHubId(text);
      assert.equal(parsed.ok, false, text);
      return parsed.ok ? "" : parsed.error;
    };
    assert.match(error("Xenova/gpt2"), /not pinned: add @<40-hex commit>#<dtype>/);
    assert.match(error("Xenova/gpt2@main#q8"), /full 40-hex-digit commit .* not "main"/);
    assert.match(error(`Xenova/gpt2@${COMMIT.toUpperCase()}#q8`), /40-hex-digit commit/);
    assert.match(error(`Xenova/gpt2@${COMMIT.slice(1)}#q8`), /40-hex-digit commit/);
    assert.match(error(`Xenova/gpt2@${COMMIT}`), /Add the ONNX dtype/);
    assert.match(error(`Xenova/gpt2@${COMMIT}#q3`), /"q3" is not an ONNX dtype/);
    assert.match(error(`../x@${COMMIT}#q8`), /not a model hub id/);
    assert.match(error("gpt2"), /not a model hub id/);
  });
});

describe("parseModelUri", () => {
  it("maps shipped ids and /models/<id> to the shipped folder", () => {
    for (const uri of [
      "/models/arena-lm-small",
      "/models/arena-lm-small/",
      "arena-lm-small",
      " arena-lm-small ",
    ]) {
      assert.deepEqual(parseModelUri(uri), {
        ok: true,
        source: { kind: "local", id: "arena-lm-small" },
        folderUrl: "/models/arena-lm-small/",
      });
    }
    assert.deepEqual(parseModelUri("/models/nope"), {
      ok: false,
      error: 'There is no shipped model "nope" under /models/.',
    });
  });

  it("maps http(s) and same-origin folder URLs to a url source ending in /", () => {
    assert.deepEqual(parseModelUri("https://example.org/m/v1"), {
      ok: true,
      source: { kind: "url", id: "https://example.org/m/v1/" },
      folderUrl: "https://example.org/m/v1/",
    });
    assert.deepEqual(parseModelUri("/uploads/model-7/"), {
      ok: true,
      source: { kind: "url", id: "/uploads/model-7/" },
      folderUrl: "/uploads/model-7/",
    });
    for (const bad of [
      "ftp://x/y",
      "https://x/y?z=1",
      "/a/../b",
      "//evil.example/m",
      "javascript:alert(1)",
    ]) {
      assert.equal(parseModelUri(bad).ok, false, bad);
    }
  });

  it("takes pinned hub ids with revision and dtype, and unpinned ones only when allowed", () => {
    assert.deepEqual(parseModelUri(`Xenova/gpt2@${COMMIT}#fp16`, { requirePinned: true }), {
      ok: true,
      source: { kind: "hub", id: "Xenova/gpt2", revision: COMMIT, dtype: "fp16" },
      folderUrl: null,
    });
    assert.deepEqual(parseModelUri("Xenova/gpt2"), {
      ok: true,
      source: { kind: "hub", id: "Xenova/gpt2" },
      folderUrl: null,
    });
    assert.equal(parseModelUri("Xenova/gpt2", { requirePinned: true }).ok, false);
  });
});

describe("a task's base model", () => {
  it("must be shipped, a folder URL or a pinned hub id", () => {
    assert.equal(baseModelError("arena-lm-small"), null);
    assert.equal(baseModelError("/models/arena-lm-base"), null);
    assert.equal(baseModelError("https://models.example.org/chat-7/"), null);
    assert.equal(baseModelError(`onnx-community/gpt2@${COMMIT}#q8`), null);
    assert.match(baseModelError("arena/tiny-chat") ?? "", /"arena\/tiny-chat" is not pinned/);
    assert.match(baseModelError("") ?? "", /Enter the model's URI/);
  });
});

describe("shipped model paths", () => {
  it("reads the id of /models/<id> and of files under it, and nothing else", () => {
    assert.equal(shippedPathId("/models/arena-lm-small"), "arena-lm-small");
    assert.equal(shippedPathId("/models/arena-lm-small/"), "arena-lm-small");
    assert.equal(shippedPathId("/models/arena-lm-small/onnx/model.onnx"), undefined);
    assert.equal(shippedPathId("https://host/models/arena-lm-small"), undefined);
    assert.equal(shippedFolderIdOf("/models/arena-lm-base/onnx/model.onnx"), "arena-lm-base");
    assert.equal(shippedFolderIdOf("/models/arena-lm-base/"), "arena-lm-base");
    assert.equal(shippedFolderIdOf("/models/arena-lm-base"), undefined);
    assert.equal(shippedFolderIdOf("ipfs://abc"), undefined);
  });

  it("names a submission's model as the scorer does", () => {
    assert.equal(scorerModelId(" /models/arena-lm-tiny/ "), "arena-lm-tiny");
    assert.equal(
      scorerModelId("owner/name@" + "0".repeat(40) + "#q8"),
      "owner/name@" + "0".repeat(40) + "#q8",
    );
    assert.equal(scorerModelId("https://host/m/"), "https://host/m/");
  });

  it("orders the shipped language models by quality, from SHIPPED_MODELS", () => {
    assert.deepEqual(
      SHIPPED_LANGUAGE_MODELS,
      SHIPPED_MODELS.filter((m) => m.kind === "causal-lm").map((m) => m.id),
    );
    assert.deepEqual(SHIPPED_LANGUAGE_MODELS, ["arena-lm-tiny", "arena-lm-small", "arena-lm-base"]);
    const sorted = ["x/y", "arena-lm-base", "arena-lm-tiny", "arena-lm-small"].sort(
      (a, b) => qualityRank(a) - qualityRank(b),
    );
    assert.deepEqual(sorted, ["arena-lm-tiny", "arena-lm-small", "arena-lm-base", "x/y"]);
    assert.equal(qualityRank(undefined), SHIPPED_LANGUAGE_MODELS.length);
  });
});

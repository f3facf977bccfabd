import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { appBuildHash } from "./app-build.ts";

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), "arena-build-"));
  mkdirSync(path.join(root, "app"));
  writeFileSync(path.join(root, "app", "page.tsx"), "export default 1;");
  writeFileSync(path.join(root, "package-lock.json"), "{}");
  return root;
}

describe("appBuildHash", () => {
  it("is stable while nothing changes and follows sources, config and public env", () => {
    const root = project();
    const env = { NEXT_PUBLIC_CHAIN_IDS: "31337" };
    const first = appBuildHash(root, env);
    assert.equal(appBuildHash(root, { ...env }), first);
    writeFileSync(path.join(root, "app", "page.tsx"), "export default 2;");
    const edited = appBuildHash(root, env);
    assert.notEqual(edited, first, "a source edit");
    assert.notEqual(appBuildHash(root, { NEXT_PUBLIC_CHAIN_IDS: "84532" }), edited, "another public env");
    writeFileSync(path.join(root, "package-lock.json"), '{"lockfileVersion":3}');
    assert.notEqual(appBuildHash(root, env), edited, "dependencies");
    mkdirSync(path.join(root, "app", ".cache"));
    writeFileSync(path.join(root, "app", ".cache", "x"), "ignored");
    assert.equal(appBuildHash(root, env), appBuildHash(root, env));
  });
});

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { NAV_ITEMS } from "./nav";

const appDir = fileURLToPath(new URL("../app/", import.meta.url));

describe("navigation", () => {
  it("links only to routes the app has", () => {
    for (const { href } of NAV_ITEMS) {
      const page = `${appDir}${href === "/" ? "" : href.slice(1) + "/"}page.tsx`;
      assert.ok(existsSync(page), `${href} has no ${page}`);
    }
  });

  it("starts with the overview and has no route or label twice", () => {
    assert.equal(NAV_ITEMS[0].href, "/");
    assert.equal(new Set(NAV_ITEMS.map((i) => i.href)).size, NAV_ITEMS.length);
    assert.equal(new Set(NAV_ITEMS.map((i) => i.label)).size, NAV_ITEMS.length);
  });
});

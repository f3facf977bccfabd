// `node --import ./scripts/lib/ponder-finality.mjs …ponder.js`: see ponder-finality-hooks.mjs.
import { register } from "node:module";

register("./ponder-finality-hooks.mjs", import.meta.url);

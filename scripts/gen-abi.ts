import { generateAbis } from "./lib/gen-abi.ts";

// `--check` (npm test, so CI): fail when the committed contracts-abi/ is not what the compiled contracts give.
const check = process.argv.includes("--check");
const { contracts, changed, stale } = generateAbis(undefined, { check });
if (check && stale.length > 0) {
  console.error(
    `contracts-abi/ is stale (${stale.join(", ")}): run \`npm run compile\` and commit contracts-abi/.`,
  );
  process.exit(1);
}
console.log(
  `contracts-abi: ${contracts.length} contracts (${contracts.join(", ")}), ${check ? "up to date" : `${changed} files updated`}`,
);

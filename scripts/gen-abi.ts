import { generateAbis } from "./lib/gen-abi.ts";

const { contracts, changed } = generateAbis();
console.log(
  `contracts-abi: ${contracts.length} contracts (${contracts.join(", ")}), ${changed} files updated`,
);

import path from "node:path";
import { arenaTargetsAbi } from "../contracts-abi";
import { cosineDistanceMicro, unpack, unpackModels } from "../lib/targets";
import { signedBlobUpload } from "./blobs";
import { connectDevWallet, expect, test, type ChainFixture } from "./fixtures";

const SAMPLE = path.join(process.cwd(), "public", "models", "samples", "chat.jsonl");
const BASE_MODEL = 3; // arena-lm-base in the seed: its position is the generator centre
const OPEN = 1;

/** An open target of the running epoch that the chat sample fills under the base model. */
async function targetTheSampleFills(chain: ChainFixture): Promise<bigint | undefined> {
  const address = chain.address("ArenaTargets");
  const read = chain.publicClient.readContract.bind(chain.publicClient);
  const epoch = await read({ abi: arenaTargetsAbi, address, functionName: "currentEpoch" });
  const [, centre] = await read({
    abi: arenaTargetsAbi,
    address,
    functionName: "getModel",
    args: [BigInt(BASE_MODEL)],
  });
  const count = await read({ abi: arenaTargetsAbi, address, functionName: "targetCount" });
  for (let id = 1n; id <= count; id++) {
    const [, targetEpoch, threshold, status, packedModels] = await read({
      abi: arenaTargetsAbi,
      address,
      functionName: "targets",
      args: [id],
    });
    if (status !== OPEN || BigInt(targetEpoch) !== epoch) continue;
    if (!unpackModels(packedModels).includes(BASE_MODEL)) continue;
    const vector = await read({ abi: arenaTargetsAbi, address, functionName: "targetEmbedding", args: [id] });
    if (cosineDistanceMicro(unpack(centre, vector.length), vector) <= BigInt(threshold)) return id;
  }
  return undefined;
}

test("declining to sign the upload says so, sends nothing and keeps the data in the form", async ({
  page,
  chain,
}) => {
  test.setTimeout(180_000);
  const id = await targetTheSampleFills(chain);
  expect(id, "an open target that the chat sample fills").toBeDefined();
  await page.goto("/");
  await connectDevWallet(page);
  await page.getByRole("link", { name: "Targets", exact: true }).click();
  await page.getByRole("link", { name: `#${id}`, exact: true }).click();
  await page.getByLabel("Data file").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Score in my browser" }).click();
  await expect(page.getByTestId("submit-verdict")).toContainText("Within the threshold", {
    timeout: 120_000,
  });

  await page.getByRole("button", { name: "Dev panel" }).click();
  await page.getByLabel("Reject the next wallet request").check();
  await page.getByRole("button", { name: "Close dev panel" }).click();
  const block = await chain.publicClient.getBlockNumber();
  await page.getByRole("button", { name: "Upload and submit" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "You declined to sign the upload" })).toBeVisible();
  await expect(page.getByText("Data: chat.jsonl")).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload and submit" })).toBeEnabled();
  expect(await chain.publicClient.getBlockNumber()).toBe(block);
});

test("the blob store takes only signed uploads and serves blobs as inert downloads", async ({
  request,
  chain,
}) => {
  const bytes = new TextEncoder().encode(`e2e blob ${Date.now()}\n`);
  const unsigned = await request.put("/api/blobs", { data: Buffer.from(bytes) });
  expect(unsigned.status()).toBe(401);
  expect((await unsigned.json()).error).toBe("signature_required");

  const upload = await signedBlobUpload(request, chain.accounts[2]!, bytes);
  expect(upload.status()).toBe(201);
  const { sha256 } = (await upload.json()) as { sha256: string };
  const again = await signedBlobUpload(request, chain.accounts[2]!, bytes);
  expect(again.status()).toBe(200);

  const served = await request.get(`/api/blobs/${sha256}`);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("application/octet-stream");
  expect(served.headers()["content-disposition"]).toMatch(/^attachment/);
  expect(served.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");
  expect(served.headers()["x-content-type-options"]).toBe("nosniff");
  expect(new Uint8Array(await served.body())).toEqual(bytes);
});

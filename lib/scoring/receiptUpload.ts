import type { Hex } from "viem";
import { uploadBlob, type UploadSigner } from "@/lib/blobs/blobClient";
import { receiptBlobPath } from "@/lib/scoring/receipt";

/**
 * Makes sure the blob store holds the receipt: nothing to do when it serves it already, else a signed upload.
 * Throws a sentence a person can act on (the upload's own messages: declined signature, quota, offline).
 */
export async function ensureReceiptStored(
  bytes: Uint8Array,
  receipt: Hex,
  signer: UploadSigner,
): Promise<void> {
  const present = await fetch(receiptBlobPath(receipt), { method: "GET", cache: "no-store" })
    .then((r) => r.ok)
    .catch(() => false);
  if (present) return;
  const stored = await uploadBlob(bytes, signer);
  if (`0x${stored.sha256}`.toLowerCase() !== receipt.toLowerCase())
    throw new Error(
      `The blob store stored the receipt under ${stored.sha256}, not under its hash ${receipt}.`,
    );
}

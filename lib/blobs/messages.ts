/** Plain-language texts for the blob store's refusals, as the upload form shows them. */

export type UploadErrorBody = { error?: string; message?: string; [detail: string]: unknown };

const mib = (bytes: unknown) =>
  typeof bytes === "number" ? `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MiB` : "?";

/** What each refusal of the blob store means for the person uploading. */
export function uploadErrorMessage(status: number, body: UploadErrorBody): string {
  switch (body.error) {
    case "signature_required":
    case "bad_signature":
      return "The blob store could not verify your wallet's signature of the upload. Sign the upload again with the connected wallet.";
    case "expired":
    case "expiry_too_far":
      return "The upload signature is no longer valid (it lasts 10 minutes; check your computer's clock). Try again to sign a new one.";
    case "quota_exceeded": {
      const retry =
        typeof body.retryAt === "number"
          ? ` You can upload again after ${new Date(body.retryAt * 1000).toLocaleString()}.`
          : "";
      return `Your address has used its daily upload allowance (${mib(body.usedBytes)} of ${mib(body.quotaBytes)}); this data needs ${mib(body.size)} more.${retry}`;
    }
    case "store_full":
      return "The blob store is full and accepts no new data right now. Use an http(s) or ipfs:// URL for your data instead.";
    case "too_large":
      return `The data is too large for the blob store (at most ${mib(body.limit)}). Choose smaller data.`;
    case "size_mismatch":
    case "hash_mismatch":
      return "The data changed or was cut short on the way to the blob store, so it was not stored. Try again.";
    case "empty":
      return "The data is empty; there is nothing to upload.";
    default:
      return `The blob store refused the upload: ${body.message ?? `HTTP ${status}`}`;
  }
}

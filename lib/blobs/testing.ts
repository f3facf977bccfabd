/** Helpers for the blob store's tests: a signing wallet and signed upload requests. */
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { buildUploadMessage, encodeUploadMessage, UPLOAD_HEADERS } from "./uploadMessage";
import { sha256Hex } from "./store";

export type TestWallet = ReturnType<typeof privateKeyToAccount>;

export const newWallet = (): TestWallet => privateKeyToAccount(generatePrivateKey());

export type SignedHeaderOptions = { sha256?: string; size?: number; expires?: number; address?: string };

/** The headers of an upload of `bytes` signed by `wallet` (fields can be overridden to build attacks). */
export async function signedHeaders(
  wallet: TestWallet,
  bytes: Uint8Array,
  nowSeconds: number,
  override: SignedHeaderOptions = {},
): Promise<Record<string, string>> {
  const message = buildUploadMessage({
    sha256: override.sha256 ?? sha256Hex(bytes),
    size: override.size ?? bytes.length,
    expires: override.expires ?? nowSeconds + 600,
  });
  return {
    [UPLOAD_HEADERS.message]: encodeUploadMessage(message),
    [UPLOAD_HEADERS.signature]: await wallet.signMessage({ message }),
    [UPLOAD_HEADERS.address]: override.address ?? wallet.address,
  };
}

/** A body stream of `total` bytes in `chunk`-byte pieces that counts how many bytes were pulled from it. */
export function countingStream(total: number, chunk = 64 * 1024, fill = 7) {
  const state = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled >= total) return controller.close();
        const n = Math.min(chunk, total - state.pulled);
        state.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(fill));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

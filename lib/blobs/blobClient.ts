import { UserRejectedRequestError, type Address, type Hex } from "viem";
import {
  buildUploadMessage,
  CLIENT_SIGNATURE_TTL_SECONDS,
  encodeUploadMessage,
  UPLOAD_HEADERS,
} from "@/lib/blobs/uploadMessage";
import { uploadErrorMessage, type UploadErrorBody } from "@/lib/blobs/messages";
import { sha256Hex } from "@/lib/scoring/manifest";

export type UploadedBlob = { uri: string; sha256: string; size: number };

/** The connected wallet, as far as an upload needs it: its address and a way to sign a text message. */
export type UploadSigner = { address: Address; signMessage: (message: string) => Promise<Hex> };

function rejectedInWallet(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof UserRejectedRequestError || e.name === "UserRejectedRequestError") return true;
    if ((e as { code?: unknown }).code === 4001) return true;
  }
  return false;
}

/**
 * Stores the data in the app's blob store. The wallet signs what is uploaded (hash, size, a 10-minute expiry)
 * and the store charges it to that address's daily allowance; errors come back as plain-language messages.
 */
export async function uploadBlob(bytes: Uint8Array, signer: UploadSigner): Promise<UploadedBlob> {
  const sha256 = (await sha256Hex(bytes)).slice(2);
  const message = buildUploadMessage({
    sha256,
    size: bytes.length,
    expires: Math.floor(Date.now() / 1000) + CLIENT_SIGNATURE_TTL_SECONDS,
  });
  let signature: Hex;
  try {
    signature = await signer.signMessage(message);
  } catch (error) {
    if (rejectedInWallet(error)) {
      throw new Error(
        "You declined to sign the upload in your wallet, so nothing was uploaded. Your data is kept here: try again when you are ready.",
      );
    }
    throw new Error(
      `Your wallet could not sign the upload: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    );
  }
  let response: Response;
  try {
    response = await fetch("/api/blobs", {
      method: "PUT",
      headers: {
        "content-type": "application/octet-stream",
        "x-sha256": sha256,
        [UPLOAD_HEADERS.message]: encodeUploadMessage(message),
        [UPLOAD_HEADERS.signature]: signature,
        [UPLOAD_HEADERS.address]: signer.address,
      },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
  } catch {
    throw new Error("Could not reach the blob store. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => ({}))) as Partial<UploadedBlob> & UploadErrorBody;
  if (!response.ok || !body.uri) throw new Error(uploadErrorMessage(response.status, body));
  return { uri: body.uri, sha256: body.sha256 ?? sha256, size: body.size ?? bytes.length };
}

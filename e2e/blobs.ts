import type { APIRequestContext } from "@playwright/test";
import { createWalletClient, http, type Address } from "viem";
import { localChain } from "../lib/chain/chains";
import { sha256Hex } from "../lib/blobs/store";
import { buildUploadMessage, encodeUploadMessage, UPLOAD_HEADERS } from "../lib/blobs/uploadMessage";
import { E2E_RPC_URL } from "./ports";

/** Uploads bytes to the app's blob store as the app does: signed (personal_sign) by one of the node's accounts. */
export async function signedBlobUpload(request: APIRequestContext, account: Address, bytes: Uint8Array) {
  const wallet = createWalletClient({
    account,
    chain: localChain(E2E_RPC_URL),
    transport: http(E2E_RPC_URL),
  });
  const message = buildUploadMessage({
    sha256: sha256Hex(bytes),
    size: bytes.length,
    expires: Math.floor(Date.now() / 1000) + 600,
  });
  return request.put("/api/blobs", {
    data: Buffer.from(bytes),
    headers: {
      "content-type": "application/octet-stream",
      [UPLOAD_HEADERS.message]: encodeUploadMessage(message),
      [UPLOAD_HEADERS.signature]: await wallet.signMessage({ message }),
      [UPLOAD_HEADERS.address]: account,
    },
  });
}

/**
 * What a wallet signs to upload a blob: `Arena blob upload\nsha256:<hex>\nsize:<n>\nexpires:<unix>`. The
 * server recovers the signer with viem and charges the upload to that address's quota; the hash and size bind
 * the signature to one body, the expiry bounds how long it can be replayed (a replay uploads the same bytes,
 * which is a no-op once stored).
 */
import { recoverMessageAddress, type Address, type Hex } from "viem";
import { BlobError } from "./errors";

export const UPLOAD_MESSAGE_TITLE = "Arena blob upload";
/** A signature may be valid for at most this long (seconds); the client asks for 10 minutes. */
export const MAX_SIGNATURE_TTL_SECONDS = 3_600;
export const CLIENT_SIGNATURE_TTL_SECONDS = 600;

/** Request headers that carry the signed message (base64 of its UTF-8), the signature and the signer. */
export const UPLOAD_HEADERS = {
  message: "x-arena-upload",
  signature: "x-arena-signature",
  address: "x-arena-address",
} as const;

export type UploadClaim = { sha256: string; size: number; expires: number };

const MESSAGE = /^Arena blob upload\nsha256:([0-9a-f]{64})\nsize:(0|[1-9]\d{0,14})\nexpires:([1-9]\d{0,11})$/;
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function buildUploadMessage({ sha256, size, expires }: UploadClaim): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError("sha256 must be 64 lowercase hex digits");
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError("size must be a whole number of bytes");
  if (!Number.isSafeInteger(expires) || expires <= 0) throw new RangeError("expires must be a unix time");
  return `${UPLOAD_MESSAGE_TITLE}\nsha256:${sha256}\nsize:${size}\nexpires:${expires}`;
}

/** The claim in a signed message; undefined when the text is not exactly an upload message. */
export function parseUploadMessage(text: string): UploadClaim | undefined {
  const match = MESSAGE.exec(text);
  if (!match) return undefined;
  return { sha256: match[1]!, size: Number(match[2]), expires: Number(match[3]) };
}

/** Checks the claim's expiry against `nowSeconds`: not past, and not further ahead than the TTL allows. */
export function checkExpiry(claim: UploadClaim, nowSeconds: number): void {
  if (claim.expires < nowSeconds) {
    throw new BlobError("expired", "The upload signature has expired. Sign the upload again.", {
      expires: claim.expires,
      now: nowSeconds,
    });
  }
  if (claim.expires > nowSeconds + MAX_SIGNATURE_TTL_SECONDS) {
    throw new BlobError(
      "expiry_too_far",
      `An upload signature may be valid for at most ${MAX_SIGNATURE_TTL_SECONDS} seconds. Check your clock and sign again.`,
      { expires: claim.expires, maxTtlSeconds: MAX_SIGNATURE_TTL_SECONDS },
    );
  }
}

export type VerifiedUpload = UploadClaim & { signer: Address };

function decodeBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length > 1_024) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(
      Uint8Array.from(atob(value), (c) => c.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

/** Reads and verifies the upload headers; throws a BlobError naming what is missing or wrong. */
export async function verifyUploadHeaders(headers: Headers, nowSeconds: number): Promise<VerifiedUpload> {
  const encoded = headers.get(UPLOAD_HEADERS.message);
  const signature = headers.get(UPLOAD_HEADERS.signature);
  const address = headers.get(UPLOAD_HEADERS.address);
  if (!encoded || !signature || !address) {
    throw new BlobError(
      "signature_required",
      "Uploads must be signed by a wallet: send the signed upload message, the signature and the address.",
    );
  }
  const text = decodeBase64(encoded);
  const claim = text === undefined ? undefined : parseUploadMessage(text);
  if (!claim || !SIGNATURE.test(signature) || !ADDRESS.test(address)) {
    throw new BlobError("bad_signature", "The upload signature or its message is malformed.");
  }
  checkExpiry(claim, nowSeconds);
  let signer: Address;
  try {
    signer = await recoverMessageAddress({ message: text!, signature: signature as Hex });
  } catch {
    throw new BlobError("bad_signature", "The upload signature is not a valid signature.");
  }
  if (signer.toLowerCase() !== address.toLowerCase()) {
    throw new BlobError("bad_signature", "The upload was not signed by the address it names.");
  }
  return { ...claim, signer };
}

/** Base64 of a message's UTF-8 (what the client puts in the upload header). */
export function encodeUploadMessage(message: string): string {
  const bytes = new TextEncoder().encode(message);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

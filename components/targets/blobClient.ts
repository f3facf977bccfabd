import type { Hex } from "viem";

export type UploadedBlob = { uri: string; sha256: string; size: number };

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Stores the data in the app's blob store; the store checks the hash we send. */
export async function uploadBlob(bytes: Uint8Array): Promise<UploadedBlob> {
  const sha256 = await sha256Hex(bytes);
  let response: Response;
  try {
    response = await fetch("/api/blobs", {
      method: "PUT",
      headers: { "content-type": "application/octet-stream", "x-sha256": sha256 },
      body: bytes as Uint8Array<ArrayBuffer>,
    });
  } catch {
    throw new Error("Could not reach the blob store. Check your connection and try again.");
  }
  const body = (await response.json().catch(() => ({}))) as Partial<UploadedBlob> & { message?: string };
  if (!response.ok || !body.uri) {
    throw new Error(`The blob store refused the upload: ${body.message ?? response.statusText}`);
  }
  return { uri: body.uri, sha256: body.sha256 ?? sha256, size: body.size ?? bytes.length };
}

/** Where the bytes of a data URI can be fetched from the browser. */
export function blobUrl(uri: string): string {
  if (uri.startsWith("sha256:")) return `/api/blobs/${uri.slice(7)}`;
  if (uri.startsWith("ipfs://")) return `https://ipfs.io/ipfs/${uri.slice(7)}`;
  return uri;
}

/** Downloads submitted data and checks it against the hash on chain. */
export async function fetchSubmittedData(uri: string, dataHash: Hex): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(blobUrl(uri));
  } catch {
    throw new Error(`Could not download the submitted data from ${uri}.`);
  }
  if (!response.ok) throw new Error(`The submitted data at ${uri} is not available (${response.status}).`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const actual = await sha256Hex(bytes);
  if (`0x${actual}` !== dataHash.toLowerCase()) {
    throw new Error(`The data at ${uri} does not match the hash on chain (sha256 ${actual}).`);
  }
  return bytes;
}

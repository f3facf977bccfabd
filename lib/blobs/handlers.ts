/**
 * The blob API behind app/api/blobs: `PUT /api/blobs` stores a wallet-signed upload, `GET /api/blobs/<hex>`
 * serves a blob so that it can never run in the app's origin.
 */
import { rm } from "node:fs/promises";
import { blobConfigFromEnv } from "./config";
import { BlobError, blobErrorResponse } from "./errors";
import { ledgerFor } from "./ledger";
import { BlobStore, parseBlobHash } from "./store";
import { streamToFile } from "./streaming";
import { verifyUploadHeaders } from "./uploadMessage";

export type HandlerOptions = { env?: NodeJS.ProcessEnv; now?: () => number };

async function discardBody(request: Request): Promise<void> {
  if (request.body && !request.body.locked) await request.body.cancel().catch(() => undefined);
}

/** Refuses, before reading any of the body, what the headers already show cannot be accepted. */
function checkDeclared(request: Request, size: number, maxBytes: number): void {
  if (size === 0) throw new BlobError("empty", "The upload is empty.");
  if (size > maxBytes) {
    throw new BlobError("too_large", `The upload has ${size} bytes; the limit is ${maxBytes}.`, {
      limit: maxBytes,
    });
  }
  const declared = request.headers.get("content-length");
  if (declared === null) return;
  const length = Number(declared);
  if (length > size) {
    throw new BlobError("too_large", `The body has ${length} bytes; ${size} were signed for.`, {
      limit: size,
    });
  }
  if (length < size) {
    throw new BlobError("size_mismatch", `The body has ${length} bytes; ${size} were signed for.`, { size });
  }
}

/**
 * PUT: raw bytes with the signed upload headers (see uploadMessage.ts) → 201 `{uri, sha256, size, stored:
 * true}`, or 200 with `stored: false` when the blob was already stored (no quota is charged). The body is
 * streamed to disk, hashed on the way, and refused the moment it passes the signed size.
 */
export async function putBlob(request: Request, options: HandlerOptions = {}): Promise<Response> {
  const config = blobConfigFromEnv(options.env);
  const store = new BlobStore(config.directory, config.maxBytes);
  const ledger = ledgerFor(config.directory);
  const now = Math.floor((options.now?.() ?? Date.now()) / 1000);
  let reservation: string | undefined;
  let temp: string | undefined;
  try {
    const upload = await verifyUploadHeaders(request.headers, now);
    const legacy = request.headers.get("x-sha256");
    if (legacy !== null && parseBlobHash(legacy) !== upload.sha256) {
      throw new BlobError("hash_mismatch", "The x-sha256 header and the signed hash differ.");
    }
    checkDeclared(request, upload.size, config.maxBytes);
    const stored = { uri: `sha256:${upload.sha256}`, sha256: upload.sha256, size: upload.size };
    if (await store.has(upload.sha256, upload.size)) return Response.json({ ...stored, stored: false });

    reservation = await ledger.reserve(upload.signer, upload.size, now, config);
    temp = await store.tempPath(upload.sha256);
    const body = await streamToFile(request.body, upload.size, temp);
    if (body.size !== upload.size) {
      throw new BlobError(
        "size_mismatch",
        `The body has ${body.size} bytes; ${upload.size} were signed for.`,
        {
          size: upload.size,
          received: body.size,
        },
      );
    }
    if (body.sha256 !== upload.sha256) {
      throw new BlobError("hash_mismatch", `The bytes hash to ${body.sha256}, not ${upload.sha256}.`);
    }
    const file = temp;
    const created = await ledger.commit(reservation, upload.sha256, now, config.windowSeconds, () =>
      store.place(file, upload.sha256, upload.size),
    );
    reservation = undefined;
    return Response.json({ ...stored, stored: created }, { status: created ? 201 : 200 });
  } catch (error) {
    if (error instanceof BlobError) return blobErrorResponse(error);
    throw error;
  } finally {
    if (reservation) ledger.release(reservation);
    if (temp) await rm(temp, { force: true });
    await discardBody(request);
  }
}

/** Headers that keep a served blob inert: downloaded, never sniffed, never run as a page of the app. */
export const BLOB_RESPONSE_HEADERS = {
  "content-type": "application/octet-stream",
  "content-disposition": "attachment",
  "content-security-policy": "sandbox; default-src 'none'",
  "x-content-type-options": "nosniff",
} as const;

/** GET: the bytes of `hash`, verified against it; immutable, so cached for good. */
export async function getBlob(hash: string, options: HandlerOptions = {}): Promise<Response> {
  const config = blobConfigFromEnv(options.env);
  try {
    const bytes = await new BlobStore(config.directory, config.maxBytes).get(hash);
    return new Response(bytes, {
      headers: {
        ...BLOB_RESPONSE_HEADERS,
        "content-disposition": `attachment; filename="${parseBlobHash(hash)}"`,
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${parseBlobHash(hash)}"`,
      },
    });
  } catch (error) {
    if (error instanceof BlobError) return blobErrorResponse(error);
    throw error;
  }
}

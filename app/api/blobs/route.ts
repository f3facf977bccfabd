import { BlobError, blobErrorStatus, BlobStore } from "@/lib/blobs/store";

export const runtime = "nodejs";

/** PUT raw bytes → 201 { uri: "sha256:<hex>", sha256, size }. An `x-sha256` header, if sent, is checked. */
export async function PUT(request: Request): Promise<Response> {
  const store = BlobStore.fromEnv();
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > store.maxBytes) {
    return Response.json(
      { error: "too_large", message: `The limit is ${store.maxBytes} bytes.` },
      { status: 413 },
    );
  }
  try {
    const bytes = new Uint8Array(await request.arrayBuffer());
    const stored = await store.put(bytes, request.headers.get("x-sha256") ?? undefined);
    return Response.json(stored, { status: 201 });
  } catch (error) {
    if (error instanceof BlobError) {
      return Response.json(
        { error: error.code, message: error.message },
        { status: blobErrorStatus(error.code) },
      );
    }
    throw error;
  }
}

import { putBlob } from "@/lib/blobs/handlers";

export const runtime = "nodejs";

/**
 * PUT raw bytes signed by a wallet → 201 { uri: "sha256:<hex>", sha256, size, stored }. The signed message,
 * quotas, streaming limit and error codes are described in lib/blobs/handlers.ts.
 */
export async function PUT(request: Request): Promise<Response> {
  return putBlob(request);
}

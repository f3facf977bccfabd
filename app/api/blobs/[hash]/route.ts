import { getBlob } from "@/lib/blobs/handlers";

export const runtime = "nodejs";

/** GET /api/blobs/<sha256 hex> → the bytes, verified against their hash, served as an inert download. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ hash: string }> },
): Promise<Response> {
  const { hash } = await params;
  return getBlob(hash);
}

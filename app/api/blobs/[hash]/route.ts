import { BlobError, blobErrorStatus, BlobStore } from "@/lib/blobs/store";

export const runtime = "nodejs";

/** GET /api/blobs/<sha256 hex> → the bytes, verified against their hash; immutable, so cached for good. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ hash: string }> },
): Promise<Response> {
  const { hash } = await params;
  try {
    const bytes = await BlobStore.fromEnv().get(hash);
    return new Response(bytes, {
      headers: {
        "content-type": "application/octet-stream",
        "cache-control": "public, max-age=31536000, immutable",
        etag: `"${hash}"`,
      },
    });
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

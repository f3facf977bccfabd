/** Helpers for the blob store's tests: a signing wallet, signed upload requests and a local HTTP store. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before } from "node:test";
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

/** A request the page's blob store received: its method, path, headers and whole body. */
export type StoreRequest = { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer };

/**
 * A real HTTP blob store for a `describe` block: a local server answering each request (body read in full)
 * with `answer`, and, while the block runs, `fetch` of a path going to that server as the page's own origin.
 */
export function servePageOrigin(answer: (req: StoreRequest, res: ServerResponse) => void): void {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () =>
      answer(
        {
          method: req.method ?? "GET",
          url: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks),
        },
        res,
      ),
    );
  });
  const pageFetch = globalThis.fetch;
  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The page fetches the store by path, from its own origin: here that origin is the server above.
    globalThis.fetch = (input, init) => pageFetch(new URL(String(input), origin), init);
  });
  after(() => {
    globalThis.fetch = pageFetch;
    server.closeAllConnections();
    server.close();
  });
}

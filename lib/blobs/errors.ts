/** Every way a blob request can fail, as the API names it in `{ error: <code> }`. */
export type BlobErrorCode =
  | "too_large"
  | "empty"
  | "bad_hash"
  | "not_found"
  | "corrupt"
  | "hash_mismatch"
  | "size_mismatch"
  | "signature_required"
  | "bad_signature"
  | "expired"
  | "expiry_too_far"
  | "quota_exceeded"
  | "store_full"
  | "ledger_unreadable";

/** Extra numbers a client may show (limits, what is used, when a quota frees up). */
export type BlobErrorDetails = Record<string, number | string>;

export class BlobError extends Error {
  constructor(
    readonly code: BlobErrorCode,
    message: string,
    readonly details: BlobErrorDetails = {},
  ) {
    super(message);
    this.name = "BlobError";
  }
}

const STATUS: Record<BlobErrorCode, number> = {
  too_large: 413,
  empty: 400,
  bad_hash: 400,
  hash_mismatch: 422,
  size_mismatch: 422,
  not_found: 404,
  corrupt: 500,
  signature_required: 401,
  bad_signature: 401,
  expired: 401,
  expiry_too_far: 401,
  quota_exceeded: 429,
  store_full: 507,
  ledger_unreadable: 500,
};

/** HTTP status for each error. */
export function blobErrorStatus(code: BlobErrorCode): number {
  return STATUS[code];
}

/** The JSON error response the API sends: `{ error, message, ...details }`. */
export function blobErrorResponse(error: BlobError): Response {
  return Response.json(
    { ...error.details, error: error.code, message: error.message },
    { status: blobErrorStatus(error.code) },
  );
}

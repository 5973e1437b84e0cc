// The application's error vocabulary, shared by every layer: lib code throws AppError, and only the
// HTTP layer (lib/http.ts) turns it into the one error envelope. No server-only imports here, so
// pages, queries and the push parser can all use it without pulling the HTTP module in.

/** Every error code the API answers with, and its HTTP status. docs/api.md lists them for clients. */
export const ERROR_STATUS = {
  invalid_json: 400,
  invalid_encoding: 400,
  invalid_query: 400,
  unauthorized: 401,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  invalid_notification: 422,
  invalid_body: 422,
  internal: 500,
  storage_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One problem with one input field: `field` is a dotted path ("body.deviceId"), `problem` a sentence. */
export interface FieldProblem {
  field: string;
  problem: string;
}

/** Thrown by lib code; only the HTTP layer turns it into a response. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldProblem[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

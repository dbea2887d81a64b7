import { STATUS_CODES } from "node:http";
import type { ResponseParameters } from "grammy/types";

export interface ApiSuccess {
  ok: true;
  result: unknown;
}

export interface ApiFailure {
  ok: false;
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

export type ApiResponse = ApiSuccess | ApiFailure;

/** An error answered the way the Bot API answers it: HTTP status = error_code. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }

  toResponse(): ApiFailure {
    const failure: ApiFailure = { ok: false, error_code: this.code, description: this.description };
    if (this.parameters) failure.parameters = this.parameters;
    return failure;
  }
}

export function badRequest(detail: string, parameters?: ResponseParameters): ApiError {
  return new ApiError(400, `Bad Request: ${detail}`, parameters);
}

export function forbidden(detail: string): ApiError {
  return new ApiError(403, `Forbidden: ${detail}`);
}

export function tooManyRequests(retryAfter: number): ApiError {
  return new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
}

/** An arbitrary HTTP failure (500, 502, …) with the standard reason phrase as description. */
export function httpFailure(status: number, description?: string): ApiError {
  return new ApiError(status, description ?? STATUS_CODES[status] ?? "Error");
}

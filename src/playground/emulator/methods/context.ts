import type { UploadedFile } from "../multipart.ts";
import type { Params } from "../params.ts";
import type { TelegramState } from "../state.ts";

interface MethodContext {
  state: TelegramState;
  params: Params;
  files: UploadedFile[];
  /** Aborted when the client goes away (used by long polling). */
  signal: AbortSignal;
}

/** Implements one Bot API method: returns the `result`, or throws an ApiError. */
export type MethodHandler = (context: MethodContext) => unknown;

import type { ApiResponse } from "./api-error.ts";
import type { UploadedFile } from "./multipart.ts";

/** One Bot API call as the fake received and answered it. */
export interface ApiCall {
  /** The method name as Telegram spells it (`sendMessage`), whatever case the client used. */
  method: string;
  params: Record<string, unknown>;
  files: UploadedFile[];
  /** When the request arrived (ms since the epoch, from the fake's clock). */
  at: number;
  /** HTTP status of the answer; 0 when no answer was delivered (injected network error, client gave up). */
  status: number;
  response: ApiResponse | undefined;
}

/** Every call in the order it was answered. */
export class CallLog {
  private readonly entries: ApiCall[] = [];

  constructor(private readonly onRecord: () => void) {}

  record(call: ApiCall): void {
    this.entries.push(call);
    this.onRecord();
  }

  get length(): number {
    return this.entries.length;
  }

  list(method?: string, since = 0): ApiCall[] {
    const calls = this.entries.slice(since);
    return method === undefined ? calls : calls.filter((call) => call.method === method);
  }

  /** The last calls in one line each, for timeout messages. */
  describeRecent(count = 10): string {
    const recent = this.entries
      .slice(-count)
      .map((call) => `  ${call.method || "(not an API route)"} → ${call.status} ${describe(call)}`);
    return recent.length > 0 ? `last calls:\n${recent.join("\n")}` : "no calls were made";
  }
}

function describe(call: ApiCall): string {
  if (!call.response) return "(no answer)";
  return call.response.ok ? "" : call.response.description;
}

import type { IncomingMessage } from "node:http";
import { badRequest } from "./api-error.ts";
import { boundaryOf, parseMultipart, type UploadedFile } from "./multipart.ts";

interface ApiRoute {
  token: string;
  method: string;
}

interface RequestPayload {
  params: Record<string, unknown>;
  files: UploadedFile[];
}

/** Fields that form-encoded requests carry as JSON strings. */
const JSON_FIELDS = new Set([
  "allowed_updates",
  "caption_entities",
  "commands",
  "entities",
  "link_preview_options",
  "reply_markup",
  "reply_parameters",
  "scope",
]);
const NUMBER_FIELDS = new Set([
  "cache_time",
  "chat_id",
  "limit",
  "message_id",
  "message_thread_id",
  "offset",
  "reply_to_message_id",
  "timeout",
  "user_id",
]);
const BOOLEAN_FIELDS = new Set([
  "allow_sending_without_reply",
  "disable_content_type_detection",
  "disable_notification",
  "drop_pending_updates",
  "protect_content",
  "show_alert",
]);

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Splits `/bot<token>/<method>`; anything else is not an API route. */
export function parseRoute(pathname: string): ApiRoute | undefined {
  const match = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(pathname);
  if (!match?.[1] || !match[2]) return undefined;
  return { token: decodeURIComponent(match[1]), method: match[2] };
}

/** Reads the parameters of a call from the query string and a JSON, url-encoded or multipart body. */
export async function readPayload(request: IncomingMessage, url: URL): Promise<RequestPayload> {
  const body = await readBody(request);
  const params: Record<string, unknown> = fromStrings(Object.fromEntries(url.searchParams));
  const contentType = request.headers["content-type"] ?? "";
  if (body.length === 0) return { params, files: [] };
  if (/^multipart\/form-data/i.test(contentType)) {
    const { fields, files } = parseMultipart(body, boundaryOf(contentType));
    return { params: { ...params, ...fromStrings(fields) }, files };
  }
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) {
    const fields = Object.fromEntries(new URLSearchParams(body.toString("utf8")));
    return { params: { ...params, ...fromStrings(fields) }, files: [] };
  }
  return { params: { ...params, ...parseJsonObject(body.toString("utf8")) }, files: [] };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseJsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest("can't parse JSON object");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("JSON object expected");
  }
  return value as Record<string, unknown>;
}

/** Gives form values the types a JSON request would have, field by field, as Telegram does. */
function fromStrings(fields: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) params[key] = typedValue(key, value);
  return params;
}

function typedValue(key: string, value: string): unknown {
  if (JSON_FIELDS.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (NUMBER_FIELDS.has(key) && NUMERIC.test(value)) return Number(value);
  if (BOOLEAN_FIELDS.has(key) && (value === "true" || value === "false")) return value === "true";
  return value;
}

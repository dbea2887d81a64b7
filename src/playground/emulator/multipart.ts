import { badRequest } from "./api-error.ts";

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  /** The form field the file was sent under (grammY uses a random id referenced as `attach://<id>`). */
  field: string;
  filename: string;
  contentType: string | undefined;
  data: Buffer;
}

interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

export function boundaryOf(contentType: string): string {
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary) throw badRequest("can't parse multipart/form-data: no boundary");
  return boundary;
}

/** Parses a multipart/form-data body, as much as Bot API requests need. */
export function parseMultipart(body: Buffer, boundary: string): MultipartBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const separator = Buffer.concat([CRLF, delimiter]);
  const result: MultipartBody = { fields: {}, files: [] };
  let position = body.indexOf(delimiter);
  if (position < 0) throw badRequest("can't parse multipart/form-data: boundary not found");
  position += delimiter.length;
  while (body.toString("latin1", position, position + 2) !== "--") {
    const start = position + CRLF.length;
    const end = body.indexOf(separator, start);
    if (end < 0) throw badRequest("can't parse multipart/form-data: unterminated part");
    addPart(result, body.subarray(start, end));
    position = end + separator.length;
  }
  return result;
}

function addPart(result: MultipartBody, part: Buffer): void {
  const headerEnd = part.indexOf(HEADER_END);
  if (headerEnd < 0) throw badRequest("can't parse multipart/form-data: part without headers");
  const headers = new Map<string, string>();
  for (const line of part.toString("utf8", 0, headerEnd).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const disposition = headers.get("content-disposition") ?? "";
  const name = dispositionParameter(disposition, "name");
  if (name === undefined) throw badRequest("can't parse multipart/form-data: part without name");
  const content = part.subarray(headerEnd + HEADER_END.length);
  const filename = dispositionParameter(disposition, "filename");
  if (filename === undefined) {
    result.fields[name] = content.toString("utf8");
  } else {
    result.files.push({ field: name, filename, contentType: headers.get("content-type"), data: Buffer.from(content) });
  }
}

/** Reads `name="value"` or `name=value` (grammY does not quote file names) from a Content-Disposition header. */
function dispositionParameter(disposition: string, parameter: string): string | undefined {
  const match = new RegExp(`(?:^|;)\\s*${parameter}=(?:"([^"]*)"|([^;]*))`, "i").exec(disposition);
  if (!match) return undefined;
  return match[1] ?? match[2]?.trim();
}

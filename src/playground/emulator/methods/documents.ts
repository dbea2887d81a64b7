import type { Document, Message, PhotoSize } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { reachableChat } from "../chat-access.ts";
import type { UploadedFile } from "../multipart.ts";
import type { Params } from "../params.ts";
import type { TelegramState } from "../state.ts";
import { CAPTION, formatText } from "../text.ts";
import type { MethodHandler } from "./context.ts";
import { commonContent, postFromBot } from "./sending.ts";

const MIME_TYPES: Record<string, string> = {
  csv: "text/csv",
  ics: "text/calendar",
  json: "application/json",
  pdf: "application/pdf",
  txt: "text/plain",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  zip: "application/zip",
};

/** The file sent: an uploaded file (`attach://<field>` or a part named after the parameter) or a known file_id. */
function documentOf(
  state: TelegramState,
  params: Params,
  files: UploadedFile[],
  name: "document" | "photo" = "document",
): { fileId: string; file: UploadedFile } {
  const value = params.string(name);
  if (value === undefined || value.startsWith("attach://")) {
    const field = value?.slice("attach://".length) ?? name;
    const file = files.find((candidate) => candidate.field === field);
    if (!file) throw badRequest(`there is no ${name} in the request`);
    if (file.data.length === 0) throw badRequest("file must be non-empty");
    return { fileId: `BQACAgIAAxkDAAI${state.nextId()}`, file };
  }
  const known = state.files.get(value);
  if (!known) throw badRequest("wrong file identifier/HTTP URL specified");
  return { fileId: value, file: known };
}

/** Telegram's limit for bots downloading a file with getFile. */
export const DOWNLOAD_LIMIT = 20 * 1024 * 1024;

export function documentObject(fileId: string, file: UploadedFile): Document {
  const document: Document = {
    file_id: fileId,
    file_unique_id: `AgAD${fileId.slice(-8)}`,
    file_name: file.filename,
    file_size: file.data.length,
  };
  const mimeType = MIME_TYPES[file.filename.split(".").pop()?.toLowerCase() ?? ""];
  if (mimeType) document.mime_type = mimeType;
  return document;
}

const sendDocument: MethodHandler = ({ state, params, files }) => {
  const chat = reachableChat(state, params.chatId());
  const { fileId, file } = documentOf(state, params, files);
  const caption = formatText(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.array("caption_entities"),
    CAPTION,
  );
  const content: Partial<Message> = { document: documentObject(fileId, file), ...commonContent(chat, params) };
  if (caption.text) content.caption = caption.text;
  if (caption.entities.length > 0) content.caption_entities = caption.entities;
  const message = postFromBot(state, chat, content);
  state.files.set(fileId, file);
  return message;
};

/** A PNG's width and height from its IHDR chunk; Telegram refuses what it cannot read as an image. */
function pngSize(data: Buffer): { width: number; height: number } {
  const signature = "89504e470d0a1a0a";
  if (
    data.length < 24 ||
    data.subarray(0, 8).toString("hex") !== signature ||
    data.toString("latin1", 12, 16) !== "IHDR"
  ) {
    throw badRequest("IMAGE_PROCESS_FAILED");
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** sendPhoto with an uploaded PNG (what the bot sends: QR codes); one size, as Telegram's smallest answer has. */
const sendPhoto: MethodHandler = ({ state, params, files }) => {
  const chat = reachableChat(state, params.chatId());
  const { fileId, file } = documentOf(state, params, files, "photo");
  const { width, height } = pngSize(file.data);
  const caption = formatText(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.array("caption_entities"),
    CAPTION,
  );
  const photo: PhotoSize = {
    file_id: fileId,
    file_unique_id: `AQAD${fileId.slice(-8)}`,
    width,
    height,
    file_size: file.data.length,
  };
  const content: Partial<Message> = { photo: [photo], ...commonContent(chat, params) };
  if (caption.text) content.caption = caption.text;
  if (caption.entities.length > 0) content.caption_entities = caption.entities;
  const message = postFromBot(state, chat, content);
  state.files.set(fileId, file);
  return message;
};

/** A file's path for the download route `/file/bot<token>/<path>`; bots may download up to 20 MB. */
const getFile: MethodHandler = ({ state, params }) => {
  const fileId = params.string("file_id");
  const file = fileId === undefined ? undefined : state.files.get(fileId);
  if (fileId === undefined || !file) throw badRequest("invalid file_id");
  if (file.data.length > DOWNLOAD_LIMIT) throw badRequest("file is too big");
  let path = [...state.filePaths].find(([, id]) => id === fileId)?.[0];
  if (path === undefined) {
    const extension = file.filename.includes(".") ? `.${file.filename.split(".").pop()}` : "";
    path = `documents/file_${state.nextId()}${extension}`;
    state.filePaths.set(path, fileId);
  }
  return { file_id: fileId, file_unique_id: `AgAD${fileId.slice(-8)}`, file_size: file.data.length, file_path: path };
};

export const documentMethods = { sendDocument, sendPhoto, getFile };

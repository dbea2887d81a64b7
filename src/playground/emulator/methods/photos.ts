import type { Message, PhotoSize } from "grammy/types";
import { badRequest } from "../api-error.ts";
import { reachableChat } from "../chat-access.ts";
import { CAPTION, formatText } from "../text.ts";
import type { MethodHandler } from "./context.ts";
import { commonContent, postFromBot } from "./sending.ts";

/** Telegram's limits for a photo a bot uploads: 10 MB, width + height at most 10,000. */
export const PHOTO_LIMIT = 10 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG's size from its IHDR chunk; null when the bytes are not a PNG (JPEG is not read here). */
export function pngSize(data: Buffer): { width: number; height: number } | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (data.subarray(12, 16).toString("latin1") !== "IHDR") return null;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** sendPhoto with an uploaded PNG: the message carries one PhotoSize of the image's real size. */
const sendPhoto: MethodHandler = ({ state, params, files }) => {
  const chat = reachableChat(state, params.chatId());
  const value = params.string("photo");
  const field = value?.startsWith("attach://") ? value.slice("attach://".length) : "photo";
  const file = files.find((candidate) => candidate.field === field);
  if (!file) throw badRequest("there is no photo in the request");
  if (file.data.length > PHOTO_LIMIT) throw badRequest("PHOTO_INVALID_DIMENSIONS");
  const size = pngSize(file.data);
  if (!size) throw badRequest("IMAGE_PROCESS_FAILED");
  if (size.width + size.height > 10_000) throw badRequest("PHOTO_INVALID_DIMENSIONS");
  const fileId = `AgACAgIAAxkDAAI${state.nextId()}`;
  const photo: PhotoSize = {
    file_id: fileId,
    file_unique_id: `AQAD${fileId.slice(-8)}`,
    width: size.width,
    height: size.height,
    file_size: file.data.length,
  };
  const caption = formatText(
    params.string("caption") ?? "",
    params.string("parse_mode"),
    params.array("caption_entities"),
    CAPTION,
  );
  const content: Partial<Message> = { photo: [photo], ...commonContent(chat, params) };
  if (caption.text) content.caption = caption.text;
  if (caption.entities.length > 0) content.caption_entities = caption.entities;
  const message = postFromBot(state, chat, content);
  state.files.set(fileId, file);
  return message;
};

export const photoMethods = { sendPhoto };

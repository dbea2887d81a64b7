import type { Message, MessageEntity } from "grammy/types";

/** A message as the page draws it: HTML already made safe, buttons, the file to download. */
export interface MessageView {
  id: number;
  fromBot: boolean;
  from: string;
  date: number;
  edited: boolean;
  html: string;
  buttons: { text: string; data?: string; url?: string }[][];
  forceReply: boolean;
  document: { name: string; fileId: string } | null;
  /** a photo the bot sent (a check-in QR code), its largest size */
  photo: { fileId: string; width: number; height: number } | null;
  replyTo: string | null;
}

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

const SAFE_URL = /^(https?:|tg:|mailto:)/i;

function tags(entity: MessageEntity): [string, string] | null {
  switch (entity.type) {
    case "bold":
      return ["<b>", "</b>"];
    case "italic":
      return ["<i>", "</i>"];
    case "underline":
      return ["<u>", "</u>"];
    case "strikethrough":
      return ["<s>", "</s>"];
    case "spoiler":
      return ['<span class="spoiler">', "</span>"];
    case "code":
      return ["<code>", "</code>"];
    case "pre":
      return ["<pre>", "</pre>"];
    case "blockquote":
    case "expandable_blockquote":
      return ["<blockquote>", "</blockquote>"];
    case "text_link":
      return SAFE_URL.test(entity.url)
        ? [`<a href="${escapeHtml(entity.url)}" target="_blank" rel="noopener">`, "</a>"]
        : null;
    case "bot_command":
      return ['<span class="command">', "</span>"];
    default:
      return null;
  }
}

/** Text plus Telegram entities (UTF-16 offsets, properly nested) as safe HTML. */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[] = []): string {
  const opens = new Map<number, string[]>();
  const closes = new Map<number, string[]>();
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  for (const entity of sorted) {
    const pair = tags(entity);
    if (!pair) continue;
    opens.set(entity.offset, [...(opens.get(entity.offset) ?? []), pair[0]]);
    const end = entity.offset + entity.length;
    closes.set(end, [pair[1], ...(closes.get(end) ?? [])]);
  }
  let html = "";
  for (let i = 0; i <= text.length; i++) {
    html += (closes.get(i) ?? []).join("") + (opens.get(i) ?? []).join("");
    const char = text[i];
    if (char !== undefined) html += escapeHtml(char);
  }
  return html.replaceAll("\n", "<br>");
}

function nameOf(user: Message["from"]): string {
  if (!user) return "";
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

export function messageView(message: Message, forceReplies: Set<string>): MessageView {
  const text = message.text ?? message.caption ?? serviceText(message);
  const entities = message.entities ?? message.caption_entities ?? [];
  const markup = message.reply_markup;
  const document = message.document;
  const photo = message.photo?.at(-1);
  const quoted = message.reply_to_message;
  return {
    id: message.message_id,
    fromBot: message.from?.is_bot ?? false,
    from: nameOf(message.from),
    date: message.date,
    edited: message.edit_date !== undefined,
    html: entitiesToHtml(text, entities),
    buttons: (markup?.inline_keyboard ?? []).map((row) =>
      row.map((button) => ({
        text: button.text,
        ...("callback_data" in button ? { data: button.callback_data } : {}),
        ...("url" in button && button.url && SAFE_URL.test(button.url) ? { url: button.url } : {}),
      })),
    ),
    forceReply: forceReplies.has(`${message.chat.id}:${message.message_id}`),
    document: document ? { name: document.file_name ?? "file", fileId: document.file_id } : null,
    photo: photo ? { fileId: photo.file_id, width: photo.width, height: photo.height } : null,
    replyTo: quoted ? (quoted.text ?? quoted.caption ?? "").slice(0, 80) : null,
  };
}

function serviceText(message: Message): string {
  if (message.new_chat_members) return `+ ${message.new_chat_members.map((u) => u.first_name).join(", ")}`;
  if (message.left_chat_member) return `− ${message.left_chat_member.first_name}`;
  return "";
}

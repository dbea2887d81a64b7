import type { Message } from "grammy/types";
import type { FakeTelegram, GroupChatObject } from "./fake-telegram/index.ts";
import type { SimUser } from "./fake-telegram/users.ts";

/** Waits for the bot's answer to a button press and returns its toast text (or the URL it opened). */
export async function answerOf(
  fake: FakeTelegram,
  queryId: string,
): Promise<{ text?: string; url?: string; show_alert?: boolean }> {
  const [answer] = await fake.waitFor(() => {
    const a = fake.answers(queryId);
    return a.length > 0 ? a : undefined;
  });
  return answer as { text?: string; url?: string; show_alert?: boolean };
}

/** Sends a message and waits for the bot's next message in that chat matching `match`. */
export async function sendAndWait(
  fake: FakeTelegram,
  user: SimUser,
  chat: GroupChatObject | number,
  text: string,
  match: (m: Message) => boolean = () => true,
): Promise<Message> {
  const chatId = typeof chat === "number" ? chat : chat.id;
  const before = fake.sent(chatId).length;
  if (chatId === user.id) user.sendPrivate(text);
  else user.send(chat as GroupChatObject, text);
  return fake.waitFor(() => fake.sent(chatId).slice(before).find(match));
}

/** Presses a button and waits for the answer. */
export async function press(fake: FakeTelegram, user: SimUser, message: Message, label: string) {
  return answerOf(fake, user.press(message, label));
}

export function buttonTexts(message: Message | undefined): string[] {
  const markup = message?.reply_markup;
  return markup && "inline_keyboard" in markup ? markup.inline_keyboard.flat().map((b) => b.text) : [];
}

export function callbackData(message: Message, label: string): string {
  const markup = message.reply_markup;
  const button = markup?.inline_keyboard.flat().find((b) => b.text.includes(label));
  if (!button || !("callback_data" in button) || !button.callback_data) throw new Error(`no button "${label}"`);
  return button.callback_data;
}

import type { Message } from "grammy/types";
import type { OrgKind } from "../../src/services/organisations.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import type { Harness } from "../support/harness.ts";

/** 2026-06-01 10:00 in Shanghai: a month before the public-welfare day. */
export const beforeCampaign = new Date("2026-06-01T02:00:00Z");

/** A mutable clock for the harness. */
export function clock(start: Date) {
  let current = start;
  return {
    now: () => current,
    set(next: Date) {
      current = next;
    },
  };
}

/** An organisation with its own group chat, whose creator is `admin` (and so its organiser). */
export async function organisationWithGroup(
  h: Harness,
  init: { name: string; kind: OrgKind; parentId?: number | null; admin: SimUser; members?: SimUser[] },
): Promise<{ id: number; group: GroupChatObject }> {
  const group = h.fake.group({ title: `${init.name}群`, creator: init.admin, members: init.members ?? [] });
  const before = h.fake.sent(group).length;
  init.admin.send(group, "/help");
  await h.fake.waitFor(() => h.fake.sent(group).length > before);
  for (const member of init.members ?? []) {
    const seen = h.fake.sent(group).length;
    member.send(group, "/help");
    await h.fake.waitFor(() => h.fake.sent(group).length > seen);
  }
  const org = await h.app.services.organisations.create(
    { name: init.name, kind: init.kind, parentId: init.parentId ?? null, timeZone: "Asia/Shanghai", locale: "zh-CN" },
    BigInt(group.id),
  );
  h.app.services.chats.forget(BigInt(group.id));
  return { id: org.id, group };
}

/** Waits for the bot's next message in a chat (after `since` messages) that matches. */
export function nextMessage(
  h: Harness,
  chatId: number,
  since: number,
  match: (m: Message) => boolean = () => true,
  timeoutMs?: number,
): Promise<Message> {
  return h.fake.waitFor(() => h.fake.sent(chatId).slice(since).find(match), timeoutMs ? { timeoutMs } : {});
}

export function textOf(m: Message): string {
  return m.text ?? m.caption ?? "";
}

/** Presses a button and waits until the bot answered the callback query. */
export async function pressAndWait(h: Harness, user: SimUser, message: Message, label: string) {
  const id = user.press(message, label);
  const [answer] = await h.fake.waitFor(() => {
    const answers = h.fake.answers(id);
    return answers.length > 0 ? answers : undefined;
  });
  return answer as { text?: string; url?: string; show_alert?: boolean };
}

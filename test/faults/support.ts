import type { Message } from "grammy/types";
import { jsonField } from "../../src/delivery/kinds.ts";
import { sendOptions } from "../../src/views/view.ts";
import type { GroupChatObject } from "../support/fake-telegram/index.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import type { Harness } from "../support/harness.ts";

export interface Seeded {
  group: GroupChatObject;
  admin: SimUser;
  orgId: number;
  eventId: number;
  /** the event's card as the fake shows it in the group */
  card: Message;
}

let nextSeed = 1;

/**
 * A group linked to an organisation with one published event and its card posted (and recorded) by the bot,
 * the way /events posts it. Each call makes its own group, organisation and event.
 */
export async function seedEventCard(
  h: Harness,
  options: { capacity?: number | null; startsAt?: Date; endsAt?: Date; members?: SimUser[] } = {},
): Promise<Seeded> {
  const { services } = h.app;
  const db = services.database.prisma;
  const n = nextSeed++;
  const admin = h.fake.user({ first_name: `admin ${n}` });
  const group = h.fake.group({ title: `fault group ${n}`, creator: admin, members: options.members ?? [] });
  const org = await db.organisation.create({ data: { name: `fault org ${n}`, joinCode: `FAULT${n}X` } });
  await db.chat.create({ data: { id: BigInt(group.id), type: group.type, organisationId: org.id } });
  const event = await db.event.create({
    data: {
      organisationId: org.id,
      title: `fault event ${n}`,
      startsAt: options.startsAt ?? new Date("2026-06-28T01:00:00Z"),
      endsAt: options.endsAt ?? new Date("2026-06-28T03:00:00Z"),
      precision: "exact",
      timeZone: "Asia/Shanghai",
      capacity: options.capacity === undefined ? 10 : options.capacity,
    },
  });
  const card = await postCardFor(h, event.id, group);
  return { group, admin, orgId: org.id, eventId: event.id, card };
}

/** Posts (and records) one more card of the event into the group, as the bot does. */
export async function postCardFor(h: Harness, eventId: number, group: GroupChatObject): Promise<Message> {
  const { services, callApi } = h.app;
  const view = await services.presenter.card(eventId, "zh-CN");
  if (!view) throw new Error("no card for the event");
  const posted = await callApi("sendMessage", { chat_id: BigInt(group.id), text: view.text, ...sendOptions(view) });
  const messageId = jsonField(posted, "message_id");
  if (typeof messageId !== "number") throw new Error("the fake did not answer with a message");
  await services.cards.remember(eventId, BigInt(group.id), messageId);
  const card = h.fake.sent(group).find((m) => m.message_id === messageId);
  if (!card) throw new Error("the card is not in the group");
  return card;
}

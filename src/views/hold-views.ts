import { encodeCallback } from "./callback-data.ts";
import { type EventSummary, eventTime, formatInstant, type ViewContext } from "./event-views.ts";
import { userText } from "./html.ts";
import { callbackButton, keyboard, urlButton, type View } from "./view.ts";

/** A waitlist offer, privately: the event, until when, Accept / Decline. */
export function offerView(e: EventSummary, until: Date, v: ViewContext): View {
  return {
    text: v.t("offer-private", {
      title: userText(e.title, 200),
      when: eventTime(e, v),
      until: formatInstant(until, e.timeZone, v.locale),
    }),
    reply_markup: keyboard([
      [
        callbackButton(v.t("offer-btn-accept"), encodeCallback("offerAccept", e.id)),
        callbackButton(v.t("offer-btn-decline"), encodeCallback("offerDecline", e.id)),
      ],
    ]),
  };
}

/** A waitlist offer for someone who never started the bot: a mention in the group, and the link to the bot. */
export function offerGroupView(
  e: EventSummary,
  person: { id: bigint; firstName: string },
  until: Date,
  botUsername: string,
  v: ViewContext,
): View {
  const mention = `<a href="tg://user?id=${person.id}">${userText(person.firstName, 60)}</a>`;
  return {
    text: v.t("offer-group", {
      mention,
      title: userText(e.title, 200),
      until: formatInstant(until, e.timeZone, v.locale),
    }),
    reply_markup: keyboard([[urlButton(v.t("offer-btn-open"), `https://t.me/${botUsername}?start=of_${e.id}`)]]),
  };
}

/** One question as it is asked: "问题 1/2：…", its choices as buttons. */
export function questionView(
  e: Pick<EventSummary, "id" | "title">,
  q: { position: number; kind: string; prompt: string; options: string[] },
  total: number,
  v: Pick<ViewContext, "t">,
  current: string | null,
): View {
  const lines = [
    v.t("question-ask", { n: q.position + 1, total, prompt: userText(q.prompt, 100), title: userText(e.title, 100) }),
  ];
  if (q.kind === "phone") lines.push(v.t("question-hint-phone"));
  if (q.kind === "text") lines.push(v.t("question-hint-text"));
  if (current !== null) lines.push(v.t("question-current", { value: userText(current, 200) }));
  const rows =
    q.kind === "choice"
      ? q.options.map((o, i) => [callbackButton(o, encodeCallback("answerPick", e.id, q.position * 10 + i))])
      : [];
  return { text: lines.join("\n"), reply_markup: keyboard(rows) };
}

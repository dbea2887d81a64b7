import type { Translate } from "../i18n/translator.ts";

/** The page's own words in one language; placeholders ({name}, {bot}, …) are filled in by the page. */
export function pageLabels(t: Translate): Record<string, string> {
  const name = "{name}";
  return {
    title: t("playground-title"),
    subtitle: t("playground-subtitle"),
    persona: t("playground-persona"),
    organiser: t("playground-persona-organiser", { name }),
    member: t("playground-persona-member", { name }),
    stranger: t("playground-persona-stranger", { name }),
    chats: t("playground-chats"),
    private: t("playground-private", { bot: "{bot}" }),
    placeholder: t("playground-placeholder"),
    send: t("playground-send"),
    replyTo: t("playground-reply-to", { text: "{text}" }),
    cancelReply: t("playground-cancel-reply"),
    clock: t("playground-clock", { time: "{time}" }),
    hour: t("playground-hour"),
    day: t("playground-day"),
    reset: t("playground-reset"),
    resetConfirm: t("playground-reset-confirm"),
    busy: t("playground-busy"),
    empty: t("playground-empty"),
    pickChat: t("playground-pick-chat"),
    download: t("playground-download"),
    edited: t("playground-edited"),
    notMember: t("playground-not-member", { name }),
    error: t("playground-error", { error: "{error}" }),
    ok: t("playground-ok"),
  };
}

import type { Message } from "grammy/types";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { databaseKinds } from "../support/databases.ts";
import type { SimUser } from "../support/fake-telegram/users.ts";
import { type Harness, startHarness } from "../support/harness.ts";

// Monday 1 June 2026, 10:00 in Shanghai; the event is on 28 June, 9:00–11:00 (01:00–03:00 UTC).
const june1 = new Date("2026-06-01T02:00:00Z");
const beforeOpening = new Date("2026-06-27T23:59:00Z"); // 7:59, one minute before check-in opens
const during = new Date("2026-06-28T01:30:00Z"); // 9:30
const after = new Date("2026-06-28T03:30:00Z"); // 11:30

// jsqr is CommonJS with a default export: Node's ESM hands over the module object, Vitest the function
const jsQR = typeof jsQRModule === "function" ? jsQRModule : jsQRModule.default;

/** The QR image's link, read back from the PNG by a QR decoder (as a phone camera would). */
function decodeQr(data: Buffer): string | null {
  const png = PNG.sync.read(data);
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

describe.each(databaseKinds)("check-in at the venue with a QR link, on %s", (kind) => {
  let h: Harness;
  let clock = june1;

  beforeAll(async () => {
    h = await startHarness({ kind, app: { now: () => clock } });
  });
  afterAll(() => h?.stop());

  /** Opens a check-in link the way Telegram does (`/start <payload>` in private) and returns the bot's answer. */
  async function open(user: SimUser, link: string): Promise<string> {
    const payload = new URL(link).searchParams.get("start") ?? "";
    return (await sendAndWait(h.fake, user, user.id, `/start ${payload}`)).text ?? "";
  }

  it("the organiser's QR code marks people attended during the event; no-shows are the organiser's and the member's own", async () => {
    clock = june1;
    const admin = h.fake.user({ first_name: "组织者" });
    const [signedUp, walkIn, absent, late] = ["李雷", "韩梅梅", "张伟", "王强"].map((name) =>
      h.fake.user({ first_name: name }),
    ) as [SimUser, SimUser, SimUser, SimUser];
    const english = h.fake.user({ first_name: "Tom", language_code: "en" });
    const group = h.fake.group({ title: "义诊群", creator: admin, members: [signedUp, walkIn, absent, late, english] });
    await sendAndWait(h.fake, admin, group, "/setup new 洞桥志愿者协会 | 组织 | - | Asia/Shanghai | zh-CN");
    const card = await sendAndWait(
      h.fake,
      admin,
      group,
      "/newevent 益行洞桥义诊 | 6月28日 9:00-11:00 | 洞桥村 | 3",
      (m) => Boolean(m.text?.startsWith("益行洞桥义诊")),
    );
    expect((await press(h.fake, signedUp, card, "✅ 报名")).text).toBe("已报名 ✅");
    expect((await press(h.fake, absent, card, "✅ 报名")).text).toBe("已报名 ✅");
    const db = h.app.services.database.prisma;
    const event = await db.event.findFirstOrThrow({ where: { title: "益行洞桥义诊" } });
    const status = async (u: SimUser) =>
      (await db.signup.findUnique({ where: { eventId_userId: { eventId: event.id, userId: BigInt(u.id) } } }))?.status;

    // the organiser: roster → 📷 签到码 → a QR image of the link, privately, with the link in the caption
    await sendAndWait(h.fake, admin, admin.id, "/start");
    await press(h.fake, admin, card, "⚙️ 管理");
    const roster = await h.fake.waitFor(() => h.fake.sent(admin.id).find((m) => m.text?.includes("已报名 2/3")));
    expect(buttonTexts(roster)).toContain("📷 签到码");
    await press(h.fake, admin, roster, "📷 签到码");
    const [photo] = await h.fake.waitFor(() => {
      const photos = h.fake.photos(admin.id);
      return photos.length > 0 ? photos : undefined;
    });
    if (!photo) throw new Error("no photo");
    expect(photo.data.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    const size = photo.message.photo?.at(-1);
    expect(size?.width).toBeGreaterThanOrEqual(200);
    expect(size?.width).toBe(size?.height);
    const link = /https:\/\/t\.me\/\S+/.exec(photo.message.caption ?? "")?.[0] ?? "";
    expect(link).toMatch(new RegExp(`^https://t\\.me/${h.fake.bot.username}\\?start=ci_[A-Za-z0-9_-]{22}$`));
    expect(decodeQr(photo.data)).toBe(link);
    // random and stored, not derived from the event id
    const stored = await db.checkinCode.findUniqueOrThrow({ where: { eventId: event.id } });
    expect(link.endsWith(stored.token)).toBe(true);
    expect(stored.token).not.toContain(String(event.id).padStart(3, "0"));
    // asking again shows the same code
    await press(h.fake, admin, roster, "📷 签到码");
    await h.fake.waitFor(() => (h.fake.photos(admin.id).length === 2 ? true : undefined));
    expect(h.fake.photos(admin.id)[1]?.message.caption).toContain(link);

    // before the window: a clear message, nothing marked
    clock = beforeOpening;
    expect(await open(signedUp, link)).toBe(
      "「益行洞桥义诊」的签到在 6月28日 08:00 开始（活动开始前 1 小时），到时再扫一次吧。",
    );
    expect(await status(signedUp)).toBe("confirmed");

    // during the event: attended; opening it again changes nothing
    clock = during;
    expect(await open(signedUp, link)).toBe("✅ 已签到「益行洞桥义诊」，欢迎！");
    expect(await status(signedUp)).toBe("attended");
    expect(await open(signedUp, link)).toBe("你已经签到过「益行洞桥义诊」了。");
    expect(await status(signedUp)).toBe("attended");
    // the cards have caught up with the check-ins so far (none of them changed what the card shows)
    await vi.waitFor(async () => expect(await db.cardMark.findUnique({ where: { eventId: event.id } })).toBeNull(), {
      timeout: 5000,
    });
    // not signed up, and a place is free: let in as a walk-in; the next walk-in finds it full
    expect(await open(walkIn, link)).toBe("✅ 已签到「益行洞桥义诊」。你之前没有报名，已为你登记为到场。");
    expect(await status(walkIn)).toBe("attended");
    // the event's card in the group counts the walk-in too: its last place is taken
    await h.fake.waitFor(() =>
      h.fake.sent(group).find((m) => m.message_id === card.message_id && m.text?.endsWith("🎟 满员")),
    );
    expect(await open(late, link)).toBe("「益行洞桥义诊」名额已满，无法直接签到，请找现场的组织者。");
    expect(await status(late)).toBeUndefined();
    expect(await open(english, link)).toBe(
      "“益行洞桥义诊” is full, so I can't check you in. Please see an organiser at the venue.",
    );

    // forged and malformed codes: a polite refusal that names nothing
    const unknown = "这个签到码无效（可能已换新）。请向现场的组织者要最新的签到码。";
    expect(await open(late, `https://t.me/x?start=ci_${"A".repeat(22)}`)).toBe(unknown);
    expect(await open(late, "https://t.me/x?start=ci_x")).toBe(unknown);
    expect(await open(late, `https://t.me/x?start=ci_${event.id}`)).toBe(unknown);

    // a new code: the old link stops working, the new one works
    const photoMessage = h.fake.photos(admin.id)[1]?.message as Message;
    expect((await press(h.fake, admin, photoMessage, "🔄 换一个签到码")).text).toBe("新签到码已发给你，旧的已失效");
    await h.fake.waitFor(() => (h.fake.photos(admin.id).length === 3 ? true : undefined));
    const renewed = h.fake.photos(admin.id)[2];
    const newLink = decodeQr(renewed?.data ?? Buffer.alloc(0)) ?? "";
    expect(newLink).toMatch(/\?start=ci_[A-Za-z0-9_-]{22}$/);
    expect(newLink).not.toBe(link);
    expect(renewed?.message.caption).toContain(newLink);
    expect(await open(absent, link)).toBe(unknown);
    expect(await status(absent)).toBe("confirmed");
    expect(await open(signedUp, newLink)).toBe("你已经签到过「益行洞桥义诊」了。");

    // after the end: check-in is closed; the one who never came is a no-show, for the organiser…
    clock = after;
    expect(await open(absent, newLink)).toBe("「益行洞桥义诊」已经结束，签到已关闭。如果漏记了，请联系组织者。");
    await press(h.fake, admin, card, "⚙️ 管理");
    const afterRoster = await h.fake.waitFor(() =>
      h.fake.sent(admin.id).find((m) => m.text?.includes("到场 2 人 · 未到 1 人")),
    );
    expect(afterRoster.text).toContain("✅ 李雷");
    expect(afterRoster.text).toContain("✅ 韩梅梅");
    expect(afterRoster.text).toContain("❌ 张伟");
    expect(buttonTexts(afterRoster)).not.toContain("📷 签到码");
    const { csv } = await h.app.services.exports.signupsCsv([event.id], {
      t: h.app.services.translator.for("zh-CN"),
      locale: "zh-CN",
      now: after,
    });
    const lines = csv.toString("utf8").split(/\r?\n/);
    expect(lines.find((l) => l.includes("张伟"))).toContain("缺席");
    expect(lines.find((l) => l.includes("李雷"))).toContain("已参加");
    // …and for the member themselves in /my, nobody else's
    const mine = await sendAndWait(h.fake, absent, absent.id, "/my");
    expect(mine.text).toContain("参加过的活动");
    expect(mine.text).toContain("❌ 未到场");
    const theirs = await sendAndWait(h.fake, signedUp, signedUp.id, "/my");
    expect(theirs.text).toContain("✅ 已到场 · 2 小时");
    expect(theirs.text).not.toContain("张伟");
    const members = h.fake.sent(group.id).map((m) => m.text ?? "");
    expect(members.some((t) => t.includes("未到") || t.includes("❌ 张伟"))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/harness.ts";
import { removalHandled } from "../support/removal.ts";

describe("start-up, /start and /help", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it("registers the command menu in Chinese and English", () => {
    const zh = h.fake.commands({ language_code: "zh" });
    const en = h.fake.commands({ language_code: "en" });
    expect(zh.find((c) => c.command === "events")?.description).toBe("查看近期活动");
    expect(en.find((c) => c.command === "events")?.description).toBe("Upcoming events");
    // a hub's organisers find the onboarding view in the menu too (issue 13)
    expect(zh.find((c) => c.command === "organisations")?.description).toBe("下属组织的群关联情况（上级组织者）");
    expect(en.map((c) => c.command)).toContain("organisations");
    expect(h.fake.calls("getMe").length).toBeGreaterThan(0);
  });

  it("answers /help in a group in Chinese by default, and /start in the user's language", async () => {
    const wang = h.fake.user({ first_name: "王芳" });
    const alice = h.fake.user({ first_name: "Alice", language_code: "en" });
    const group = h.fake.group({ title: "阳光志愿者群", creator: wang, members: [alice] });
    wang.send(group, "/help");
    const help = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("使用帮助")));
    expect(help.text).toContain("/events");
    alice.start();
    const hello = await h.fake.waitFor(() => h.fake.sent(alice.id).find((m) => m.text?.startsWith("Hello, Alice")));
    expect(hello.text).toContain("/events");
  });

  it("a message that makes a handler fail gets a short apology, and the bot keeps running", async () => {
    const bob = h.fake.user({ first_name: "Bob", language_code: "en" });
    const group = h.fake.group({ title: "Volunteers", creator: bob });
    h.fake.failNext("getChatAdministrators", 500, { times: 1 });
    bob.send(group, "/setup");
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.startsWith("Sorry")));
    bob.send(group, "/help");
    await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("Yiqi — help")));
  });

  it("greets a group it is added to, and forgets it when removed", async () => {
    const admin = h.fake.user({ first_name: "Carol", language_code: "en" });
    const group = h.fake.group({ title: "New group", creator: admin, bot: "left" });
    h.fake.setBotStatus(group, "member", { by: admin });
    const hello = await h.fake.waitFor(() => h.fake.sent(group).find((m) => m.text?.includes("/setup")));
    expect(hello.text).toContain("/events");
    h.fake.setBotStatus(group, "left", { by: admin });
    await removalHandled(h, group.id);
    const chat = await h.app.services.database.prisma.chat.findUnique({ where: { id: BigInt(group.id) } });
    expect(chat?.active).toBe(false);
  });
});

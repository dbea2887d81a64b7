import { expect } from "vitest";
import type { Yiqi, YiqiOptions } from "../../src/embed.ts";
import type { DatabaseKind } from "../../src/store/database.ts";
import { FakeClock } from "../scheduler/support.ts";
import { buttonTexts, press, sendAndWait } from "../support/chat.ts";
import { createThrowawayDatabase, type ThrowawayDatabase } from "../support/databases.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram/index.ts";
import { testLogger } from "../support/log-capture.ts";

/** What both example hosts export: the host bot with Yiqi mounted. */
export interface Host {
  yiqi: Yiqi;
  start(): Promise<void>;
  stop(): Promise<void>;
}
export type HostFactory = (env: NodeJS.ProcessEnv, yiqi: YiqiOptions) => Promise<Host>;

export interface RunningHost {
  host: Host;
  fake: FakeTelegram;
  clock: FakeClock;
  database: ThrowawayDatabase;
  stop(): Promise<void>;
}

/**
 * An example host started as its `main` starts it (BOT_TOKEN, TELEGRAM_API_ROOT, DATABASE_URL) against the fake
 * Bot API server and a throw-away database, on a clock the test moves: Monday 1 June 2026, 10:00 in Shanghai.
 */
export async function startHost(create: HostFactory, kind: DatabaseKind): Promise<RunningHost> {
  const clock = new FakeClock(new Date("2026-06-01T02:00:00Z").getTime());
  const fake = await startFakeTelegram({ now: clock.nowMs });
  const database = await createThrowawayDatabase(kind);
  const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url };
  const logger = testLogger();
  const host = await create(env, { now: clock.now, logger, scheduler: false });
  await host.start();
  return {
    host,
    fake,
    clock,
    database,
    async stop() {
      await host.stop();
      await fake.close();
      await database.drop();
    },
  };
}

/** The host's own /ping, Yiqi's command menu merged into the host's, and the host's answer to other private text. */
export async function hostKeepsItsOwn(r: RunningHost): Promise<void> {
  const { fake } = r;
  const user = fake.user({ first_name: "Ann", language_code: "en" });
  const group = fake.group({ title: "Neighbours", creator: user });
  expect((await sendAndWait(fake, user, group, "/ping")).text).toBe("pong");
  expect((await sendAndWait(fake, user, user.id, "/ping")).text).toBe("pong");
  // not Yiqi's: the host's own catch-all answers (Yiqi's standalone fallback would have said something else)
  expect((await sendAndWait(fake, user, user.id, "what is this bot?")).text).toBe(
    "This is the host bot: try /ping or /events.",
  );
  const menus = fake.calls("setMyCommands").map((c) => c.params.commands as { command: string }[]);
  expect(menus.length).toBeGreaterThan(0);
  for (const menu of menus) expect(menu.map((c) => c.command)).toEqual(expect.arrayContaining(["ping", "events"]));
}

/** Setup, an event, a sign-up, a cancellation that promotes the waitlisted, and a reminder from Yiqi's sender. */
export async function eventDay(r: RunningHost): Promise<void> {
  const { fake, clock, host } = r;
  const admin = fake.user({ first_name: "王芳", username: "wangfang" });
  const [li, zhang] = ["李雷", "张伟"].map((first_name) => fake.user({ first_name })) as [
    ReturnType<FakeTelegram["user"]>,
    ReturnType<FakeTelegram["user"]>,
  ];
  const group = fake.group({ title: "阳光志愿者群", creator: admin, members: [li, zhang] });

  const created = await sendAndWait(fake, admin, group, "/setup new 阳光志愿者协会");
  expect(created.text).toContain("已创建组织阳光志愿者协会");
  const card = await sendAndWait(fake, admin, group, "/newevent 社区义诊 | 6月28日 9:00-11:30 | 幸福社区服务中心 | 1");
  expect(card.text).toContain("社区义诊");
  expect(card.text).toContain("0/1");
  expect(buttonTexts(card)).toContain("✅ 报名");

  expect((await press(fake, li, card, "✅ 报名")).text).toBe("已报名 ✅");
  expect((await press(fake, zhang, card, "✅ 报名")).text).toBe("名额已满，你在候补第 1 位");
  expect((await press(fake, li, card, "取消报名")).text).toBe("已取消报名");
  const promoted = await fake.waitFor(() => fake.sent(group).find((m) => m.text?.includes("空出了名额")));
  expect(promoted.text).toContain("张伟");

  // the scheduler's minutely pass (its cron is off: the test runs it) plans the group's reminder an hour
  // before the start; when it is due, Yiqi's sender (started with the host) posts it
  clock.set("2026-06-27T23:59:00Z");
  await host.yiqi.scheduler.run(clock.now());
  clock.set("2026-06-28T00:00:05Z");
  const reminder = await fake.waitForAsync(async () => {
    host.yiqi.services.nudgeSender();
    return fake.sent(group).find((m) => m.text?.includes("活动提醒"));
  });
  expect(reminder.text).toContain("社区义诊");
}

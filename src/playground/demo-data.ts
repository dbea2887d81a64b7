import { fileURLToPath } from "node:url";
import type { App } from "../app.ts";
import { importCommand } from "../cli/import.ts";
import { localDate, wallClockOf, zonedInstant } from "../domain/time/calendar.ts";
import { telegramId } from "../telegram-id.ts";
import type { FakeTelegram, GroupChatObject, SimUser } from "./emulator/index.ts";

const ZONE = "Asia/Shanghai";
const HOUR_MS = 3_600_000;
export const PROGRAMME_FILE = fileURLToPath(new URL("programme-2020.csv", import.meta.url));
export const CITY = "宁波市社会组织服务中心";
export const DISTRICTS = ["海曙区", "江北区", "鄞州区", "镇海区", "北仑区", "奉化区"];
export const ASSOCIATION = "宁波市阳光志愿者协会";

export interface Persona {
  key: "organiser" | "member1" | "member2" | "member3" | "stranger";
  user: SimUser;
}

export interface Demo {
  personas: Persona[];
  groups: GroupChatObject[];
}

/** The year of the coming June 28 (this year's until it has passed) in the city's zone. */
export function comingCampaignYear(now: Date): number {
  const today = localDate(now, ZONE);
  const year = Number(today.slice(0, 4));
  return today.slice(5) <= "06-28" ? year : year + 1;
}

/**
 * The playground's world: 宁波市 with its districts, a group per district and one for the city, the seed's
 * 2020 programme re-dated to the coming June 28 and imported by the city through the CLI, and an association
 * with a few events of its own in the next days. Personas: an organiser (admin of every group), three
 * members (one English-speaking) and a stranger.
 */
export async function seedDemo(fake: FakeTelegram, app: App, now: Date): Promise<Demo> {
  const person = (first_name: string, language_code: string, username: string, started = true) =>
    fake.user({ first_name, language_code, username, started });
  const organiser = person("王芳", "zh-CN", "wangfang");
  const li = person("李娜", "zh-CN", "lina");
  const zhang = person("张伟", "zh-CN", "zhangwei");
  const emma = person("Emma", "en", "emma");
  const stranger = person("陈先生", "zh-CN", "chen", false);
  const members = [li, zhang, emma];
  const { services } = app;
  for (const user of [organiser, ...members]) await services.users.markStarted(user.user);

  const groups: GroupChatObject[] = [];
  const orgWithGroup = async (
    name: string,
    kind: "city" | "district" | "organisation",
    parentId: number | null,
    in_: SimUser[],
  ) => {
    const group = fake.group({
      title: `${name}群`,
      type: "supergroup",
      creator: organiser,
      members: in_,
      bot: "administrator",
    });
    await services.chats.remember(group);
    const org = await services.organisations.create(
      { name, kind, parentId, timeZone: ZONE, locale: "zh-CN" },
      telegramId(group.id),
    );
    groups.push(group);
    return org;
  };
  const city = await orgWithGroup(CITY, "city", null, members);
  const districts = [];
  for (const [i, district] of DISTRICTS.entries()) {
    districts.push(await orgWithGroup(`${district}社会组织服务中心`, "district", city.id, i === 0 ? [li, zhang] : []));
  }
  const association = await orgWithGroup(ASSOCIATION, "organisation", districts[0]?.id ?? city.id, members);
  await seedAssociationEvents(app, association.id, now);
  await importProgramme(app, city.id, now);
  return {
    personas: [
      { key: "organiser", user: organiser },
      { key: "member1", user: li },
      { key: "member2", user: zhang },
      { key: "member3", user: emma },
      { key: "stranger", user: stranger },
    ],
    groups,
  };
}

/** Three upcoming events: one about 20 hours ahead (its one-hour reminder falls within a day), two later. */
async function seedAssociationEvents(app: App, organisationId: number, now: Date): Promise<void> {
  const soon = wallClockOf(new Date(now.getTime() + 20 * HOUR_MS), ZONE);
  const soonStart = zonedInstant(soon.date, Math.floor(soon.minutes / 60) * 60, ZONE);
  const inDays = (days: number, hour: number) => {
    const day = wallClockOf(new Date(now.getTime() + days * 24 * HOUR_MS), ZONE).date;
    return zonedInstant(day, hour * 60, ZONE);
  };
  const events = [
    {
      title: "社区读书会",
      content: "一起读《乡土中国》，带一本想分享的书",
      place: "海曙区图书馆二楼",
      start: soonStart,
      hours: 2,
      capacity: 12,
    },
    {
      title: "敬老院探访",
      content: "陪老人聊天、表演节目",
      place: "鼓楼街道敬老院",
      start: inDays(3, 14),
      hours: 2,
      capacity: 8,
    },
    {
      title: "江边净滩行动",
      content: "清理三江口沿岸垃圾，手套和袋子现场发放",
      place: "三江口公园",
      start: inDays(6, 9),
      hours: 3,
      capacity: null,
    },
  ];
  for (const e of events) {
    await app.services.events.create({
      organisationId,
      title: e.title,
      content: e.content,
      place: e.place,
      capacity: e.capacity,
      window: {
        start: e.start,
        end: new Date(e.start.getTime() + e.hours * HOUR_MS),
        precision: "exact",
        timeZone: ZONE,
      },
    });
  }
}

/** The seed programme through the command line's import, as an operator would run it. */
async function importProgramme(app: App, cityId: number, now: Date): Promise<void> {
  const errors: string[] = [];
  const io = { out: () => undefined, err: (text: string) => errors.push(text), env: {}, now: () => now };
  const cli = { databaseUrl: app.config.databaseUrl, defaultTimeZone: ZONE };
  const year = String(comingCampaignYear(now));
  const argv = [PROGRAMME_FILE, "--year", year, "--campaign", "社会组织公益日", "--org", String(cityId)];
  const code = await importCommand(argv, cli, io, app.services.translator);
  if (code !== 0) throw new Error(`the demo programme did not import: ${errors.join("; ")}`);
}

import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Locale, locales } from "../../src/config/config.ts";
import { Translator } from "../../src/i18n/translator.ts";

/**
 * Renders every message of every locales/<lang>/*.ftl with realistic arguments, in both languages, side by
 * side, into data/messages.txt (generated, not committed: `npx vitest run test/i18n/render-all.test.ts`,
 * then read it). Messages with counts are rendered with 1 and with 3 so both plural forms can be read.
 * The checks below are the rules a reader would otherwise catch by eye.
 */
const samples: Record<Locale, Record<string, string>> = {
  "zh-CN": {
    title: "社区植树活动",
    name: "江北区志愿者协会",
    org: "江北区志愿者协会",
    organisation: "江北区志愿者协会",
    hub: "宁波市社会组织联合会",
    current: "江东社工站",
    parent: "宁波市社会组织联合会",
    campaign: "社会组织公益日",
    district: "江北区",
    when: "6月28日 周日 9:00–11:30",
    date: "6月28日",
    time: "08:30",
    place: "江北公园东门",
    lead: "1 小时",
    places: "3/20",
    offsets: "1 天和 2 小时",
    file: "公益日活动安排表.csv",
    value: "6月31日",
    text: "明早",
    code: "K7M2Q9XA",
    user: "@lilei",
    by: "王芳",
    mention: "李雷",
    names: "李雷、韩梅梅、王芳",
    kind: "组织",
    zone: "Asia/Shanghai",
    year: "2026",
    hours: "2.5 小时",
    mark: "☑",
    missing: "活动时间",
    detail: "第 3 行引号未闭合",
    problem: "活动名称为空",
    quiet: "no",
    yearly: "yes",
    month: "6",
    day: "28",
    groups: "2",
    counts: "新建 3 个，移动 1 个，修改级别 0 个，未变 12 个",
    chat: "江北志愿者群",
    bot: "一起",
    error: "网络连接中断",
    passed: "11月28日（周六）",
    chosen: "2027年11月28日（周日）",
    coming: "12月5日",
    following: "12月12日",
    weekday: "周六",
    link: "https://t.me/yiqi_bot?start=ci_Q2x9mK4tR7vW1zA8bC3dEf",
    written: "6/7",
    example: "7月6日",
    limit: "5000",
    size: "12.5",
    list: "江北区、海曙区",
    mentions: "李雷、韩梅梅",
    new: "6月28日 周日 14:00–16:00",
    old: "6月28日 周日 9:00–11:30",
    role: "引导员",
    roles: "引导员 2/3、摄影 1/1",
    until: "6月27日 18:00",
    prompt: "紧急联系人电话",
    questions: "电话：紧急联系人电话\n选择：T恤尺码：S / M / L",
    options: "S / M / L",
    duration: "2 小时",
    rule: "每周六",
    first: "6月6日 周六 9:00–11:00",
    final: "12月26日 周六 9:00–11:00",
    head: "1 天、2 小时",
    last: "30 分钟",
    language: "中文",
    linked: "8",
    total: "10",
    mode: "mixed",
    level: "区县",
    levels: "区县 8/10 · 组织 412/1126",
    group: "海曙区社会组织群",
  },
  en: {
    title: "Tree planting",
    name: "Riverside Volunteers",
    org: "Riverside Volunteers",
    organisation: "Riverside Volunteers",
    hub: "Ningbo Federation of Social Organisations",
    current: "Eastside Social Work Station",
    parent: "Ningbo Federation of Social Organisations",
    campaign: "Public-welfare day",
    district: "Jiangbei",
    when: "Sun 28 Jun, 9:00–11:30",
    date: "28 Jun",
    time: "08:30",
    place: "East gate, Jiangbei Park",
    lead: "1 hour",
    places: "3/20",
    offsets: "1 day and 2 hours",
    file: "programme.csv",
    value: "31 June",
    text: "tomorrow-ish",
    code: "K7M2Q9XA",
    user: "@lilei",
    by: "Wang Fang",
    mention: "Li Lei",
    names: "Li Lei, Han Meimei, Wang Fang",
    kind: "organisation",
    zone: "Asia/Shanghai",
    year: "2026",
    hours: "2.5 h",
    mark: "☑",
    missing: "time",
    detail: "unclosed quote on line 3",
    problem: "no title",
    quiet: "no",
    yearly: "yes",
    month: "6",
    day: "28",
    groups: "2",
    counts: "3 new, 1 moved, 0 changed level, 12 unchanged",
    chat: "Riverside volunteers",
    bot: "Yiqi",
    error: "the connection was lost",
    passed: "Sat 28 Nov",
    chosen: "Sun 28 Nov 2027",
    coming: "5 Dec",
    following: "12 Dec",
    weekday: "Saturday",
    link: "https://t.me/yiqi_bot?start=ci_Q2x9mK4tR7vW1zA8bC3dEf",
    written: "6/7",
    example: "6 July",
    limit: "5000",
    size: "12.5",
    list: "Jiangbei, Haishu",
    mentions: "Li Lei, Han Meimei",
    new: "Sun 28 Jun, 14:00–16:00",
    old: "Sun 28 Jun, 9:00–11:30",
    role: "guide",
    roles: "guide 2/3, photographer 1/1",
    until: "27 Jun, 18:00",
    prompt: "Emergency contact",
    questions: "phone: Emergency contact\nchoice: T-shirt size: S / M / L",
    options: "S / M / L",
    duration: "2 hours",
    rule: "every Saturday",
    first: "Sat 6 Jun, 9:00–11:00",
    final: "Sat 26 Dec, 9:00–11:00",
    head: "1 day, 2 hours",
    last: "30 minutes",
    language: "English",
    linked: "8",
    total: "10",
    mode: "mixed",
    level: "district",
    levels: "Districts 8/10 · Organisations 412/1126",
    group: "Haishu social organisations",
  },
};

/** Arguments that are numbers (plural selectors and counts). */
const numeric = new Set([
  "count",
  "absent",
  "total",
  "waitlisted",
  "position",
  "confirmed",
  "capacity",
  "signups",
  "cancellations",
  "cancelled",
  "people",
  "groups",
  "events",
  "going",
  "page",
  "pages",
  "today",
  "week",
  "attended",
  "expected",
  "created",
  "updated",
  "unchanged",
  "row",
  "create",
  "move",
  "update",
  "cards",
  "free",
  "max",
  "queued",
  "n",
  "minutes",
  "organiserOf",
  "activities",
  "left",
  "uncapped",
  "hoursDone",
  "already",
  "refused",
]);

function messageSources(locale: Locale): Map<string, { file: string; source: string }> {
  const dir = join("locales", locale);
  const out = new Map<string, { file: string; source: string }>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const m of text.matchAll(/^([a-z][a-z0-9_-]*) =(.*(?:\n[ \t]+.*)*)/gm)) {
      out.set(m[1] ?? "", { file, source: m[2] ?? "" });
    }
  }
  return out;
}

const translator = new Translator("zh-CN");
const sources = Object.fromEntries(locales.map((l) => [l, messageSources(l)])) as Record<
  Locale,
  Map<string, { file: string; source: string }>
>;

function argsFor(locale: Locale, source: string, n: number): Record<string, string | number> {
  const args: Record<string, string | number> = {};
  for (const m of source.matchAll(/\$([a-zA-Z_]+)/g)) {
    const name = m[1] ?? "";
    args[name] = numeric.has(name) ? n : (samples[locale][name] ?? `«${name}»`);
  }
  return args;
}

function render(locale: Locale, key: string, n: number): string {
  const source = sources[locale].get(key)?.source ?? "";
  return translator.t(locale, key, argsFor(locale, source, n));
}

describe("every message, rendered", () => {
  const keys = translator.keys("zh-CN").sort();

  it("renders in both languages and is written to data/messages.txt to be read", () => {
    const blocks: string[] = [];
    for (const key of keys) {
      const source = sources["zh-CN"].get(key)?.source ?? "";
      const counted = [...source.matchAll(/\$([a-zA-Z_]+)/g)].some((m) => numeric.has(m[1] ?? ""));
      const lines = [`## ${key}  (${sources["zh-CN"].get(key)?.file ?? "?"})`];
      for (const locale of locales) {
        for (const n of counted ? [1, 3] : [3]) {
          lines.push(`${locale}${counted ? ` [${n}]` : ""}: ${render(locale, key, n).replace(/\n/g, "\n    ")}`);
        }
      }
      blocks.push(lines.join("\n"));
    }
    mkdirSync("data", { recursive: true });
    writeFileSync(join("data", "messages.txt"), `${blocks.join("\n\n")}\n`);
    expect(blocks).toHaveLength(keys.length);
  });

  it("has a realistic sample for every argument a message names", () => {
    const bad = locales.flatMap((l) =>
      keys.filter((k) => /«[a-zA-Z_]+»|\{ ?\$/.test(render(l, k, 3))).map((k) => `${l}:${k}`),
    );
    expect(bad).toEqual([]);
  });

  it("Chinese: 「」 quotes, full-width punctuation after Chinese, no “候补 0”", () => {
    const bad = keys.filter((key) =>
      [0, 1, 3].some((n) => {
        const text = render("zh-CN", key, n).replace(/<[^>]+>/g, "");
        return /[“”"«»]/.test(text) || /[\u4e00-\u9fff][:;,!?]/.test(text) || /满员 · 候补 0/.test(text);
      }),
    );
    expect(bad).toEqual([]);
  });

  it("English: “” quotes, no «», no “1 … -s” plurals, no “0 waitlisted”", () => {
    const bad = keys.filter((key) => {
      const one = render("en", key, 1).replace(/<[^>]+>/g, "");
      return (
        /["«»]/.test(one) ||
        /\b1 (?:new )?(?:sign-ups|cancellations|people|events|activities|groups|rows|changes|guests|cards|organisations)\b/.test(
          one,
        ) ||
        /\w\(s\)/.test(render("en", key, 3)) ||
        /\b0 waitlisted/.test(render("en", key, 0))
      );
    });
    expect(bad).toEqual([]);
  });

  it("Chinese: no space between Chinese words and a name (「江北区志愿者协会的」, not 「江北区志愿者协会 的」)", () => {
    const names = [
      "title",
      "name",
      "org",
      "organisation",
      "hub",
      "current",
      "parent",
      "campaign",
      "place",
      "chat",
      "by",
    ]
      .map((k) => samples["zh-CN"][k] ?? "")
      .filter((n) => /^[\u4e00-\u9fff]+$/.test(n));
    const bad = keys.filter((key) => {
      const text = render("zh-CN", key, 3).replace(/<[^>]+>/g, "");
      return names.some((n) => new RegExp(`[\\u4e00-\\u9fff] ${n}|${n} [\\u4e00-\\u9fff]`).test(text));
    });
    expect(bad).toEqual([]);
  });
});

import type { GlanceRow } from "../domain/campaign-glance.ts";
import type { Translate } from "../i18n/translator.ts";
import { CHART_FONT, type ChartSpec } from "../services/chart-renderer.ts";
import { fitMessage, userText } from "./html.ts";

/** Telegram's limit for a photo's caption. */
export const CAPTION_LIMIT = 1024;
/** Lines of the glance shown above the programme (a district with many streets is cut short). */
const GLANCE_LINES = 30;
const BAR_COLOURS = ["#5470c6", "#91cc75"];

/** The name a row goes by: a district's, or "宁波市本级" for what sits directly under the hub. */
export function rowName(row: GlanceRow, t: Translate): string {
  return row.own ? t("campaign-glance-own", { name: row.name }) : row.name;
}

/** "海曙区：2 项活动，报名 5 人，余位 15，出席 3 人，共 12 小时" */
export function glanceLine(row: GlanceRow, t: Translate): string {
  const capped = row.activities - row.uncapped;
  const mode = row.uncapped === 0 || row.activities === 0 ? "number" : capped === 0 ? "unlimited" : "mixed";
  return t("campaign-glance-line", {
    name: userText(rowName(row, t), 40),
    activities: row.activities,
    signups: row.signups,
    left: t("campaign-glance-left", { mode, left: row.placesLeft, uncapped: row.uncapped }),
    attended: row.attended,
    hoursDone: row.hours,
  });
}

/** What the parts are called: districts (a city's), streets (a district's), or none when only the hub's own line. */
function partsKind(rootKind: string, rows: readonly GlanceRow[]): string {
  return rows.some((r) => !r.own) ? rootKind : "other";
}

/** The glance block above the programme in `/campaign`: a heading and one line per part of the hub. */
export function glanceBlock(rootKind: string, rows: readonly GlanceRow[], t: Translate): string[] {
  const kind = partsKind(rootKind, rows);
  const lines = rows.slice(0, GLANCE_LINES).map((r) => `· ${glanceLine(r, t)}`);
  if (rows.length > GLANCE_LINES) lines.push(t("campaign-glance-more", { count: rows.length - GLANCE_LINES }));
  return ["", t("campaign-glance-title", { kind }), ...lines];
}

function totals(rows: readonly GlanceRow[]): GlanceRow {
  const sum = (pick: (r: GlanceRow) => number) => rows.reduce((n, r) => n + pick(r), 0);
  return {
    id: 0,
    name: "",
    own: false,
    activities: sum((r) => r.activities),
    signups: sum((r) => r.signups),
    placesLeft: sum((r) => r.placesLeft),
    uncapped: sum((r) => r.uncapped),
    attended: sum((r) => r.attended),
    hours: Math.round(sum((r) => r.hours) * 100) / 100,
  };
}

/** The caption of `/campaign stats` (and its text when no chart can be drawn): every figure, within 1024. */
export function statsCaption(campaign: string, rootKind: string, rows: readonly GlanceRow[], t: Translate): string {
  const all = totals(rows);
  const blocks = [
    t("campaign-stats-title", { name: userText(campaign, 60), kind: partsKind(rootKind, rows) }),
    ...rows.map((r) => `· ${glanceLine(r, t)}`),
    t("campaign-stats-total", {
      activities: all.activities,
      signups: all.signups,
      attended: all.attended,
      hoursDone: all.hours,
    }),
  ];
  const [title = "", ...rest] = blocks;
  const total = rest.pop() ?? "";
  const body = fitMessage([title, ...rest], (left) => t("campaign-glance-more", { count: left }), CAPTION_LIMIT - 200);
  return `${body}\n${total}`;
}

/** The bar chart of `/campaign stats`: sign-ups and attendance per part of the hub, labelled in Chinese. */
export function statsChart(campaign: string, rootKind: string, rows: readonly GlanceRow[], t: Translate): ChartSpec {
  const names = rows.map((r) => Array.from(rowName(r, t)).slice(0, 10).join(""));
  const width = Math.min(2400, Math.max(800, 90 * rows.length + 160));
  const series = (name: string, data: number[], colour: string | undefined) => ({
    name,
    type: "bar",
    data,
    itemStyle: { color: colour },
    label: { show: true, position: "top", fontSize: 14 },
    barMaxWidth: 40,
  });
  return {
    width,
    height: 520,
    option: {
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: CHART_FONT },
      title: {
        text: t("campaign-chart-title", { name: campaign, kind: partsKind(rootKind, rows) }),
        left: "center",
        top: 12,
      },
      legend: {
        top: 48,
        data: [t("campaign-chart-signups"), t("campaign-chart-attended")],
        textStyle: { fontSize: 14 },
      },
      grid: { top: 96, left: 56, right: 32, bottom: 96 },
      xAxis: {
        type: "category",
        data: names,
        axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0, fontSize: 14 },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        series(
          t("campaign-chart-signups"),
          rows.map((r) => r.signups),
          BAR_COLOURS[0],
        ),
        series(
          t("campaign-chart-attended"),
          rows.map((r) => r.attended),
          BAR_COLOURS[1],
        ),
      ],
    },
  };
}

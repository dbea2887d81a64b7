/**
 * What `/campaign stats` costs the bot: the time to draw the chart on its worker thread, and the longest
 * stall of the bot's own event loop meanwhile (what every other chat would wait), for a city (10 districts)
 * and a district with 60 streets:
 *
 *   npm run bench:chart -- [--runs 5]
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import type { GlanceRow } from "../src/domain/campaign-glance.ts";
import { Translator } from "../src/i18n/translator.ts";
import { renderChart } from "../src/services/chart-renderer.ts";
import { statsChart } from "../src/views/campaign-glance-views.ts";
import { benchArgs } from "./args.ts";

const runs = Number(benchArgs().get("runs") ?? 5);
const t = new Translator("zh-CN").for("zh-CN");

function rows(count: number, prefix: string): GlanceRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    name: `${prefix}${i + 1}`,
    own: false,
    activities: 3,
    signups: 40 + ((i * 7) % 30),
    placesLeft: 5,
    uncapped: 0,
    attended: 30 + ((i * 5) % 20),
    hours: 90,
  }));
}

for (const [label, data] of [
  ["city, 10 districts", rows(10, "某某区")],
  ["district, 60 streets", rows(60, "某某街道")],
] as const) {
  const times: number[] = [];
  const stalls: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const start = performance.now();
    const chart = await renderChart(statsChart("社会组织公益日", "city", data, t));
    times.push(performance.now() - start);
    loop.disable();
    stalls.push(loop.max / 1e6);
    if (!chart.ok) throw new Error(`no chart: ${chart.error} ${chart.detail ?? ""}`);
    bytes = chart.png.length;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `${label}: ${bytes} bytes PNG; draw ${median(times).toFixed(0)} ms median (worker start included); ` +
      `bot event loop stalled at most ${Math.max(...stalls).toFixed(1)} ms`,
  );
}

import { runOneShotWorker } from "./one-shot-worker.ts";

/** The family name of the font in @embedpdf/fonts-sc (Noto Sans, simplified Chinese, GB2312). */
export const CHART_FONT = "Noto Sans Hans";
const WORKER_MEMORY_MB = 256;
const WORKER_TIMEOUT_MS = 30_000;

export interface ChartSpec {
  /** an ECharts option (plain JSON: it crosses to the worker) */
  option: Record<string, unknown>;
  width: number;
  height: number;
}

export type ChartOutcome = { ok: true; png: Buffer } | { ok: false; error: "timeout" | "failed"; detail?: string };

/**
 * Renders a chart to PNG on a worker thread: loading ECharts and an 8 MB font and rasterising take a few
 * hundred milliseconds of CPU, which would otherwise stall every chat the bot is answering. The worker
 * exists only while it renders (the bot's idle memory does not carry the chart libraries), with a memory
 * cap and a time limit.
 */
export function renderChart(spec: ChartSpec): Promise<ChartOutcome> {
  return runOneShotWorker<ChartOutcome>(
    new URL("./chart-worker.mjs", import.meta.url),
    { ...spec, fontFamily: CHART_FONT },
    { memoryMb: WORKER_MEMORY_MB, youngMb: 32, timeoutMs: WORKER_TIMEOUT_MS },
    {
      message: (result) => {
        const png = (result as { png: Uint8Array }).png;
        return { ok: true, png: Buffer.from(png.buffer, png.byteOffset, png.byteLength) };
      },
      error: (error) => ({ ok: false, error: "failed", detail: error.message }),
      exit: () => ({ ok: false, error: "failed", detail: "the renderer stopped" }),
      timeout: () => ({ ok: false, error: "timeout" }),
    },
  );
}

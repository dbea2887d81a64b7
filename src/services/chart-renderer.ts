import { Worker } from "node:worker_threads";

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
  return new Promise((resolve) => {
    const worker = new Worker(new URL("./chart-worker.mjs", import.meta.url), {
      workerData: { ...spec, fontFamily: CHART_FONT },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const finish = (outcome: ChartOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
      void worker.terminate();
    };
    const timer = setTimeout(() => finish({ ok: false, error: "timeout" }), WORKER_TIMEOUT_MS);
    worker.once("message", (result: { ok: true; png: Uint8Array }) =>
      finish({ ok: true, png: Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength) }),
    );
    worker.once("error", (error: Error) => finish({ ok: false, error: "failed", detail: error.message }));
    worker.once("exit", () => finish({ ok: false, error: "failed", detail: "the renderer stopped" }));
  });
}

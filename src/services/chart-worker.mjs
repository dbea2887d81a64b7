// Worker entry (plain JavaScript, no TypeScript to load): an ECharts option → SVG (ECharts' server-side
// renderer) → PNG (resvg), with the Chinese font that ships in the @embedpdf/fonts-sc npm package.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { Resvg } from "@resvg/resvg-js";
import * as echarts from "echarts";

const require = createRequire(import.meta.url);
const { option, width, height, fontFamily } = workerData;
const fontFile = join(dirname(require.resolve("@embedpdf/fonts-sc")), "..", "fonts", "NotoSansHans-Regular.otf");

const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
chart.setOption({ ...option, animation: false });
const svg = chart.renderToSVGString();
chart.dispose();
const png = new Resvg(svg, {
  background: "#ffffff",
  font: { loadSystemFonts: false, fontFiles: [fontFile], defaultFontFamily: fontFamily },
})
  .render()
  .asPng();
parentPort?.postMessage({ ok: true, png });

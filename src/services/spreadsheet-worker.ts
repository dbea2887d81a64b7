import { parentPort, workerData } from "node:worker_threads";
import { readSpreadsheet } from "../imports/spreadsheet.ts";
import type { SpreadsheetLimits } from "../imports/spreadsheet-format.ts";

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: SpreadsheetLimits };
parentPort?.postMessage(readSpreadsheet(Buffer.from(bytes), limits));

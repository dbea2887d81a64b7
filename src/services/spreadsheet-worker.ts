import { parentPort, workerData } from "node:worker_threads";
import { readSpreadsheet, type SpreadsheetLimits } from "../imports/spreadsheet.ts";

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: SpreadsheetLimits };
parentPort?.postMessage(readSpreadsheet(Buffer.from(bytes), limits));

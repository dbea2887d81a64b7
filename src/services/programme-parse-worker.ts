import { parentPort, workerData } from "node:worker_threads";
import { type ProgrammeOptions, parseProgrammeTable } from "../imports/programme-table.ts";

const { bytes, options } = workerData as { bytes: Uint8Array; options: ProgrammeOptions };
parentPort?.postMessage(parseProgrammeTable(Buffer.from(bytes), options));

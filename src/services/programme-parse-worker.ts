import { parentPort, workerData } from "node:worker_threads";
import type { ProgrammeOptions } from "../imports/programme-table.ts";
import { readProgramme } from "./programme-parser.ts";

const { bytes, options } = workerData as { bytes: Uint8Array; options: ProgrammeOptions };
parentPort?.postMessage(readProgramme(Buffer.from(bytes), options));

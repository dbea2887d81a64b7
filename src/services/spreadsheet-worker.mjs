// Worker entry: plain JavaScript so Node can start it; it loads the TypeScript reader through tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./spreadsheet-worker.ts", import.meta.url);

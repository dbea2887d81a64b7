// Worker entry: plain JavaScript so Node can start it; it loads the TypeScript parser through tsx.
import { tsImport } from "tsx/esm/api";

await tsImport("./programme-parse-worker.ts", import.meta.url);

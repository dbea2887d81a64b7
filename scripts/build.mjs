// Compiles src/ to plain JavaScript in dist/ (esbuild, one file per file, no bundling), so that
// `npm start` runs JavaScript instead of transpiling TypeScript in the bot process: start-up is
// faster and the process holds no TypeScript toolchain in memory (issue 12).
//
//   node scripts/build.mjs            build dist/ from src/
//   node scripts/build.mjs --if-stale build only when a file in src/ is newer than the last build
//
// Runs on `npm install` (postinstall, after the Prisma clients are generated) and before every
// `npm start` with --if-stale, so an edited source file is never run stale.
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");
const stamp = join(dist, ".built");

/** Every file under a directory, with its modification time. */
function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push({ path, mtime: statSync(path).mtimeMs });
  }
  return out;
}

/** Relative imports of .ts files become imports of the .js files they compile to. */
export function rewriteImports(code) {
  return code.replace(
    /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(["'])(\.{1,2}\/[^"'\n]+?)\.ts\2/g,
    (_, lead, quote, path) => `${lead}${quote}${path}.js${quote}`,
  );
}

async function build(files) {
  const { transform } = await import("esbuild");
  const { readFile } = await import("node:fs/promises");
  rmSync(dist, { recursive: true, force: true });
  await Promise.all(
    files.map(async ({ path }) => {
      const target = join(dist, relative(src, path));
      mkdirSync(dirname(target), { recursive: true });
      if (!path.endsWith(".ts") || path.endsWith(".d.ts")) return copyFileSync(path, target);
      // The source map goes into a file of its own, linked from the last line: V8 keeps every loaded
      // module's whole text in the heap, and inline maps were three quarters of it (issue 12).
      const result = await transform(await readFile(path, "utf8"), {
        loader: "ts",
        format: "esm",
        target: "node20",
        platform: "node",
        sourcemap: "external",
        sourcefile: relative(root, path),
      });
      const js = target.replace(/\.ts$/, ".js");
      writeFileSync(`${js}.map`, result.map);
      writeFileSync(js, `${rewriteImports(result.code)}//# sourceMappingURL=${basename(js)}.map\n`);
    }),
  );
  writeFileSync(stamp, new Date().toISOString());
}

const files = walk(src);
const ifStale = process.argv.includes("--if-stale");
const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (!ifStale || files.some((f) => f.mtime > built)) {
  const started = Date.now();
  await build(files);
  if (!ifStale || process.env.YIQI_BUILD_VERBOSE) {
    process.stderr.write(`built dist/ from src/ (${files.length} files) in ${Date.now() - started} ms\n`);
  }
}

// Derives the PostgreSQL copy of the Prisma schema from prisma/schema.prisma
// and generates one Prisma client per provider (src/generated/{sqlite,postgresql}).
// Runs on `npm install` (postinstall) and as `npm run db:generate`. Offline:
// the `prisma-client` generator with engineType "client" needs no engine download.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "prisma", "schema.prisma");
const pgSchema = join(root, "prisma", "postgresql", "schema.prisma");

export function derivePostgresSchema(text) {
  const out = text
    .replace('provider = "sqlite"', 'provider = "postgresql"')
    .replace('output       = "../src/generated/sqlite"', 'output       = "../../src/generated/postgresql"');
  if (out === text || !out.includes('"postgresql"') || !out.includes("generated/postgresql")) {
    throw new Error("prisma/schema.prisma: could not derive the PostgreSQL schema (provider/output lines changed?)");
  }
  return `// GENERATED from prisma/schema.prisma by scripts/prisma-generate.mjs — do not edit.\n${out}`;
}

const WASM_IMPORT =
  /getQueryCompilerWasmModule: async \(\) => \{\s*const \{ wasm \} = await import\("@prisma\/client\/runtime\/query_compiler_bg\.(sqlite|postgresql)\.wasm-base64\.mjs"\)\s*return await decodeBase64AsWasm\(wasm\)\s*\}/;

/**
 * The generated client gets its query compiler (WebAssembly) by importing a module that holds it as a
 * base64 string and decoding that. A module stays loaded as long as the process runs, so its 2.4 MB of
 * source text and the 2.4 MB string it exports stay in the heap for nothing (issue 12). This writes the
 * decoded binary next to the generated client once, at generate time, and makes the client read that
 * file instead. Fails loudly if Prisma's generated code no longer has the expected shape.
 */
export function readWasmFromFile(classSource) {
  const match = WASM_IMPORT.exec(classSource);
  if (!match) {
    throw new Error("generated Prisma client: getQueryCompilerWasmModule changed shape (Prisma upgraded?)");
  }
  const replacement = `getQueryCompilerWasmModule: async () => {
    // Yiqi (scripts/prisma-generate.mjs): read the binary written at generate time rather than decoding a
    // base64 string module that would stay in memory for the life of the process
    const { readFile } = await import("node:fs/promises")
    return new WebAssembly.Module(await readFile(new URL("../${QUERY_COMPILER_FILE}", import.meta.url)))
  }`;
  return { provider: match[1], source: classSource.replace(WASM_IMPORT, replacement) };
}

export const QUERY_COMPILER_FILE = "query-compiler.wasm";

/** The query compiler's WebAssembly bytes, decoded from @prisma/client's base64 module for a provider. */
function queryCompilerBytes(provider) {
  const file = join(
    root,
    "node_modules",
    "@prisma",
    "client",
    "runtime",
    `query_compiler_bg.${provider}.wasm-base64.mjs`,
  );
  const base64 = /const wasm = "([A-Za-z0-9+/=]+)"/.exec(readFileSync(file, "utf8"))?.[1];
  if (!base64) throw new Error(`${file}: no base64 wasm found (Prisma upgraded?)`);
  const bytes = Buffer.from(base64, "base64");
  if (bytes.subarray(0, 4).toString("latin1") !== "\0asm") throw new Error(`${file}: not WebAssembly`);
  return bytes;
}

function patchClient(output) {
  const classFile = join(output, "internal", "class.ts");
  if (!existsSync(classFile)) throw new Error(`${classFile}: not generated`);
  const { provider, source } = readWasmFromFile(readFileSync(classFile, "utf8"));
  writeFileSync(join(output, QUERY_COMPILER_FILE), queryCompilerBytes(provider));
  writeFileSync(classFile, source);
}

function main() {
  mkdirSync(dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, derivePostgresSchema(readFileSync(source, "utf8")));
  const prisma = join(root, "node_modules", "prisma", "build", "index.js");
  // The schema's `url = env("DATABASE_URL")` must resolve for the CLI to read
  // the schema (otherwise it falls back to downloading a native engine); the
  // value is never used to connect here.
  const targets = [
    { schema: source, provider: "sqlite", url: "file:./data/generate.db", output: "sqlite" },
    { schema: pgSchema, provider: "postgresql", url: "postgresql://localhost/generate", output: "postgresql" },
  ];
  for (const { schema, provider, url, output } of targets) {
    execFileSync(process.execPath, [prisma, "generate", "--schema", schema], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        DATABASE_URL: url,
        YIQI_PRISMA_PROVIDER: provider,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
    });
    patchClient(join(root, "src", "generated", output));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

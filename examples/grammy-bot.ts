/**
 * An existing grammY bot (its own /ping) that mounts Yiqi's events.
 *
 *   BOT_TOKEN=123456:ABC… [TELEGRAM_API_ROOT=http://127.0.0.1:8081] [DATABASE_URL=file:./data/yiqi.db] \
 *     npx tsx examples/grammy-bot.ts
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Bot } from "grammy";
import { createYiqi, type YiqiOptions } from "yiqi";

const hostCommands = [{ command: "ping", description: "pong" }];

/** The host bot with Yiqi mounted; `yiqi` overrides options (tests pass a clock). */
export async function createGrammyHost(env: NodeJS.ProcessEnv = process.env, yiqiOptions: YiqiOptions = {}) {
  const token = env.BOT_TOKEN ?? "";
  const apiRoot = env.TELEGRAM_API_ROOT || undefined;
  const bot = new Bot(token, { client: apiRoot ? { apiRoot } : {} });
  const yiqi = await createYiqi({ token, apiRoot, databaseUrl: env.DATABASE_URL, ...yiqiOptions });

  bot.command("ping", (ctx) => ctx.reply("pong"));
  bot.use(yiqi.grammy); // Yiqi's commands, buttons and conversations; everything else goes on
  bot.chatType("private").on("message:text", (ctx) => ctx.reply("This is the host bot: try /ping or /events."));
  bot.catch((err) => console.error("host bot: update failed", err.error));

  return {
    bot,
    yiqi,
    async start() {
      for (const menu of yiqi.commandMenus()) {
        const commands = [...hostCommands, ...menu.commands];
        await bot.api.setMyCommands(commands, menu.languageCode ? { language_code: menu.languageCode } : {});
      }
      await yiqi.start();
      await new Promise<void>((started) => {
        void bot.start({ allowed_updates: yiqi.allowedUpdates, onStart: () => started() });
      });
    },
    async stop() {
      await bot.stop();
      await yiqi.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const host = await createGrammyHost();
  const stop = () => void host.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await host.start();
  console.log(`@${host.bot.botInfo.username} is running with Yiqi`);
}

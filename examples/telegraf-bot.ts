/**
 * An existing Telegraf 4 bot (its own /ping) that mounts Yiqi's events.
 *
 *   BOT_TOKEN=123456:ABC… [TELEGRAM_API_ROOT=http://127.0.0.1:8081] [DATABASE_URL=file:./data/yiqi.db] \
 *     npx tsx examples/telegraf-bot.ts
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Telegraf } from "telegraf";
import { createYiqi, type YiqiOptions } from "yiqi";

const hostCommands = [{ command: "ping", description: "pong" }];

/** The host bot with Yiqi mounted; `yiqiOptions` overrides options (tests pass a clock). */
export async function createTelegrafHost(env: NodeJS.ProcessEnv = process.env, yiqiOptions: YiqiOptions = {}) {
  const apiRoot = env.TELEGRAM_API_ROOT || undefined;
  const bot = new Telegraf(env.BOT_TOKEN ?? "", { telegram: apiRoot ? { apiRoot } : {} });
  // Yiqi calls the Bot API through the host's bot.telegram (same token, same API root)
  const yiqi = await createYiqi({ telegram: bot.telegram, databaseUrl: env.DATABASE_URL, ...yiqiOptions });

  bot.command("ping", (ctx) => ctx.reply("pong"));
  bot.use(yiqi.telegraf()); // Yiqi's commands, buttons and conversations; everything else goes on
  bot.on("text", async (ctx, next) => {
    if (ctx.chat.type !== "private") return next();
    await ctx.reply("This is the host bot: try /ping or /events.");
  });
  bot.catch((error) => console.error("host bot: update failed", error));

  return {
    bot,
    yiqi,
    async start() {
      for (const menu of yiqi.commandMenus()) {
        const commands = [...hostCommands, ...menu.commands];
        await bot.telegram.setMyCommands(commands, menu.languageCode ? { language_code: menu.languageCode } : {});
      }
      await yiqi.start();
      await new Promise<void>((started, failed) => {
        bot.launch({ allowedUpdates: [...yiqi.allowedUpdates] }, () => started()).catch(failed);
      });
    },
    async stop() {
      bot.stop();
      await yiqi.stop();
    },
  };
}

if (import.meta.url === pathToFileURL(resolve(process.argv[1] ?? "")).href) {
  const host = await createTelegrafHost();
  const stop = () => void host.stop().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await host.start();
  console.log(`@${host.bot.botInfo?.username} is running with Yiqi`);
}

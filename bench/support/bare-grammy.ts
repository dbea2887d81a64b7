/**
 * The framework's own limit: a bare grammY bot, run by @grammyjs/runner as Yiqi is, that only
 * answers each callback query. bench/http-taps.ts drives it through the same stand-in.
 */
import { run } from "@grammyjs/runner";
import { Bot } from "grammy";

const token = process.env.BOT_TOKEN ?? "";
const bot = new Bot(token, { client: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: "已报名 ✅" }));
await bot.init();
const runner = run(bot, { runner: { fetch: { allowed_updates: ["callback_query"] } } });
process.stdout.write("bare bot ready\n");
process.once("SIGTERM", () => {
  void runner.stop().then(() => process.exit(0));
});

/**
 * A Telegram Bot API emulator, shared by the tests and the playground (see DESIGN.md, "Telegram in tests").
 *
 *   const fake = await startFakeTelegram();
 *   const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
 *   const alice = fake.user({ first_name: "Alice", language_code: "en", username: "alice" });
 *   const group = fake.group({ title: "Volunteers", creator: alice });
 *   alice.send(group, "/events");
 *   await fake.waitForCall("sendMessage");
 *   alice.press(fake.lastMessage(group)!, "Sign up");
 *   await fake.idle();
 *   await bot.stop();
 *   await fake.close();
 */
export type { ApiFailure, ApiResponse, ApiSuccess } from "./api-error.ts";
export type { ApiCall } from "./call-log.ts";
export type { NotThenable, WaitForAsyncOptions, WaitOptions } from "./changes.ts";
export { TEST_BOT, TEST_BOT_ID, TEST_BOT_TOKEN } from "./constants.ts";
export { type RateLimitConfig, type RateLimitKind, TELEGRAM_LIMITS } from "./limits.ts";
export type { BotStatus, MemberStatus } from "./members.ts";
export type { UploadedFile } from "./multipart.ts";
export {
  type DisconnectOptions,
  type FailOptions,
  FakeTelegram,
  type FakeTelegramOptions,
  type SentDocument,
  startFakeTelegram,
  type WaitForCallOptions,
} from "./server.ts";
export type { ChatRef, GroupChatObject, GroupInit, UserInit, UserRef } from "./state.ts";
export { type SendOptions, SimUser } from "./users.ts";
export { EmulatorView } from "./view.ts";
export type { WebhookDelivery, WebhookSettings } from "./webhook.ts";

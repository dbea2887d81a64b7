import type { Update } from "grammy/types";
import type { Harness } from "./harness.ts";

/**
 * Resolves once the bot has taken up the service message saying it left `chatId` — the last update it gets about
 * that chat — and its handlers have had `settleMs` to finish. Waiting for the chat to look inactive is not enough:
 * the `my_chat_member` update is handled first, so a handler of the service message that follows could make the
 * chat active again, and a wait that saw the moment in between would pass.
 */
export async function removalHandled(h: Harness, chatId: number, settleMs = 150): Promise<void> {
  const left = await h.fake.waitFor(() =>
    h.fake
      .calls("getUpdates")
      .flatMap((call) => (call.response?.ok ? (call.response.result as Update[]) : []))
      .find((u) => u.message?.chat.id === chatId && u.message.left_chat_member?.id === h.fake.bot.id),
  );
  // the bot records each message update as processed before its handlers run (withYiqi)
  await h.fake.waitForAsync(() =>
    h.app.services.database.prisma.processedUpdate.findUnique({ where: { updateId: BigInt(left.update_id) } }),
  );
  await new Promise((resolve) => setTimeout(resolve, settleMs));
}

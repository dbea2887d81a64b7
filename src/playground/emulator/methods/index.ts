import { botMethods } from "./bot.ts";
import { callbackMethods } from "./callbacks.ts";
import { chatMethods } from "./chats.ts";
import type { MethodHandler } from "./context.ts";
import { documentMethods } from "./documents.ts";
import { messageMethods } from "./messages.ts";
import { updateMethods } from "./updates.ts";

const METHODS: Record<string, MethodHandler> = {
  ...botMethods,
  ...updateMethods,
  ...messageMethods,
  ...documentMethods,
  ...chatMethods,
  ...callbackMethods,
};

const BY_LOWER_CASE = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** The implementation of a method; Telegram matches method names case-insensitively. */
export function findMethod(name: string): { name: string; handler: MethodHandler } | undefined {
  return BY_LOWER_CASE.get(name.toLowerCase());
}

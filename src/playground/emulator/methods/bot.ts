import type { BotCommand } from "grammy/types";
import { badRequest } from "../api-error.ts";
import type { Params } from "../params.ts";
import type { MethodHandler } from "./context.ts";

/** The key under which commands are kept: scope type, its chat/user, and the language code. */
export function commandsKey(scope: Record<string, unknown> | undefined, languageCode: string | undefined): string {
  const type = scope?.["type"] ?? "default";
  return JSON.stringify([type, scope?.["chat_id"] ?? null, scope?.["user_id"] ?? null, languageCode ?? ""]);
}

function keyOf(params: Params): string {
  return commandsKey(params.object("scope"), params.string("language_code"));
}

function parseCommands(value: unknown[] | undefined): BotCommand[] {
  if (value === undefined) throw badRequest("commands is empty");
  if (value.length > 100) throw badRequest("too many commands");
  return value.map((item) => {
    const { command, description } = (item ?? {}) as Record<string, unknown>;
    if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
    if (typeof description !== "string" || description.length < 1 || description.length > 256) {
      throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
    }
    return { command, description };
  });
}

const getMe: MethodHandler = ({ state }) => state.bot;

const setMyCommands: MethodHandler = ({ state, params }) => {
  const commands = parseCommands(params.array("commands"));
  if (commands.length === 0) state.commands.delete(keyOf(params));
  else state.commands.set(keyOf(params), commands);
  return true;
};

const getMyCommands: MethodHandler = ({ state, params }) => state.commands.get(keyOf(params)) ?? [];

const deleteMyCommands: MethodHandler = ({ state, params }) => {
  state.commands.delete(keyOf(params));
  return true;
};

export const botMethods = { getMe, setMyCommands, getMyCommands, deleteMyCommands };

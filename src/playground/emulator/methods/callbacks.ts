import { badRequest } from "../api-error.ts";
import type { MethodHandler } from "./context.ts";

const answerCallbackQuery: MethodHandler = ({ state, params }) => {
  const id = params.requireString("callback_query_id");
  if (!state.unansweredQueries.has(id)) {
    throw badRequest("query is too old and response timeout expired or query ID is invalid");
  }
  if ((params.string("text") ?? "").length > 200) throw badRequest("MESSAGE_TOO_LONG");
  state.unansweredQueries.delete(id);
  return true;
};

export const callbackMethods = { answerCallbackQuery };

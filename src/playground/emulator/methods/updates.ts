import { badRequest } from "../api-error.ts";
import type { MethodHandler } from "./context.ts";

const getUpdates: MethodHandler = ({ state, params, signal }) => {
  const allowed = params.array("allowed_updates");
  if (allowed && !allowed.every((type) => typeof type === "string")) throw badRequest("can't parse allowed_updates");
  return state.updates.poll(
    {
      offset: params.number("offset"),
      limit: params.number("limit") ?? 100,
      timeoutMs: (params.number("timeout") ?? 0) * 1000,
      allowedUpdates: allowed as string[] | undefined,
    },
    signal,
  );
};

const deleteWebhook: MethodHandler = ({ state, params }) => {
  if (params.boolean("drop_pending_updates")) state.updates.clear();
  return true;
};

export const updateMethods = { getUpdates, deleteWebhook };

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
  state.updates.webhook.delete();
  return true;
};

const SECRET = /^[A-Za-z0-9_-]{1,256}$/;

/** Any http(s) URL is accepted (Telegram insists on https and a public address; the fake talks to 127.0.0.1). */
const setWebhook: MethodHandler = ({ state, params }) => {
  const url = params.string("url") ?? "";
  if (url === "") {
    state.updates.webhook.delete();
    return true;
  }
  if (!/^https?:\/\/[^/]+/.test(url))
    throw badRequest("bad webhook: Failed to resolve host: Name or service not known");
  const secretToken = params.string("secret_token");
  if (secretToken !== undefined && !SECRET.test(secretToken))
    throw badRequest("secret token contains unallowed characters");
  const allowed = params.array("allowed_updates");
  if (allowed && !allowed.every((type) => typeof type === "string")) throw badRequest("can't parse allowed_updates");
  const maxConnections = Math.min(100, Math.max(1, params.number("max_connections") ?? 40));
  if (params.boolean("drop_pending_updates")) state.updates.clear();
  state.updates.setWebhook({ url, secretToken, maxConnections }, allowed as string[] | undefined);
  return true;
};

const getWebhookInfo: MethodHandler = ({ state }) => {
  const settings = state.updates.webhook.settings;
  return {
    url: settings?.url ?? "",
    has_custom_certificate: false,
    pending_update_count: settings ? state.updates.webhook.pending : state.updates.pending,
    ...(settings ? { max_connections: settings.maxConnections } : {}),
  };
};

export const updateMethods = { getUpdates, deleteWebhook, setWebhook, getWebhookInfo };

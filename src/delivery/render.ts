import {
  type ApiCall,
  isDeliveryKind,
  isRenderedKind,
  jsonField,
  parseRenderArgs,
  type RenderArgs,
  type RenderedKind,
} from "./kinds.ts";
import type { Delivery } from "./outbox.ts";

/** Turns a delivery into the call to make now, or null when it no longer makes sense (then it is dropped). */
export type Renderer = (delivery: Delivery) => Promise<ApiCall | null>;

/** One renderer per kind rendered at send time (kinds.ts), each given its kind's arguments. */
export type Renderers = {
  [K in RenderedKind]: (args: RenderArgs[K], delivery: Delivery) => Promise<ApiCall | null>;
};

function readyCall(json: unknown): ApiCall | null {
  const method = jsonField(json, "method");
  const params = jsonField(json, "params");
  if (typeof method !== "string" || typeof params !== "object" || params === null) return null;
  return { method, params: Object.fromEntries(Object.entries(params)) };
}

function renderAs<K extends RenderedKind>(kind: K, json: unknown, delivery: Delivery, renderers: Renderers) {
  const args = parseRenderArgs(kind, jsonField(json, "args"));
  if (!args) throw new Error(`the payload of ${delivery.key} does not fit its kind`);
  return renderers[kind](args, delivery);
}

/**
 * The sender's renderer: a ready call is sent as stored, a rendered kind goes
 * through its renderer with its arguments checked. A row of a kind this
 * version does not know (or a payload that does not fit its kind) is an
 * error: the sender marks it failed.
 */
export function createRenderer(renderers: Renderers): Renderer {
  return async (delivery) => {
    const kind = delivery.kind;
    if (!isDeliveryKind(kind)) throw new Error(`unknown delivery kind "${kind}"`);
    const json: unknown = JSON.parse(delivery.payload);
    if (isRenderedKind(kind)) return renderAs(kind, json, delivery, renderers);
    const call = readyCall(json);
    if (!call) throw new Error(`the payload of ${delivery.key} is not a Bot API call`);
    return call;
  };
}

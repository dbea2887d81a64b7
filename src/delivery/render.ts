import type { Delivery } from "./outbox.ts";
import type { ApiCall, Renderer } from "./sender.ts";

/** Payload of a delivery: a ready Bot API call, or a named renderer run at send time (so counts are current). */
export type DeliveryPayload = ApiCall | { render: string; args: Record<string, unknown> };

export type NamedRenderer = (args: Record<string, unknown>, delivery: Delivery) => Promise<ApiCall | null>;

export function createRenderer(named: Record<string, NamedRenderer>): Renderer {
  return async (delivery) => {
    const payload = JSON.parse(delivery.payload) as DeliveryPayload;
    if ("method" in payload) return payload;
    const render = named[payload.render];
    if (!render) throw new Error(`no renderer "${payload.render}"`);
    return render(payload.args, delivery);
  };
}

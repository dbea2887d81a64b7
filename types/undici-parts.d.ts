// The two parts of undici that bot/bot-api-fetch.ts loads instead of the whole package (its index also loads
// fetch, WebSocket, EventSource, the cache and the mocks: about 130 ms of start-up). Their types are undici's own.
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";

  const AgentClass: typeof Agent;
  export default AgentClass;
}

declare module "undici/lib/api/api-request.js" {
  import type { Dispatcher } from "undici";

  /** Dispatcher.prototype.request, called with the dispatcher as `this` */
  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}

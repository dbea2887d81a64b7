// The part of undici that bot/bot-api-fetch.ts loads instead of the whole package (its index also loads
// fetch, WebSocket, EventSource, the cache and the mocks: about 130 ms of start-up). Its types are undici's own.
// The path is undici's internal layout, so package.json takes its patch releases only (~7.30).
declare module "undici/lib/dispatcher/agent.js" {
  import type { Agent } from "undici";

  const AgentClass: typeof Agent;
  export default AgentClass;
}

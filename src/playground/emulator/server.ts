import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { BotCommand, BotCommandScope, Chat, Message, UserFromGetMe } from "grammy/types";
import { ApiError, type ApiResponse, httpFailure, tooManyRequests } from "./api-error.ts";
import { type ApiCall, CallLog } from "./call-log.ts";
import {
  Changes,
  DEFAULT_POLL_MS,
  DEFAULT_WAIT_MS,
  type NotThenable,
  type WaitForAsyncOptions,
  type WaitOptions,
} from "./changes.ts";
import { migrateToSupergroup, setBotStatus, setMemberStatus } from "./chat-events.ts";
import { TEST_BOT, TEST_BOT_TOKEN } from "./constants.ts";
import { Faults } from "./faults.ts";
import type { RateLimitConfig, RateLimitKind } from "./limits.ts";
import type { BotStatus, MemberStatus } from "./members.ts";
import { commandsKey } from "./methods/bot.ts";
import { findMethod } from "./methods/index.ts";
import { Params } from "./params.ts";
import { parseRoute, readPayload } from "./request.ts";
import {
  type ChatRecord,
  type ChatRef,
  type GroupChatObject,
  type GroupInit,
  TelegramState,
  type UserInit,
  type UserRef,
} from "./state.ts";
import { SimUser } from "./users.ts";
import { EmulatorView } from "./view.ts";
import type { WebhookDelivery, WebhookSettings } from "./webhook.ts";

export interface FakeTelegramOptions {
  /** The token the bot must use; default TEST_BOT_TOKEN. */
  token?: string;
  /** Overrides of the bot user returned by getMe. */
  bot?: Partial<UserFromGetMe>;
  /** Sending limits to enforce from the start (off by default); see TELEGRAM_LIMITS. */
  limits?: RateLimitConfig;
  /** The clock for `date` fields, the call log and rate-limit windows (ms); default Date.now. */
  now?: () => number;
  /** Deliver only commands, replies to the bot and service messages from groups, like a default bot; default true. */
  privacyMode?: boolean;
}

/** A document the bot sent, with the uploaded bytes. */
export interface SentDocument {
  message: Message;
  fileName: string;
  mimeType: string | undefined;
  data: Buffer;
}

export interface FailOptions {
  /** How many calls fail; default 1. */
  times?: number;
  description?: string;
  /** `parameters.retry_after` (seconds) when the status is 429; default 1. */
  retryAfter?: number;
}

export interface DisconnectOptions {
  /** How many calls are cut; default 1. */
  times?: number;
  /** Let the call take effect before cutting the connection, so only the answer is lost. Default false. */
  processed?: boolean;
}

export interface WaitForCallOptions extends WaitOptions {
  /** Index in `calls()` to search from; default: only calls recorded after waitForCall was called. */
  since?: number;
}

/** A fake Telegram Bot API server on 127.0.0.1; create it with `startFakeTelegram()`. */
export class FakeTelegram {
  readonly token: string;
  private readonly state: TelegramState;
  private readonly changes = new Changes();
  private readonly listeners = new Set<() => void>();
  private readonly log = new CallLog(() => this.changed());
  /** What a person would see: their chats, each chat's messages, files (the playground's page reads it). */
  readonly view: EmulatorView;
  private readonly faults = new Faults();
  /** methods (lower case) whose requests are accepted and never answered; "*" for every method */
  private readonly blackHoled = new Set<string>();
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;
  private closing: Promise<void> | undefined;

  constructor(options: FakeTelegramOptions = {}) {
    this.token = options.token ?? TEST_BOT_TOKEN;
    const bot = { ...TEST_BOT, ...options.bot };
    this.state = new TelegramState(bot, options.now ?? Date.now, options.privacyMode ?? true, () => this.changed());
    this.view = new EmulatorView(this.state, this.log);
    this.state.limits.configure(options.limits ?? {});
    this.server = createServer((request, response) => void this.handle(request, response));
  }

  /** Starts listening on an ephemeral port of 127.0.0.1. */
  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(0, "127.0.0.1", () => resolve());
    });
  }

  /** The value for grammY's `client.apiRoot`, e.g. `http://127.0.0.1:41234`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The bot user returned by getMe. */
  get bot(): UserFromGetMe {
    return this.state.bot;
  }

  // Users and chats

  /** Creates a user (and the user's private chat with the bot, not yet started unless `started: true`). */
  user(init: UserInit): SimUser {
    return new SimUser(this.state, this.state.addUser(init).user);
  }

  /** Creates a group or supergroup with its members; the bot is a member unless `bot` says otherwise. */
  group(init: GroupInit): GroupChatObject {
    return { ...(this.state.addGroup(init).chat as GroupChatObject) };
  }

  /** Adds, promotes, removes or kicks the bot (`my_chat_member` + service message). `by` defaults to the creator. */
  setBotStatus(chat: ChatRef, status: BotStatus, options: { by?: UserRef } = {}): void {
    const record = this.state.chatOf(chat);
    setBotStatus(this.state, record, status, this.actor(record, options.by));
  }

  /** Changes a member's status (`chat_member` update if the bot is admin, + join/leave message). */
  setMemberStatus(chat: ChatRef, user: UserRef, status: MemberStatus, options: { by?: UserRef } = {}): void {
    const record = this.state.chatOf(chat);
    const target = this.state.userOf(user).user;
    setMemberStatus(this.state, record, target, status, this.actor(record, options.by, user));
  }

  /** Upgrades a basic group to a supergroup and returns the new chat. */
  migrate(chat: ChatRef, options: { by?: UserRef } = {}): Chat.SupergroupChat {
    const record = this.state.chatOf(chat);
    return migrateToSupergroup(this.state, record, this.actor(record, options.by));
  }

  /** A user's (or the bot's) current status in a chat. */
  memberStatus(chat: ChatRef, user: UserRef): MemberStatus {
    return this.state.statusOf(this.state.chatOf(chat), typeof user === "number" ? user : user.id);
  }

  // Observation

  /** Every call so far (or of one method), in the order answered. */
  calls(method?: string): ApiCall[] {
    return this.log.list(method);
  }

  /** The bot's messages in a chat that still exist, as they are now (after edits). */
  sent(chat: ChatRef): Message[] {
    const record = this.state.chats.get(typeof chat === "number" ? chat : chat.id);
    if (!record) return [];
    return [...record.messages.values()]
      .filter((message) => message.from.id === this.state.bot.id)
      .map((message) => structuredClone(message));
  }

  /** The bot's latest message in a chat. */
  lastMessage(chat: ChatRef): Message | undefined {
    return this.sent(chat).at(-1);
  }

  /** The documents the bot sent to a chat, with their bytes. */
  documents(chat: ChatRef): SentDocument[] {
    return this.sent(chat).flatMap((message) => {
      const document = message.document;
      const file = document && this.state.files.get(document.file_id);
      if (!document || !file) return [];
      return [{ message, fileName: file.filename, mimeType: document.mime_type, data: file.data }];
    });
  }

  /** The photos the bot sent to a chat (the largest size of each), with their bytes. */
  photos(chat: ChatRef): SentDocument[] {
    return this.sent(chat).flatMap((message) => {
      const photo = message.photo?.at(-1);
      const file = photo && this.state.files.get(photo.file_id);
      if (!photo || !file) return [];
      return [{ message, fileName: file.filename, mimeType: file.contentType, data: file.data }];
    });
  }

  /** The parameters of every answerCallbackQuery call for this query (a second answer gets a 400). */
  answers(callbackQueryId: string): Record<string, unknown>[] {
    return this.log
      .list("answerCallbackQuery")
      .filter((call) => call.params["callback_query_id"] === callbackQueryId)
      .map((call) => call.params);
  }

  /** The commands set for a scope and language (exactly that pair, as getMyCommands answers). */
  commands(options: { scope?: BotCommandScope; language_code?: string } = {}): BotCommand[] {
    const key = commandsKey(options.scope as Record<string, unknown> | undefined, options.language_code);
    return structuredClone(this.state.commands.get(key) ?? []);
  }

  /** Updates queued and not yet confirmed by the bot (in webhook mode: not yet answered with a 2xx). */
  pendingUpdates(): number {
    const { updates } = this.state;
    return updates.webhook.active ? updates.webhook.pending : updates.pending;
  }

  // Webhook

  /**
   * Stands in for a load balancer in front of several instances: once the bot has called setWebhook, updates
   * are POSTed round-robin to these URLs instead of the one it gave (`undefined`: to that one again).
   */
  spreadWebhook(urls: string[] | undefined): void {
    this.state.updates.webhook.spread(urls);
  }

  /** The webhook the bot set (url, secret, max_connections), if any. */
  webhook(): WebhookSettings | undefined {
    const settings = this.state.updates.webhook.settings;
    return settings && { ...settings };
  }

  /** Every POST of an update so far, in the order answered (retries included). */
  webhookDeliveries(): WebhookDelivery[] {
    return this.state.updates.webhook.deliveries();
  }

  /**
   * Resolves with the first truthy result of `check`, re-evaluated whenever a call is recorded or updates move.
   * `check` must be synchronous: given one that returns a promise, the wait rejects at once (use `waitForAsync`).
   */
  waitFor<T>(check: () => NotThenable<T> | undefined | null | false, options: WaitOptions = {}): Promise<T> {
    return this.changes.waitFor(check, options.timeoutMs ?? DEFAULT_WAIT_MS, () => {
      return `waitFor condition\n${this.log.describeRecent()}`;
    });
  }

  /**
   * Resolves with the first truthy result of the async `check` (a database read, say), run again whenever the
   * fake's state changes and every `pollMs` (default 25 ms), since changes elsewhere do not notify the fake.
   */
  waitForAsync<T>(check: () => Promise<T | undefined | null | false>, options: WaitForAsyncOptions = {}): Promise<T> {
    return this.changes.waitForAsync(
      check,
      options.timeoutMs ?? DEFAULT_WAIT_MS,
      () => `waitForAsync condition\n${this.log.describeRecent()}`,
      options.pollMs ?? DEFAULT_POLL_MS,
    );
  }

  /** Resolves with the next call of `method` (matching `predicate`) once it has been answered. */
  waitForCall(
    method: string,
    predicate?: (call: ApiCall) => boolean,
    options: WaitForCallOptions = {},
  ): Promise<ApiCall> {
    const since = options.since ?? this.log.length;
    const check = () => this.log.list(method, since).find((call) => predicate?.(call) ?? true);
    return this.changes.waitFor(check, options.timeoutMs ?? DEFAULT_WAIT_MS, () => {
      return `waitForCall(${method})\n${this.log.describeRecent()}`;
    });
  }

  /**
   * Resolves once every queued update has been confirmed and the bot is waiting in a new long poll. With grammY's
   * built-in polling (which confirms a batch only after handling it) this means the bot has handled everything.
   */
  idle(options: WaitOptions = {}): Promise<void> {
    const { updates } = this.state;
    const check = () =>
      updates.webhook.active ? updates.webhook.pending === 0 : updates.pending === 0 && updates.polling;
    return this.changes
      .waitFor(check, options.timeoutMs ?? DEFAULT_WAIT_MS, () => {
        return `idle (pending updates: ${updates.pending}, polling: ${updates.polling})\n${this.log.describeRecent()}`;
      })
      .then(() => undefined);
  }

  /** Calls `listener` after every change (a call answered, updates queued or confirmed); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // Limits and faults

  /** Replaces the enforced sending limits (`{}` turns them off). */
  setLimits(limits: RateLimitConfig): void {
    this.state.limits.configure(limits);
  }

  /** How many 429s each kind of limit has answered. */
  limitHits(): Record<RateLimitKind, number> {
    return this.state.limits.hits();
  }

  /** Makes the next call(s) of `method` fail with this HTTP status (500, 502, 429 + retry_after, …). */
  failNext(method: string, status: number, options: FailOptions = {}): void {
    const error = status === 429 ? tooManyRequests(options.retryAfter ?? 1) : httpFailure(status, options.description);
    this.faults.add(method, { kind: "error", error }, options.times ?? 1);
  }

  /** Makes the next call(s) of `method` end in a network error: the socket is destroyed without an answer. */
  disconnectNext(method: string, options: DisconnectOptions = {}): void {
    this.faults.add(method, { kind: "disconnect", processed: options.processed ?? false }, options.times ?? 1);
  }

  /** Makes the next call(s) of `method` take `ms` longer before they take effect and are answered. */
  delayNext(method: string, ms: number, options: { times?: number } = {}): void {
    this.faults.add(method, { kind: "delay", ms }, options.times ?? 1);
  }

  /**
   * A black hole between the bot and Telegram: from now on requests (of `methods`, default every method) are
   * accepted and never answered, until `restore()`. A long poll already waiting is answered empty first, so the
   * bot's next poll falls in. Requests caught before `restore()` stay unanswered (the bot must time them out).
   */
  blackHole(methods: string[] = ["*"]): void {
    for (const method of methods) this.blackHoled.add(method === "*" ? "*" : method.toLowerCase());
    this.state.updates.release();
  }

  /** Ends the black hole: new requests are answered again. */
  restore(): void {
    this.blackHoled.clear();
  }

  /** How many requests the black hole holds unanswered right now. */
  heldRequests(): number {
    return this.held.size;
  }

  /** Answers waiting long polls with no updates, fails pending waits and stops the server. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.state.updates.release();
      this.state.updates.webhook.close();
      this.changes.close();
      this.server.close(() => resolve());
      setImmediate(() => this.server.closeAllConnections());
    });
    return this.closing;
  }

  private swallowed(url: URL): boolean {
    if (this.blackHoled.size === 0) return false;
    if (this.blackHoled.has("*")) return true;
    const method = parseRoute(url.pathname)?.method.toLowerCase();
    return method !== undefined && this.blackHoled.has(method);
  }

  private changed(): void {
    this.changes.notify();
    for (const listener of [...this.listeners]) listener();
  }

  private actor(chat: ChatRecord, by: UserRef | undefined, fallback?: UserRef) {
    if (by !== undefined) return this.state.userOf(by).user;
    const creator = [...chat.members].find(([, status]) => status === "creator")?.[0];
    const id = creator ?? fallback;
    if (id === undefined) throw new Error(`Say who does it ({ by }): chat ${chat.chat.id} has no creator`);
    return this.state.userOf(id).user;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname.startsWith("/file/")) return this.serveFile(url, response);
    if (this.swallowed(url)) {
      this.held.add(response);
      response.on("close", () => {
        this.held.delete(response);
        this.changed();
      });
      this.changed();
      return;
    }
    const call: ApiCall = {
      method: "",
      params: {},
      files: [],
      at: this.state.now(),
      status: 0,
      response: undefined,
    };
    const aborted = new AbortController();
    response.on("close", () => aborted.abort());
    const outcome = await this.answer(url, request, call, aborted.signal).catch(toFailure);
    if (outcome === "disconnect" || aborted.signal.aborted) {
      request.socket.destroy();
    } else {
      const body = JSON.stringify(outcome);
      call.status = outcome.ok ? 200 : outcome.error_code;
      call.response = JSON.parse(body) as ApiResponse;
      response.writeHead(call.status, { "content-type": "application/json" }).end(body);
    }
    this.log.record(call);
  }

  /** `GET /file/bot<token>/<file_path>`: the bytes of a file getFile gave a path for. */
  private serveFile(url: URL, response: ServerResponse): void {
    const match = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    const fileId = match?.[2] === undefined ? undefined : this.state.filePaths.get(decodeURIComponent(match[2]));
    const file = fileId === undefined ? undefined : this.state.files.get(fileId);
    const status = match?.[1] !== this.token ? 401 : file ? 200 : 404;
    const call: ApiCall = {
      method: "downloadFile",
      params: { path: match?.[2] },
      files: [],
      at: this.state.now(),
      status,
      response: undefined,
    };
    if (file && status === 200) {
      response
        .writeHead(200, { "content-type": "application/octet-stream", "content-length": file.data.length })
        .end(file.data);
    } else {
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 401 ? "Unauthorized" : "Not Found");
    }
    this.log.record(call);
  }

  private async answer(
    url: URL,
    request: IncomingMessage,
    call: ApiCall,
    signal: AbortSignal,
  ): Promise<ApiResponse | "disconnect"> {
    const route = parseRoute(url.pathname);
    if (!route) throw new ApiError(404, "Not Found");
    call.method = route.method;
    if (route.token !== this.token) throw new ApiError(401, "Unauthorized");
    const method = findMethod(route.method);
    if (!method) throw new ApiError(404, "Not Found");
    call.method = method.name;
    Object.assign(call, await readPayload(request, url));
    const fault = this.faults.take(method.name);
    if (fault?.kind === "error") throw fault.error;
    if (fault?.kind === "disconnect" && !fault.processed) return "disconnect";
    if (fault?.kind === "delay") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    const result = await method.handler({
      state: this.state,
      params: new Params(call.params),
      files: call.files,
      signal,
    });
    return fault?.kind === "disconnect" ? "disconnect" : { ok: true, result };
  }
}

function toFailure(error: unknown): ApiResponse {
  if (error instanceof ApiError) return error.toResponse();
  return { ok: false, error_code: 500, description: `Internal Server Error: fake Telegram failed: ${String(error)}` };
}

/** Starts a fake Telegram server; pass `fake.apiRoot` to grammY as `client.apiRoot` and `fake.token` as token. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = new FakeTelegram(options);
  await fake.listen();
  return fake;
}

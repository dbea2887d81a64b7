import { badRequest } from "./api-error.ts";

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Typed access to a call's parameters, failing with a 400 as Telegram does. */
export class Params {
  constructor(readonly values: Readonly<Record<string, unknown>>) {}

  has(name: string): boolean {
    return this.values[name] !== undefined && this.values[name] !== null;
  }

  number(name: string): number | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === "string" && NUMERIC.test(value) ? Number(value) : value;
    if (typeof number !== "number" || !Number.isFinite(number)) throw badRequest(`invalid ${name} specified`);
    return number;
  }

  requireNumber(name: string): number {
    const value = this.number(name);
    if (value === undefined) throw badRequest(`${name} is empty`);
    return value;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === "number") return String(value);
    if (typeof value !== "string") throw badRequest(`invalid ${name} specified`);
    return value;
  }

  requireString(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === "") throw badRequest(`${name} is empty`);
    return value;
  }

  boolean(name: string): boolean {
    return this.values[name] === true;
  }

  object(name: string): Record<string, unknown> | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "object" || Array.isArray(value)) throw badRequest(`can't parse ${name} JSON object`);
    return value as Record<string, unknown>;
  }

  array(name: string): unknown[] | undefined {
    const value = this.values[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw badRequest(`can't parse ${name} JSON array`);
    return value;
  }

  /** `chat_id`: an integer or an `@username` string. */
  chatId(): number | string {
    const value = this.values["chat_id"];
    if (typeof value === "number" && Number.isInteger(value)) return value;
    if (typeof value === "string" && /^-?\d+$/.test(value)) return Number(value);
    if (typeof value === "string" && value.startsWith("@")) return value;
    if (value === undefined || value === null || value === "") throw badRequest("chat_id is empty");
    throw badRequest("chat not found");
  }
}

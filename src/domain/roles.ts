/**
 * Roles (slots) of an event, each with its own places: `义诊医生 2 · 家具维修 3 · 法律咨询 2 · 志愿者 10`
 * (pure). Items are separated by `·`, `、`, `,`, `，`, `;`, `；` or `/`; each is a name and, at its end, a
 * number of places (`2`, `2人`, `２名`, `x2`); a role without a number has no limit.
 */
export interface RoleInput {
  name: string;
  /** null = no limit */
  capacity: number | null;
}

export const ROLES_MAX = 8;
export const ROLE_NAME_MAX = 30;
export const ROLE_CAPACITY_MAX = 10_000;

export type RolesResult = { ok: true; roles: RoleInput[] } | { ok: false; error: RolesError; value?: string };
export type RolesError =
  | "roles-empty"
  | "roles-too-many"
  | "roles-name-too-long"
  | "roles-duplicate"
  | "roles-capacity-range"
  | "roles-no-name";

const SEPARATORS = /\s*[·•・、,，;；/]\s*/;
const noRolesWords = new Set(["无", "不分", "不分角色", "-", "none", "no", "no roles"]);

const toAscii = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** Reads a roles line; "无" / "none" means no roles (an empty list). */
export function parseRoles(text: string): RolesResult {
  const line = toAscii(text).replace(/\s+/g, " ").trim();
  if (noRolesWords.has(line.toLowerCase())) return { ok: true, roles: [] };
  const items = line.split(SEPARATORS).filter((item) => item !== "");
  if (items.length === 0) return { ok: false, error: "roles-empty" };
  if (items.length > ROLES_MAX) return { ok: false, error: "roles-too-many" };
  const roles: RoleInput[] = [];
  for (const item of items) {
    const match = /^(.*?)\s*(?:[x×*]\s*)?(\d+)\s*(?:人|名|个|位|places?|people)?$/i.exec(item);
    const name = (match ? (match[1] ?? "") : item).replace(/[:：]$/, "").trim();
    const capacity = match ? Number(match[2]) : null;
    if (!name) return { ok: false, error: "roles-no-name", value: item };
    if (Array.from(name).length > ROLE_NAME_MAX) return { ok: false, error: "roles-name-too-long", value: item };
    if (capacity !== null && (capacity < 1 || capacity > ROLE_CAPACITY_MAX))
      return { ok: false, error: "roles-capacity-range", value: item };
    if (roles.some((r) => r.name === name)) return { ok: false, error: "roles-duplicate", value: name };
    roles.push({ name, capacity });
  }
  return { ok: true, roles };
}

/** The event's places when it has roles: their sum, or no limit if one role has none. */
export function placesOfRoles(roles: readonly RoleInput[]): number | null {
  let sum = 0;
  for (const r of roles) {
    if (r.capacity === null) return null;
    sum += r.capacity;
  }
  return sum;
}

/** `义诊医生 2 · 家具维修 3 · 志愿者` — the same syntax the organiser types. */
export function formatRoles(roles: readonly RoleInput[]): string {
  return roles.map((r) => (r.capacity === null ? r.name : `${r.name} ${r.capacity}`)).join(" · ");
}

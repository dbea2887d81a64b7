import { encodeCallback } from "./callback-data.ts";
import type { ViewContext } from "./event-views.ts";
import { userText } from "./html.ts";
import { type Button, callbackButton } from "./view.ts";

/** One role of an event as the card and the roster show it. */
export interface RoleShown {
  id: number;
  name: string;
  capacity: number | null;
  /** places held: members and their guests */
  confirmed: number;
  waitlisted: number;
}

/** "义诊医生 1/2", "家具维修 满员 · 候补 1", "志愿者 已报名 4". */
export function rolePlaces(r: RoleShown, v: ViewContext): string {
  const name = userText(r.name, 30);
  if (r.capacity === null) return v.t("role-places-unlimited", { name, confirmed: r.confirmed });
  if (r.confirmed >= r.capacity) return v.t("role-places-full", { name, waitlisted: r.waitlisted });
  return v.t("role-places-count", { name, confirmed: r.confirmed, capacity: r.capacity });
}

/** The card's lines for the roles, one per role. */
export function roleLines(roles: readonly RoleShown[], v: ViewContext): string[] {
  return roles.map((r) => `   · ${rolePlaces(r, v)}`);
}

/** One sign-up button per role (two to a row): a tap signs up for that role, or joins its waitlist. */
export function roleSignUpRows(eventId: number, roles: readonly RoleShown[], v: ViewContext): Button[][] {
  const buttons = roles.map((r) =>
    callbackButton(
      v.t("role-btn-signup", { name: Array.from(r.name).slice(0, 20).join("") }),
      encodeCallback("signUp", eventId, r.id),
    ),
  );
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

/** The roster's entries of one role, or of the event when it has none. */
export interface RoleGrouped<T> {
  role: RoleShown | null;
  confirmed: T[];
  waitlisted: T[];
}

/** Splits the roster by role, in the roles' order (an event without roles is one group). */
export function groupByRole<T extends { roleId?: number | null }>(
  roles: readonly RoleShown[],
  roster: { confirmed: T[]; waitlisted: T[] },
): RoleGrouped<T>[] {
  if (roles.length === 0) return [{ role: null, ...roster }];
  return roles.map((role) => ({
    role,
    confirmed: roster.confirmed.filter((r) => r.roleId === role.id),
    waitlisted: roster.waitlisted.filter((r) => r.roleId === role.id),
  }));
}

import { cleanText, cutToFit, isInvisible } from "./text-hygiene.ts";

/** Validation of what an organiser types when setting up an organisation (pure). */
export const orgKinds = ["city", "district", "street", "organisation"] as const;
export type OrgKindName = (typeof orgKinds)[number];

const kindWords: Record<string, OrgKindName> = {
  city: "city",
  市: "city",
  district: "district",
  county: "district",
  区: "district",
  县: "district",
  区县: "district",
  street: "street",
  town: "street",
  街道: "street",
  镇: "street",
  乡镇: "street",
  organisation: "organisation",
  organization: "organisation",
  org: "organisation",
  组织: "organisation",
  社会组织: "organisation",
};

export function parseOrgKind(text: string): OrgKindName | null {
  return kindWords[text.trim().toLowerCase()] ?? null;
}

/** The most characters of an organisation's name (longer ones are cut, and the reply says so). */
export const ORG_NAME_MAX = 100;

export type NameCheck =
  | { ok: true; name: string; shortened?: true }
  | { ok: false; error: "name-empty" | "name-invisible" };

export function checkOrgName(text: string): NameCheck {
  const name = cleanText(text, Number.MAX_SAFE_INTEGER).replace(/\s+/g, " ").trim();
  if (name.length === 0) return { ok: false, error: "name-empty" };
  if (isInvisible(name)) return { ok: false, error: "name-invisible" };
  const cut = cutToFit(name, ORG_NAME_MAX);
  return cut.shortened ? { ok: true, name: cut.value, shortened: true } : { ok: true, name };
}

export function isIanaTimeZone(text: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+){0,2}$/.test(text.trim())) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: text.trim() });
    return true;
  } catch {
    return false;
  }
}

/** Only hubs (city, district, street) have organisations below them. */
export function isHub(kind: OrgKindName): boolean {
  return kind !== "organisation";
}

/** How the parent was named: with its join code (the hub's consent), or by name (its organisers must approve). */
export type ParentNamed = "code" | "name";

export type ParentCheck =
  | { verdict: "attach"; parentId: number }
  | { verdict: "ask"; parentId: number }
  | { verdict: "refused"; error: "parent-not-hub" | "parent-not-above" | "parent-self" };

/**
 * The one rule for choosing a parent, used by the guided /setup and the one-line `/setup new` alike:
 * only a hub of a higher level can be a parent; naming it by its join code attaches at once, naming it
 * any other way asks the hub's organisers to approve.
 */
export function checkParent(
  child: { id?: number; kind: OrgKindName },
  parent: { id: number; kind: OrgKindName },
  named: ParentNamed,
): ParentCheck {
  if (child.id !== undefined && child.id === parent.id) return { verdict: "refused", error: "parent-self" };
  if (!isHub(parent.kind)) return { verdict: "refused", error: "parent-not-hub" };
  if (orgKinds.indexOf(parent.kind) >= orgKinds.indexOf(child.kind)) {
    return { verdict: "refused", error: "parent-not-above" };
  }
  return named === "code" ? { verdict: "attach", parentId: parent.id } : { verdict: "ask", parentId: parent.id };
}

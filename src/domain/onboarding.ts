import type { OrgKindName } from "./organisation-input.ts";

/**
 * Onboarding a hub's directory: which organisations below it have a linked group and which do not
 * yet, counted per level and listed missing-first. Pure: the caller reads the subtree.
 */
export interface OnboardingOrg {
  id: number;
  name: string;
  kind: OrgKindName;
  /** the parent's name; null at the top */
  parent: string | null;
  joinCode: string;
  /** the title of its first linked group; null when none is linked yet */
  group: string | null;
}

export interface LevelCount {
  kind: OrgKindName;
  linked: number;
  total: number;
}

const LEVELS: readonly OrgKindName[] = ["city", "district", "street", "organisation"];

/** Linked / total per level, top level first; levels without organisations are left out. */
export function levelCounts(orgs: readonly OnboardingOrg[]): LevelCount[] {
  return LEVELS.flatMap((kind) => {
    const here = orgs.filter((o) => o.kind === kind);
    return here.length === 0 ? [] : [{ kind, linked: here.filter((o) => o.group !== null).length, total: here.length }];
  });
}

/** The ones still without a group first; then by level (districts before their streets), parent and name. */
export function onboardingOrder(orgs: readonly OnboardingOrg[], locale: string): OnboardingOrg[] {
  const collator = new Intl.Collator(locale);
  return [...orgs].sort(
    (a, b) =>
      Number(a.group !== null) - Number(b.group !== null) ||
      LEVELS.indexOf(a.kind) - LEVELS.indexOf(b.kind) ||
      collator.compare(a.parent ?? "", b.parent ?? "") ||
      collator.compare(a.name, b.name) ||
      a.id - b.id,
  );
}

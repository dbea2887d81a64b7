/**
 * Which organisation a programme row goes to. The first organising unit is
 * matched by normalised name among the importing organisation and everything
 * below it; an unmatched unit is created under the district whose name occurs
 * in the unit's name or the place (海曙区…, 余姚市…, 宁海县…), else under the
 * importer. Pure: the caller passes the importer's subtree.
 */
export interface RoutingOrg {
  id: number;
  name: string;
  kind: string;
  parentId: number | null;
}

export interface RowRoute {
  /** the first organising unit as printed */
  unit: string;
  /** the matched organisation, or null when it is created on import */
  organisationId: number | null;
  /** the organisation's name (the unit's, when it is created) */
  organisation: string;
  /** the district it sits in (or is created in); null at city level */
  district: string | null;
  /** where a new organisation goes (set only when organisationId is null) */
  createUnder: number | null;
  /** other units that name organisations below the importer: the event is shown in their groups too */
  coHostIds: number[];
}

export function routingKey(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

export class ProgrammeRouter {
  private readonly byKey = new Map<string, RoutingOrg>();
  private readonly byId = new Map<number, RoutingOrg>();
  /** district names, longest first (the full name: "城东" alone would match 城东文化广场 of another district) */
  private readonly districtNames: { text: string; district: RoutingOrg }[] = [];

  constructor(
    private readonly importer: RoutingOrg,
    subtree: readonly RoutingOrg[],
  ) {
    for (const org of subtree) {
      this.byId.set(org.id, org);
      const key = routingKey(org.name);
      if (!this.byKey.has(key)) this.byKey.set(key, org);
      if (org.kind === "district") {
        this.districtNames.push({ text: org.name, district: org });
      }
    }
    this.districtNames.sort((a, b) => b.text.length - a.text.length);
  }

  /** The organisation a unit name matches below the importer, if any. */
  match(unit: string): RoutingOrg | null {
    return this.byKey.get(routingKey(unit)) ?? null;
  }

  route(row: { organisers: readonly string[]; place: string | null }): RowRoute {
    const [unit = "", ...others] = row.organisers;
    const coHostIds = [
      ...new Set(others.flatMap((name) => this.match(name)?.id ?? []).filter((id) => id !== this.match(unit)?.id)),
    ];
    const matched = this.match(unit);
    if (matched) {
      return {
        unit,
        organisationId: matched.id,
        organisation: matched.name,
        district: this.districtOf(matched.id)?.name ?? null,
        createUnder: null,
        coHostIds,
      };
    }
    const district = this.districtIn(unit) ?? (row.place ? this.districtIn(row.place) : null);
    const parent = district ?? this.importer;
    return {
      unit,
      organisationId: null,
      organisation: unit,
      district: district?.name ?? this.districtOf(parent.id)?.name ?? null,
      createUnder: parent.id,
      coHostIds,
    };
  }

  private districtIn(text: string): RoutingOrg | null {
    return this.districtNames.find((d) => text.includes(d.text))?.district ?? null;
  }

  private districtOf(orgId: number): RoutingOrg | null {
    let current = this.byId.get(orgId);
    for (let depth = 0; current && depth < 12; depth++) {
      if (current.kind === "district") return current;
      current = current.parentId === null ? undefined : this.byId.get(current.parentId);
    }
    return null;
  }
}
